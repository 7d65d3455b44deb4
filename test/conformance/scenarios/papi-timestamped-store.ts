// Twin of PapiTimestampedStore.java: a timestamped store (caching enabled) keeps the newest price per key.
import { Serdes, Stores, Topology, ValueAndTimestamp, type Processor, type ProcessorContext, type Record, type TimestampedKeyValueStore } from '../../../src/index';

/** Keeps the newest price per key by timestamp; forwards only records that replace the stored one. */
class LatestWins implements Processor<string, number, string, number> {
  private context!: ProcessorContext<string, number>;
  private latest!: TimestampedKeyValueStore<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.context = context;
    this.latest = context.getStateStore<TimestampedKeyValueStore<string, number>>('latest-prices');
  }

  process(record: Record<string, number>): void {
    const stored = this.latest.get(record.key);
    if (stored !== null && record.timestamp < stored.timestamp) return;
    this.latest.put(record.key, ValueAndTimestamp.make(record.value, record.timestamp));
    this.context.forward(record);
  }
}

export function topology(): Topology {
  const topology = new Topology();
  topology.addSource({ name: 'prices-source', topics: ['prices'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.Double().deserializer() });
  topology.addProcessor('latest-wins', () => new LatestWins(), 'prices-source');
  topology.addStateStore(
    Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore('latest-prices'), Serdes.String(), Serdes.Double()).withCachingEnabled(),
    'latest-wins',
  );
  topology.addSink({ name: 'changes-sink', topic: 'price-changes', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Double().serializer(), parentNames: ['latest-wins'] });
  return topology;
}
