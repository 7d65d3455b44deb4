// Twin of PapiGlobalStore.java: a global store "rates" kept by its update processor, read by a
// processor of the stream sub-topology without being connected to it.
import { Serdes, Stores, Topology, type KeyValueStore, type Processor, type ProcessorContext, type Record } from '../../../src/index';
import { javaSplit, parseDouble } from '../java-lang';

/** Keeps the global "rates" store in step with its topic: put, or delete on a tombstone. */
class RatesUpdater implements Processor<string, number | null> {
  private rates!: KeyValueStore<string, number>;

  init(context: ProcessorContext<never, never>): void {
    this.rates = context.getStateStore<KeyValueStore<string, number>>('rates');
  }

  process(record: Record<string, number | null>): void {
    if (record.value === null) this.rates.delete(record.key);
    else this.rates.put(record.key, record.value);
  }
}

/** "EUR:100" → 100 × rate(EUR); dropped while the currency has no rate. */
class Converter implements Processor<string, string, string, number> {
  private context!: ProcessorContext<string, number>;
  private rates!: KeyValueStore<string, number>;

  init(context: ProcessorContext<string, number>): void {
    this.context = context;
    this.rates = context.getStateStore<KeyValueStore<string, number>>('rates');
  }

  process(record: Record<string, string>): void {
    const parts = javaSplit(record.value, ':');
    const rate = this.rates.get(parts[0]);
    if (rate === null) return;
    this.context.forward(record.withValue(parseDouble(parts[1]) * rate));
  }
}

export function topology(): Topology {
  const topology = new Topology();
  topology.addGlobalStore({
    storeBuilder: Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('rates'), Serdes.String(), Serdes.Double()).withLoggingDisabled(),
    sourceName: 'rates-source',
    keyDeserializer: Serdes.String().deserializer(),
    valueDeserializer: Serdes.Double().deserializer(),
    topic: 'rates',
    processorName: 'rates-updater',
    stateUpdateSupplier: () => new RatesUpdater(),
  });
  topology.addSource({ name: 'orders-source', topics: ['orders'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() });
  topology.addProcessor('converter', () => new Converter(), 'orders-source');
  topology.addSink({ name: 'converted-sink', topic: 'converted', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Double().serializer(), parentNames: ['converter'] });
  return topology;
}
