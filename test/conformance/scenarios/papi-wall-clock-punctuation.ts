// Twin of PapiWallClockPunctuation.java: counts per key, emitted and cleared every second of wall-clock time.
import { PunctuationType, Record, Serdes, Stores, Topology, type KeyValue, type KeyValueStore, type Processor, type ProcessorContext } from '../../../src/index';

class PerSecondCounter implements Processor<string, string, string, number> {
  private context!: ProcessorContext<string, number>;
  private counts!: KeyValueStore<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.context = context;
    this.counts = context.getStateStore<KeyValueStore<string, number>>('pending-counts');
    context.schedule(1_000, PunctuationType.WALL_CLOCK_TIME, (wallClockMs) => this.flush(wallClockMs));
  }

  process(record: Record<string, string>): void {
    const count = this.counts.get(record.key);
    this.counts.put(record.key, (count === null ? 0 : count) + 1);
  }

  private async flush(wallClockMs: number): Promise<void> {
    const entries: KeyValue<string, number>[] = [];
    for await (const entry of this.counts.all()) entries.push(entry);
    for (const entry of entries) {
      this.context.forward(new Record(entry.key, entry.value, wallClockMs));
      this.counts.delete(entry.key);
    }
  }
}

export function topology(): Topology {
  const topology = new Topology();
  topology.addSource({ name: 'hits-source', topics: ['hits'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() });
  topology.addProcessor('counter', () => new PerSecondCounter(), 'hits-source');
  topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('pending-counts'), Serdes.String(), Serdes.Long()), 'counter');
  topology.addSink({ name: 'counts-sink', topic: 'hits-per-second', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Long().serializer(), parentNames: ['counter'] });
  return topology;
}
