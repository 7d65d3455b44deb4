import { expect } from 'chai';
import { Consumed, Materialized, Produced, Serdes, Stores, StreamsBuilder, Topology, type KeyValueStore, type Processor, type ProcessorContext, type Record, type TimestampedKeyValueStore } from '../../../../src/index';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';

/** Looks each value up in the global table's store "names" and forwards what it finds; tries to write it too when asked. */
class Lookup implements Processor<string, string, string, string> {
  private context!: ProcessorContext<string, string>;
  private names!: TimestampedKeyValueStore<string, string>;

  init(context: ProcessorContext<string, string>): void {
    this.context = context;
    this.names = context.getStateStore<TimestampedKeyValueStore<string, string>>('names');
  }

  process(record: Record<string, string>): void {
    if (record.value === 'write') this.names.put('x', null);
    this.context.forward(record.withValue(this.names.get(record.value)?.value ?? 'unknown'));
  }
}

function lookupTopology(): Topology {
  const builder = new StreamsBuilder();
  builder.globalTable('names-topic', Consumed.with(Serdes.String(), Serdes.String()), Materialized.as<string, string>('names'));
  builder
    .stream('ids', Consumed.with(Serdes.String(), Serdes.String()))
    .process(() => new Lookup())
    .to('out', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}

describe('TopologyTestDriver with global stores and pattern sources', () => {
  it('updates a global store as soon as a record is piped into its topic, and lets any processor read it', async () => {
    const driver = new TopologyTestDriver(lookupTopology(), { 'application.id': 'global', 'statestore.cache.max.bytes': 0 }, 0);
    const names = driver.createInputTopic('names-topic', Serdes.String(), Serdes.String());
    const ids = driver.createInputTopic('ids', Serdes.String(), Serdes.String());
    const out = driver.createOutputTopic('out', Serdes.String(), Serdes.String());
    await ids.pipeInput('k', 'a', 1);
    await names.pipeInput('a', 'Ada', 2);
    await ids.pipeInput('k', 'a', 3);
    expect(out.readValuesToList()).to.deep.equal(['unknown', 'Ada']);
    // a global KTable's store is timestamped; the driver reads it as plain values, as Java's does
    expect(driver.getKeyValueStore<string, string>('names')?.get('a')).to.equal('Ada');
    expect(driver.getTimestampedKeyValueStore<string, string>('names')?.get('a')).to.deep.include({ value: 'Ada', timestamp: 2 });
    await driver.close();
  });

  it('hands the task’s processors a read-only view of a global store, as Java does', async () => {
    const driver = new TopologyTestDriver(lookupTopology(), { 'application.id': 'global-read-only', 'processing.exception.handler': 'logAndFail' }, 0, {
      logger: { warn: () => undefined, error: () => undefined },
    });
    const ids = driver.createInputTopic('ids', Serdes.String(), Serdes.String());
    let failure: unknown;
    try {
      await ids.pipeInput('k', 'write', 1);
    } catch (error) {
      failure = error;
    }
    expect(String((failure as Error)?.message)).to.match(/Global store names is read only/);
    await driver.close();
  });

  it('takes records for any topic a pattern source matches, whole name only', async () => {
    const builder = new StreamsBuilder();
    builder.stream(/events-.*/, Consumed.with(Serdes.String(), Serdes.String())).to('all', Produced.with(Serdes.String(), Serdes.String()));
    const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'pattern' }, 0);
    const out = driver.createOutputTopic('all', Serdes.String(), Serdes.String());
    await driver.createInputTopic('events-eu', Serdes.String(), Serdes.String()).pipeInput('k', 'eu', 1);
    await driver.createInputTopic('events-us', Serdes.String(), Serdes.String()).pipeInput('k', 'us', 2);
    expect(out.readValuesToList()).to.deep.equal(['eu', 'us']);
    let failure: unknown;
    try {
      await driver.createInputTopic('my-events-eu', Serdes.String(), Serdes.String()).pipeInput('k', 'x', 3);
    } catch (error) {
      failure = error;
    }
    expect(String((failure as Error)?.message)).to.equal('Unknown topic: my-events-eu');
    await driver.close();
  });

  it('counts dropped records by the processor that dropped them', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream('in', Consumed.with(Serdes.String(), Serdes.String()))
      .selectKey((_key, value) => (value === 'none' ? null : value))
      .groupByKey()
      .count()
      .toStream()
      .to('counts', Produced.with<string | null, number>(Serdes.String(), Serdes.Long()));
    const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'drops', 'default.key.serde': 'String', 'default.value.serde': 'String' }, 0);
    const input = driver.createInputTopic('in', Serdes.String(), Serdes.String());
    await input.pipeInput('k', 'none', 1);
    await input.pipeInput('k', 'a', 2);
    expect([...driver.droppedRecordsByProcessor()]).to.deep.equal([['KSTREAM-FILTER-0000000005', 1]]);
    expect(driver.droppedRecords().get('null-key')).to.equal(1);
    await driver.close();
  });

  it('keeps a Processor API global store in step through its update processor', async () => {
    const topology = new Topology();
    topology.addGlobalStore({
      storeBuilder: Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('g'), Serdes.String(), Serdes.String()).withLoggingDisabled(),
      sourceName: 'g-source',
      topic: 'g-topic',
      processorName: 'g-updater',
      keyDeserializer: Serdes.String().deserializer(),
      valueDeserializer: Serdes.String().deserializer(),
      stateUpdateSupplier: () => {
        let store!: KeyValueStore<string, string>;
        return {
          init: (context: ProcessorContext<never, never>) => {
            store = context.getStateStore<KeyValueStore<string, string>>('g');
          },
          process: (record: Record<string, string | null>) => {
            if (record.value === null) store.delete(record.key);
            else store.put(record.key, record.value);
          },
        };
      },
    });
    const driver = new TopologyTestDriver(topology, { 'application.id': 'papi-global' }, 0);
    const input = driver.createInputTopic<string, string | null>('g-topic', Serdes.String(), Serdes.String());
    await input.pipeInput('a', '1', 1);
    await input.pipeInput('b', '2', 2);
    await input.pipeInput('a', null, 3);
    const store = driver.getKeyValueStore<string, string>('g')!;
    expect(store.get('a')).to.equal(null);
    expect(store.get('b')).to.equal('2');
    await driver.close();
  });
});
