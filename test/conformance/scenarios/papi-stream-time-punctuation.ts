// Twin of PapiStreamTimePunctuation.java: a running sum per key; every 10 s of stream time all sums
// are forwarded, stamped with the punctuation time.
import { PunctuationType, Record, Serdes, Stores, Topology, type KeyValueStore, type Processor, type ProcessorContext } from '../../../src/index';

class Summer implements Processor<string, number, string, number> {
  private context!: ProcessorContext<string, number>;
  private sums!: KeyValueStore<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.context = context;
    this.sums = context.getStateStore<KeyValueStore<string, number>>('sums');
    context.schedule(10_000, PunctuationType.STREAM_TIME, (timestamp) => this.emit(timestamp));
  }

  process(record: Record<string, number>): void {
    const sum = this.sums.get(record.key);
    this.sums.put(record.key, (sum === null ? 0 : sum) + record.value);
  }

  private async emit(timestamp: number): Promise<void> {
    for await (const entry of this.sums.all()) this.context.forward(new Record(entry.key, entry.value, timestamp));
  }
}

export function topology(): Topology {
  const topology = new Topology();
  topology.addSource({ name: 'readings-source', topics: ['readings'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.Long().deserializer() });
  topology.addProcessor('summer', () => new Summer(), 'readings-source');
  topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('sums'), Serdes.String(), Serdes.Long()), 'summer');
  topology.addSink({ name: 'sums-sink', topic: 'sums', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Long().serializer(), parentNames: ['summer'] });
  return topology;
}
