import { expect } from 'chai';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Grouped } from '../../../../src/core/dsl/grouped';
import { Materialized } from '../../../../src/core/dsl/materialized';
import { Named } from '../../../../src/core/dsl/named';
import { Produced } from '../../../../src/core/dsl/produced';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import { Serdes } from '../../../../src/core/serde/serdes';
import { Stores } from '../../../../src/core/state/stores';
import type { TestDriverConfig } from '../../../../src/core/testing/topology-test-driver';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';
import type { Topology } from '../../../../src/core/topology/topology';

const NO_CACHE: TestDriverConfig = { 'statestore.cache.max.bytes': 0 };
const CACHE: TestDriverConfig = { 'statestore.cache.max.bytes': 10 * 1024 * 1024 };

interface Out<K, V> {
  key: K | null;
  value: V | null;
  timestamp: number | undefined;
}

/** Pipes string records (a null value is a tombstone) and returns what `output` received. */
async function run<K, V>(
  topology: Topology,
  config: TestDriverConfig,
  inputs: readonly [string | null, string | null, number][],
  output: { topic: string; key: typeof Serdes.String | typeof Serdes.Integer; value: typeof Serdes.String | typeof Serdes.Long | typeof Serdes.Integer },
  inputTopic = 'input',
): Promise<{ records: Out<K, V>[]; driver: TopologyTestDriver }> {
  const driver = new TopologyTestDriver(topology, { 'application.id': 'ktable-test', ...config }, 0);
  const input = driver.createInputTopic<string | null, string | null>(inputTopic, Serdes.String(), Serdes.String(), 0);
  const out = driver.createOutputTopic(output.topic, output.key() as never, output.value() as never);
  for (const [key, value, timestamp] of inputs) await input.pipeInput(key, value, timestamp);
  await driver.close();
  const records = out.readRecordsToList().map((r) => ({ key: r.key as K | null, value: r.value as V | null, timestamp: r.timestamp }));
  return { records, driver };
}

function rec<K, V>(key: K, value: V | null, timestamp: number): Out<K, V> {
  return { key, value, timestamp };
}

describe('KTable', () => {
  describe('describe() matches Java 3.9', () => {
    it('does not materialize a source table that nothing needs (TopologyTest#kTableNonMaterializedFilter)', () => {
      const builder = new StreamsBuilder();
      builder.table('input-topic').filter(() => false);
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
          '      --> KTABLE-SOURCE-0000000002\n' +
          '    Processor: KTABLE-SOURCE-0000000002 (stores: [])\n' +
          '      --> KTABLE-FILTER-0000000003\n' +
          '      <-- KSTREAM-SOURCE-0000000001\n' +
          '    Processor: KTABLE-FILTER-0000000003 (stores: [])\n' +
          '      --> none\n' +
          '      <-- KTABLE-SOURCE-0000000002\n\n',
      );
    });

    it('burns a store index for an unnamed Materialized but does not materialize it (kTableAnonymousMaterializedFilter)', () => {
      const builder = new StreamsBuilder();
      builder.table('input-topic').filter(() => false, Materialized.with(null, null));
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
          '      --> KTABLE-SOURCE-0000000002\n' +
          '    Processor: KTABLE-SOURCE-0000000002 (stores: [])\n' +
          '      --> KTABLE-FILTER-0000000004\n' +
          '      <-- KSTREAM-SOURCE-0000000001\n' +
          '    Processor: KTABLE-FILTER-0000000004 (stores: [])\n' +
          '      --> none\n' +
          '      <-- KTABLE-SOURCE-0000000002\n' +
          '\n',
      );
    });

    it('materializes a filter into a named store (kTableNamedMaterializedFilter)', () => {
      const builder = new StreamsBuilder();
      builder.table('input-topic').filter(() => false, Materialized.as('store-name'));
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
          '      --> KTABLE-SOURCE-0000000002\n' +
          '    Processor: KTABLE-SOURCE-0000000002 (stores: [])\n' +
          '      --> KTABLE-FILTER-0000000003\n' +
          '      <-- KSTREAM-SOURCE-0000000001\n' +
          '    Processor: KTABLE-FILTER-0000000003 (stores: [store-name])\n' +
          '      --> none\n' +
          '      <-- KTABLE-SOURCE-0000000002\n' +
          '\n',
      );
    });

    it('names mapValues like Java, materialized or not (kTable*MapValuesShouldPreserveTopologyStructure)', () => {
      const plain = new StreamsBuilder();
      plain.table('input-topic').mapValues(() => null);
      expect(plain.build().describe().toString()).to.contain('Processor: KTABLE-MAPVALUES-0000000003 (stores: [])');

      const anonymous = new StreamsBuilder();
      anonymous.table('input-topic').mapValues(() => null, Materialized.with(null, null));
      expect(anonymous.build().describe().toString()).to.contain('Processor: KTABLE-MAPVALUES-0000000004 (stores: [])');

      const named = new StreamsBuilder();
      named.table('input-topic').mapValues(() => null, Materialized.as<unknown, null>('store-name').withKeySerde(null).withValueSerde(null));
      expect(named.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
          '      --> KTABLE-SOURCE-0000000002\n' +
          '    Processor: KTABLE-SOURCE-0000000002 (stores: [])\n' +
          '      --> KTABLE-MAPVALUES-0000000003\n' +
          '      <-- KSTREAM-SOURCE-0000000001\n' +
          '    Processor: KTABLE-MAPVALUES-0000000003 (stores: [store-name])\n' +
          '      --> none\n' +
          '      <-- KTABLE-SOURCE-0000000002\n' +
          '\n',
      );
    });

    it('materializes the source and repartitions for groupBy().count() (tableZeroArgCountShouldPreserveTopologyStructure)', () => {
      const builder = new StreamsBuilder();
      builder.table<string, string>('input-topic').groupBy((key, value) => ({ key: value, value: key })).count();
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic])\n' +
          '      --> KTABLE-SOURCE-0000000002\n' +
          '    Processor: KTABLE-SOURCE-0000000002 (stores: [input-topic-STATE-STORE-0000000000])\n' +
          '      --> KTABLE-SELECT-0000000003\n' +
          '      <-- KSTREAM-SOURCE-0000000001\n' +
          '    Processor: KTABLE-SELECT-0000000003 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000005\n' +
          '      <-- KTABLE-SOURCE-0000000002\n' +
          '    Sink: KSTREAM-SINK-0000000005 (topic: KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition)\n' +
          '      <-- KTABLE-SELECT-0000000003\n' +
          '\n' +
          '  Sub-topology: 1\n' +
          '    Source: KSTREAM-SOURCE-0000000006 (topics: [KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition])\n' +
          '      --> KTABLE-AGGREGATE-0000000007\n' +
          '    Processor: KTABLE-AGGREGATE-0000000007 (stores: [KTABLE-AGGREGATE-STATE-STORE-0000000004])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000006\n' +
          '\n',
      );
    });

    it('names the repartition topic after a named count store (tableNamedMaterializedCountShouldPreserveTopologyStructure)', () => {
      const builder = new StreamsBuilder();
      builder
        .table<string, string>('input-topic')
        .groupBy((key, value) => ({ key: value, value: key }))
        .count(Materialized.as<string, number>('count-store'));
      const text = builder.build().describe().toString();
      expect(text).to.contain('    Sink: KSTREAM-SINK-0000000004 (topic: count-store-repartition)\n');
      expect(text).to.contain('    Source: KSTREAM-SOURCE-0000000005 (topics: [count-store-repartition])\n');
      expect(text).to.contain('    Processor: KTABLE-AGGREGATE-0000000006 (stores: [count-store])\n');
    });

    it('names the repartition topic, sink and source after Grouped and Named', () => {
      const builder = new StreamsBuilder();
      builder
        .table('input-topic', Consumed.as<string, string>('table'))
        .groupBy((key, value) => ({ key: value, value: key }), Grouped.as<string, string>('by-value'))
        .reduce((a, b) => a + b, (a, b) => a + b, Named.as('reducer'));
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: table-source (topics: [input-topic])\n' +
          '      --> table\n' +
          '    Processor: table (stores: [input-topic-STATE-STORE-0000000000])\n' +
          '      --> by-value\n' +
          '      <-- table-source\n' +
          '    Processor: by-value (stores: [])\n' +
          '      --> reducer-sink\n' +
          '      <-- table\n' +
          '    Sink: reducer-sink (topic: by-value-repartition)\n' +
          '      <-- by-value\n' +
          '\n' +
          '  Sub-topology: 1\n' +
          '    Source: reducer-source (topics: [by-value-repartition])\n' +
          '      --> reducer\n' +
          '    Processor: reducer (stores: [KTABLE-AGGREGATE-STATE-STORE-0000000004])\n' +
          '      --> none\n' +
          '      <-- reducer-source\n' +
          '\n',
      );
    });

    it('does not materialize toTable() unless needed (KStreamImplTest#shouldNotMaterializedKTableFromKStream)', () => {
      const builder = new StreamsBuilder();
      builder.stream('input', Consumed.with(Serdes.String(), Serdes.String())).toTable().toStream().to('output');
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
          '      --> KSTREAM-TOTABLE-0000000001\n' +
          '    Processor: KSTREAM-TOTABLE-0000000001 (stores: [])\n' +
          '      --> KTABLE-TOSTREAM-0000000003\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KTABLE-TOSTREAM-0000000003 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000004\n' +
          '      <-- KSTREAM-TOTABLE-0000000001\n' +
          '    Sink: KSTREAM-SINK-0000000004 (topic: output)\n' +
          '      <-- KTABLE-TOSTREAM-0000000003\n\n',
      );
    });

    it('materializes toTable() into a supplied store (KStreamImplTest#shouldMaterializeKTableFromKStream)', () => {
      const builder = new StreamsBuilder();
      builder.stream('input', Consumed.with(Serdes.String(), Serdes.String())).toTable(Materialized.as<string, string>(Stores.inMemoryKeyValueStore('store')));
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
          '      --> KSTREAM-TOTABLE-0000000001\n' +
          '    Processor: KSTREAM-TOTABLE-0000000001 (stores: [store])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      );
    });

    it('repartitions toTable() after a key change (KStreamImplTest#shouldSupportKeyChangeKTableFromKStream)', () => {
      const builder = new StreamsBuilder();
      builder
        .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
        .map((key, value) => ({ key: key.charCodeAt(0) - 'A'.charCodeAt(0), value }))
        .toTable(Materialized.with<number, string>(Serdes.Integer(), null))
        .toStream()
        .to('output');
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
          '      --> KSTREAM-MAP-0000000001\n' +
          '    Processor: KSTREAM-MAP-0000000001 (stores: [])\n' +
          '      --> KSTREAM-FILTER-0000000005\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KSTREAM-FILTER-0000000005 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000004\n' +
          '      <-- KSTREAM-MAP-0000000001\n' +
          '    Sink: KSTREAM-SINK-0000000004 (topic: KSTREAM-TOTABLE-0000000002-repartition)\n' +
          '      <-- KSTREAM-FILTER-0000000005\n' +
          '\n' +
          '  Sub-topology: 1\n' +
          '    Source: KSTREAM-SOURCE-0000000006 (topics: [KSTREAM-TOTABLE-0000000002-repartition])\n' +
          '      --> KSTREAM-TOTABLE-0000000002\n' +
          '    Processor: KSTREAM-TOTABLE-0000000002 (stores: [])\n' +
          '      --> KTABLE-TOSTREAM-0000000007\n' +
          '      <-- KSTREAM-SOURCE-0000000006\n' +
          '    Processor: KTABLE-TOSTREAM-0000000007 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000008\n' +
          '      <-- KSTREAM-TOTABLE-0000000002\n' +
          '    Sink: KSTREAM-SINK-0000000008 (topic: output)\n' +
          '      <-- KTABLE-TOSTREAM-0000000007\n\n',
      );
    });

    it('materializes toTable() for a groupBy (KStreamImplTest#shouldSupportGroupByCountWithKStreamToKTable)', () => {
      const text = groupByCountTopology().describe().toString();
      expect(text).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
          '      --> KSTREAM-TOTABLE-0000000001\n' +
          '    Processor: KSTREAM-TOTABLE-0000000001 (stores: [KSTREAM-TOTABLE-STATE-STORE-0000000002])\n' +
          '      --> KTABLE-SELECT-0000000003\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KTABLE-SELECT-0000000003 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000005\n' +
          '      <-- KSTREAM-TOTABLE-0000000001\n' +
          '    Sink: KSTREAM-SINK-0000000005 (topic: KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition)\n' +
          '      <-- KTABLE-SELECT-0000000003\n' +
          '\n' +
          '  Sub-topology: 1\n' +
          '    Source: KSTREAM-SOURCE-0000000006 (topics: [KTABLE-AGGREGATE-STATE-STORE-0000000004-repartition])\n' +
          '      --> KTABLE-AGGREGATE-0000000007\n' +
          '    Processor: KTABLE-AGGREGATE-0000000007 (stores: [KTABLE-AGGREGATE-STATE-STORE-0000000004])\n' +
          '      --> KTABLE-TOSTREAM-0000000008\n' +
          '      <-- KSTREAM-SOURCE-0000000006\n' +
          '    Processor: KTABLE-TOSTREAM-0000000008 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000009\n' +
          '      <-- KTABLE-AGGREGATE-0000000007\n' +
          '    Sink: KSTREAM-SINK-0000000009 (topic: output)\n' +
          '      <-- KTABLE-TOSTREAM-0000000008\n\n',
      );
    });
  });

  describe('queryableStoreName()', () => {
    it('is the store name only when the user named the store', () => {
      const builder = new StreamsBuilder();
      const source = builder.table('a');
      expect(source.queryableStoreName()).to.equal(null);
      expect(builder.table('b', Materialized.as('b-store')).queryableStoreName()).to.equal('b-store');
      expect(source.filter(() => true, Materialized.as('filtered')).queryableStoreName()).to.equal('filtered');
      expect(source.filter(() => true, Materialized.with(null, null)).queryableStoreName()).to.equal(null);
    });
  });

  describe('a source table', () => {
    function materializedSource(materialized = Materialized.as<string, string>('table')): Topology {
      const builder = new StreamsBuilder();
      builder
        .table('input', Consumed.with(Serdes.String(), Serdes.String()), materialized)
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.String()));
      return builder.build();
    }
    const updates: [string, string | null, number][] = [['A', '1', 5], ['A', '2', 3], ['A', null, 7], ['B', null, 8]];

    it('without a caching layer, forwards every update: an older one still wins, a delete of an absent key is still sent', async () => {
      const topology = materializedSource(Materialized.as<string, string>('table').withCachingDisabled());
      const { records } = await run(topology, NO_CACHE, updates, { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '1', 5), rec('A', '2', 3), rec('A', null, 7), rec('B', null, 8)]);
    });

    it('through its caching layer, does not forward a delete of a key it never had', async () => {
      const { records } = await run(materializedSource(), CACHE, updates, { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '1', 5), rec('A', '2', 3), rec('A', null, 7)]);
    });

    it('with statestore.cache.max.bytes 0 has no caching layer, so forwards that delete (Java strips caching then)', async () => {
      const { records } = await run(materializedSource(), NO_CACHE, updates, { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '1', 5), rec('A', '2', 3), rec('A', null, 7), rec('B', null, 8)]);
    });

    it('not materialized, forwards every update as it comes', async () => {
      const builder = new StreamsBuilder();
      builder.table('input', Consumed.with(Serdes.String(), Serdes.String())).toStream().to('output', Produced.with(Serdes.String(), Serdes.String()));
      const { records } = await run(builder.build(), CACHE, updates, { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '1', 5), rec('A', '2', 3), rec('A', null, 7), rec('B', null, 8)]);
    });

    it('drops records with a null key and counts them', async () => {
      const { records, driver } = await run(materializedSource(), NO_CACHE, [[null, '1', 5], ['A', '1', 6]], { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '1', 6)]);
      expect(driver.droppedRecords().get('null-key')).to.equal(1);
    });

    it('keeps the latest value of each key in its store', async () => {
      const driver = new TopologyTestDriver(materializedSource(), NO_CACHE, 0);
      const input = driver.createInputTopic<string, string | null>('input', Serdes.String(), Serdes.String(), 0);
      await input.pipeInput('A', '1', 5);
      await input.pipeInput('B', '2', 6);
      await input.pipeInput('A', '3', 7);
      await input.pipeInput('B', null, 8);
      const store = driver.getTimestampedKeyValueStore<string, string>('table')!;
      expect(store.get('A')?.value).to.equal('3');
      expect(store.get('A')?.timestamp).to.equal(7);
      expect(store.get('B')).to.equal(null);
      await driver.close();
    });
  });

  describe('filter', () => {
    function filtered(materializeSource: boolean): Topology {
      const builder = new StreamsBuilder();
      const consumed = Consumed.with(Serdes.String(), Serdes.String());
      const table = materializeSource ? builder.table('input', consumed, Materialized.as<string, string>('source')) : builder.table('input', consumed);
      table
        .filter((_key, value) => Number(value) > 5)
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.String()));
      return builder.build();
    }

    it('turns a filtered-out update into a tombstone, even for a key that never passed, when nothing upstream is materialized', async () => {
      const { records } = await run(filtered(false), NO_CACHE, [['A', '10', 1], ['A', '3', 2], ['B', '2', 3], ['B', null, 4]], { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '10', 1), rec('A', null, 2), rec('B', null, 3), rec('B', null, 4)]);
    });

    it('sends a tombstone only for a key that had passed, when the source is materialized (old values known)', async () => {
      const { records } = await run(filtered(true), NO_CACHE, [['A', '10', 1], ['A', '3', 2], ['B', '2', 3], ['B', null, 4], ['A', null, 5]], { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '10', 1), rec('A', null, 2)]);
    });

    it('filterNot keeps what filter drops; a materialized filter without old values from upstream sends every delete', async () => {
      const builder = new StreamsBuilder();
      builder
        .table('input', Consumed.with(Serdes.String(), Serdes.String()))
        .filterNot((_key, value) => Number(value) > 5, Materialized.as<string, string>('small').withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.String()));
      const { records } = await run(builder.build(), NO_CACHE, [['A', '1', 1], ['A', '9', 2], ['B', '7', 3], ['A', '2', 4]], { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A', '1', 1), rec('A', null, 2), rec('B', null, 3), rec('A', '2', 4)]);
    });
  });

  describe('mapValues and toStream', () => {
    it('maps new values, keeps deletes, and re-keys with toStream(mapper)', async () => {
      const builder = new StreamsBuilder();
      builder
        .table('input', Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues((value, key) => `${key}=${value.length}`)
        .toStream((key, value) => `${key}:${value ?? 'deleted'}`)
        .to('output', Produced.with(Serdes.String(), Serdes.String()));
      const { records } = await run(builder.build(), NO_CACHE, [['A', 'xyz', 1], ['A', null, 2]], { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('A:A=3', 'A=3', 1), rec('A:deleted', null, 2)]);
    });

    it('reads a materialized mapValues store (KStreamImplTest#shouldSupportTriggerMaterializedWithKTableFromKStream)', async () => {
      const builder = new StreamsBuilder();
      builder
        .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
        .toTable()
        .mapValues((value) => value.charCodeAt(0) - 'a'.charCodeAt(0), Materialized.as<string, number>('store').withKeySerde(Serdes.String()).withValueSerde(Serdes.Integer()))
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.Integer()));
      const topology = builder.build();
      expect(topology.describe().toString()).to.contain('    Processor: KSTREAM-TOTABLE-0000000001 (stores: [])\n      --> KTABLE-MAPVALUES-0000000003\n');
      const driver = new TopologyTestDriver(topology, NO_CACHE, 0);
      const input = driver.createInputTopic('input', Serdes.String(), Serdes.String(), 0);
      const output = driver.createOutputTopic('output', Serdes.String(), Serdes.Integer());
      for (const [key, value, ts] of [['A', 'green', 10], ['B', 'green', 9], ['A', 'blue', 12], ['C', 'yellow', 15], ['D', 'green', 11]] as const) {
        await input.pipeInput(key, value, ts);
      }
      expect(output.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
        ['A', 6, 10],
        ['B', 6, 9],
        ['A', 1, 12],
        ['C', 24, 15],
        ['D', 6, 11],
      ]);
      const store = driver.getTimestampedKeyValueStore<string, number>('store')!;
      expect(['A', 'B', 'C', 'D'].map((key) => store.get(key)?.value)).to.deep.equal([1, 6, 24, 6]);
      await driver.close();
    });
  });

  describe('toTable', () => {
    it('turns each record into an update, out-of-order ones included (KStreamImplTest#shouldNotMaterializedKTableFromKStream)', async () => {
      const builder = new StreamsBuilder();
      builder.stream('input', Consumed.with(Serdes.String(), Serdes.String())).toTable().toStream().to('output', Produced.with(Serdes.String(), Serdes.String()));
      const inputs: [string, string, number][] = [['A', '01', 5], ['B', '02', 100], ['C', '03', 0], ['D', '04', 0], ['A', '05', 10], ['A', '06', 8]];
      for (const config of [NO_CACHE, CACHE]) {
        const { records } = await run(builder.build(), config, inputs, { topic: 'output', key: Serdes.String, value: Serdes.String });
        expect(records).to.deep.equal(inputs.map(([k, v, t]) => rec(k, v, t)));
      }
    });

    it('repartitions after a key change (KStreamImplTest#shouldSupportKeyChangeKTableFromKStream)', async () => {
      const builder = new StreamsBuilder();
      builder
        .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
        .map((key, value) => ({ key: key.charCodeAt(0) - 'A'.charCodeAt(0), value }))
        .toTable(Materialized.with<number, string>(Serdes.Integer(), null))
        .toStream()
        .to('output', Produced.with(Serdes.Integer(), Serdes.String()));
      const inputs: [string, string, number][] = [['A', '01', 5], ['B', '02', 100], ['C', '03', 0], ['D', '04', 0], ['A', '05', 10], ['A', '06', 8]];
      const { records } = await run<number, string>(
        builder.build(),
        { ...NO_CACHE, 'default.value.serde': Serdes.String() } as TestDriverConfig,
        inputs,
        { topic: 'output', key: Serdes.Integer, value: Serdes.String },
      );
      expect(records).to.deep.equal([rec(0, '01', 5), rec(1, '02', 100), rec(2, '03', 0), rec(3, '04', 0), rec(0, '05', 10), rec(0, '06', 8)]);
    });
  });

  describe('groupBy', () => {
    it('counts, subtracting from the old group when a key moves (KStreamImplTest#shouldSupportGroupByCountWithKStreamToKTable)', async () => {
      for (const config of [NO_CACHE, CACHE]) {
        const { records } = await run(
          groupByCountTopology(),
          config,
          [['A', 'green', 10], ['B', 'green', 9], ['A', 'blue', 12], ['C', 'yellow', 15], ['D', 'green', 11]],
          { topic: 'output', key: Serdes.String, value: Serdes.Long },
        );
        expect(records).to.deep.equal([rec('green', 1, 10), rec('green', 2, 10), rec('green', 1, 12), rec('blue', 1, 12), rec('yellow', 1, 15), rec('green', 2, 12)]);
      }
    });

    it('reduces with adder and subtractor: a moved key leaves its old group first; an update within a group is one step', async () => {
      const builder = new StreamsBuilder();
      builder
        .table('input', Consumed.with(Serdes.String(), Serdes.String()))
        .groupBy((_user, value) => ({ key: value.split(',')[0], value: Number(value.split(',')[1]) }), Grouped.with(Serdes.String(), Serdes.Integer()))
        .reduce(
          (aggregate, value) => aggregate + value,
          (aggregate, value) => aggregate - value,
        )
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.Integer()));
      const inputs: [string, string | null, number][] = [
        ['alice', 'eu,10', 1],
        ['bob', 'eu,5', 2],
        ['alice', 'us,7', 3],
        ['alice', 'us,8', 4],
        ['bob', null, 5],
      ];
      for (const config of [NO_CACHE, CACHE]) {
        const { records } = await run(builder.build(), config, inputs, { topic: 'output', key: Serdes.String, value: Serdes.Integer });
        expect(records).to.deep.equal([rec('eu', 10, 1), rec('eu', 15, 2), rec('eu', 5, 3), rec('us', 7, 3), rec('us', 8, 4), rec('eu', 0, 5)]);
      }
    });

    it('aggregates into the initializer; the result keeps the largest timestamp that changed it', async () => {
      const builder = new StreamsBuilder();
      builder
        .table('input', Consumed.with(Serdes.String(), Serdes.String()))
        .groupBy((key, value) => ({ key: value, value: key }), Grouped.with(Serdes.String(), Serdes.String()))
        .aggregate(
          () => '',
          (_group, member, aggregate) => `${aggregate}+${member}`,
          (_group, member, aggregate) => `${aggregate}-${member}`,
          Materialized.as<string, string>('members').withValueSerde(Serdes.String()),
        )
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.String()));
      const { records } = await run(builder.build(), NO_CACHE, [['x', 'g1', 5], ['y', 'g1', 3], ['x', 'g2', 4]], { topic: 'output', key: Serdes.String, value: Serdes.String });
      expect(records).to.deep.equal([rec('g1', '+x', 5), rec('g1', '+x+y', 5), rec('g1', '+x+y-x', 5), rec('g2', '+x', 4)]);
    });

    it('uses default.value.serde for the repartition topic when Grouped gives no serde', async () => {
      const builder = new StreamsBuilder();
      builder
        .table<string, string>('input')
        .groupBy((key, value) => ({ key: value, value: key }))
        .count()
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.Long()));
      const config = { ...NO_CACHE, 'default.key.serde': Serdes.String(), 'default.value.serde': Serdes.String() } as TestDriverConfig;
      const { records } = await run(builder.build(), config, [['A', 'g', 1], ['B', 'g', 2], ['A', null, 3]], { topic: 'output', key: Serdes.String, value: Serdes.Long });
      expect(records).to.deep.equal([rec('g', 1, 1), rec('g', 2, 2), rec('g', 1, 3)]);
    });
  });
});

function groupByCountTopology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
    .toTable()
    .groupBy((_key, value) => ({ key: value, value }), Grouped.with(Serdes.String(), Serdes.String()))
    .count()
    .toStream()
    .to('output', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
