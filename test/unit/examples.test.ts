// The topologies users start from, written as a Java user would port them, through the public
// API only, run on the TopologyTestDriver with exact outputs (key, value, timestamp).
import { expect } from 'chai';
import {
  Consumed,
  Grouped,
  KeyValue,
  Materialized,
  Produced,
  PunctuationType,
  Record,
  Serdes,
  Stores,
  StreamsBuilder,
  Topology,
  TopologyTestDriver,
  type KeyValueStore,
  type Processor,
  type ProcessorContext,
} from '../../src/index';

const noCache = { 'application.id': 'examples', 'statestore.cache.max.bytes': 0 } as const;

function records<K, V>(list: { key: K | null; value: V | null; timestamp?: number }[]): [K | null, V | null, number | undefined][] {
  return list.map((r) => [r.key, r.value, r.timestamp]);
}

describe('examples users start from', () => {
  it('filter: keeps values longer than 5 characters (stream_log → stream_log_filter)', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream('stream_log', Consumed.with(Serdes.String(), Serdes.String()))
      .filter((_k, v) => v.length > 5)
      .to('stream_log_filter', Produced.with(Serdes.String(), Serdes.String()));
    const topology = builder.build();
    expect(topology.describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [stream_log])\n' +
        '      --> KSTREAM-FILTER-0000000001\n' +
        '    Processor: KSTREAM-FILTER-0000000001 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000002\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Sink: KSTREAM-SINK-0000000002 (topic: stream_log_filter)\n' +
        '      <-- KSTREAM-FILTER-0000000001\n\n',
    );
    const driver = new TopologyTestDriver(topology, noCache, 0);
    const input = driver.createInputTopic('stream_log', Serdes.String(), Serdes.String());
    const output = driver.createOutputTopic('stream_log_filter', Serdes.String(), Serdes.String());
    await input.pipeInput('k1', 'short', 1_000);
    await input.pipeInput('k2', 'long enough', 2_000);
    await input.pipeInput('k3', 'sixsix', 3_000);
    expect(records(output.readRecordsToList())).to.deep.equal([
      ['k2', 'long enough', 2_000],
      ['k3', 'sixsix', 3_000],
    ]);
    await driver.close();
  });

  it('orders: selectKey(item) → mapValues(quantity) → groupByKey → reduce(sum)', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream('orders', Consumed.with(Serdes.String(), Serdes.String()))
      .selectKey((_orderId, csv) => csv.split(',')[0])
      .mapValues((csv) => Number(csv.split(',')[1]))
      .groupByKey(Grouped.with(Serdes.String(), Serdes.Integer()))
      .reduce((a, b) => a + b, Materialized.as<string, number>('quantity-by-item'))
      .toStream()
      .to('quantity-by-item', Produced.with(Serdes.String(), Serdes.Integer()));
    const driver = new TopologyTestDriver(builder.build(), noCache, 0);
    const input = driver.createInputTopic('orders', Serdes.String(), Serdes.String());
    await input.pipeInput('o1', 'apple,3', 10);
    await input.pipeInput('o2', 'pear,1', 20);
    await input.pipeInput('o3', 'apple,4', 15);
    expect(records(driver.createOutputTopic('quantity-by-item', Serdes.String(), Serdes.Integer()).readRecordsToList())).to.deep.equal([
      ['apple', 3, 10],
      ['pear', 1, 20],
      // the aggregate keeps the larger of its own and the record's timestamp
      ['apple', 7, 15],
    ]);
    expect(driver.getTimestampedKeyValueStore<string, number>('quantity-by-item')!.get('apple')?.value).to.equal(7);
    await driver.close();
  });

  it('word count: flatMapValues → groupBy(word) → count, through its repartition topic', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream('text-input', Consumed.with(Serdes.String(), Serdes.String()))
      .flatMapValues((line) => line.toLowerCase().split(/\W+/).filter((w) => w.length > 0))
      .groupBy((_k, word) => word, Grouped.with(Serdes.String(), Serdes.String()))
      .count(Materialized.as<string, number>('counts-store'))
      .toStream()
      .to('word-counts', Produced.with(Serdes.String(), Serdes.Long()));
    const driver = new TopologyTestDriver(builder.build(), noCache, 0);
    const input = driver.createInputTopic('text-input', Serdes.String(), Serdes.String());
    await input.pipeInput(null, 'Hello Kafka Streams', 1);
    await input.pipeInput(null, 'hello streams', 2);
    expect(records(driver.createOutputTopic('word-counts', Serdes.String(), Serdes.Long()).readRecordsToList())).to.deep.equal([
      ['hello', 1, 1],
      ['kafka', 1, 1],
      ['streams', 1, 1],
      ['hello', 2, 2],
      ['streams', 2, 2],
    ]);
    expect([...driver.producedTopicNames()].sort()).to.deep.equal(['examples-counts-store-changelog', 'examples-counts-store-repartition', 'word-counts']);
    // as in Java's driver, a KTable's (timestamped) store reads as plain values through getKeyValueStore
    const counts = driver.getKeyValueStore<string, number>('counts-store')!;
    expect(counts.get('hello')).to.equal(2);
    const all: [string, number][] = [];
    for await (const { key, value } of counts.all()) all.push([key, value]);
    expect(all).to.deep.equal([['hello', 2], ['kafka', 1], ['streams', 2]]);
    expect(driver.getTimestampedKeyValueStore<string, number>('counts-store')!.get('hello')).to.deep.include({ value: 2, timestamp: 2 });
    await driver.close();
  });

  it('a Processor API counter with a wall-clock punctuation', async () => {
    class Counter implements Processor<string, string, string, number> {
      private context!: ProcessorContext<string, number>;
      private store!: KeyValueStore<string, number>;
      init(context: ProcessorContext<string, number>): void {
        this.context = context;
        this.store = context.getStateStore('counts');
        context.schedule(60_000, PunctuationType.WALL_CLOCK_TIME, async (now) => {
          for await (const { key, value } of this.store.all()) this.context.forward(new Record(key, value, now));
        });
      }
      process(record: Record<string, string>): void {
        this.store.put(record.key, (this.store.get(record.key) ?? 0) + 1);
      }
    }
    const topology = new Topology()
      .addSource('Source', 'events')
      .addProcessor('Counter', () => new Counter(), 'Source')
      .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.String(), Serdes.Long()), 'Counter')
      .addSink({ name: 'Sink', topic: 'counts-out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Long().serializer(), parentNames: ['Counter'] });
    expect(topology.describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: Source (topics: [events])\n' +
        '      --> Counter\n' +
        '    Processor: Counter (stores: [counts])\n' +
        '      --> Sink\n' +
        '      <-- Source\n' +
        '    Sink: Sink (topic: counts-out)\n' +
        '      <-- Counter\n\n',
    );
    const config = { ...noCache, 'default.key.serde': Serdes.String(), 'default.value.serde': Serdes.String() };
    const driver = new TopologyTestDriver(topology, config, 1_000_000);
    const input = driver.createInputTopic('events', Serdes.String(), Serdes.String());
    await input.pipeKeyValueList([KeyValue.pair('a', 'x'), KeyValue.pair('b', 'x'), KeyValue.pair('a', 'x')], 5);
    const output = driver.createOutputTopic('counts-out', Serdes.String(), Serdes.Long());
    await driver.advanceWallClockTime(59_999);
    expect(output.isEmpty()).to.equal(true);
    await driver.advanceWallClockTime(1);
    expect(records(output.readRecordsToList())).to.deep.equal([
      ['a', 2, 1_060_000],
      ['b', 1, 1_060_000],
    ]);
    await driver.close();
  });

  it('KTable groupBy with a subtractor: a user moving between regions leaves one count and joins the other', async () => {
    const builder = new StreamsBuilder();
    builder
      .table('user-regions', Consumed.with(Serdes.String(), Serdes.String()))
      .groupBy((user, region) => KeyValue.pair(region, user), Grouped.with(Serdes.String(), Serdes.String()))
      .count()
      .toStream()
      .to('users-per-region', Produced.with(Serdes.String(), Serdes.Long()));
    const driver = new TopologyTestDriver(builder.build(), noCache, 0);
    const input = driver.createInputTopic('user-regions', Serdes.String(), Serdes.String());
    await input.pipeInput('alice', 'europe', 1);
    await input.pipeInput('bob', 'europe', 2);
    await input.pipeInput('alice', 'asia', 3);
    await input.pipeInput('bob', null, 4);
    expect(records(driver.createOutputTopic('users-per-region', Serdes.String(), Serdes.Long()).readRecordsToList())).to.deep.equal([
      ['europe', 1, 1],
      ['europe', 2, 2],
      ['europe', 1, 3],
      ['asia', 1, 3],
      ['europe', 0, 4],
    ]);
    await driver.close();
  });
});
