import { expect } from 'chai';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Grouped } from '../../../../src/core/dsl/grouped';
import { Materialized } from '../../../../src/core/dsl/materialized';
import { Named } from '../../../../src/core/dsl/named';
import { Produced } from '../../../../src/core/dsl/produced';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { TestDriverConfig } from '../../../../src/core/testing/topology-test-driver';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';
import type { Topology } from '../../../../src/core/topology/topology';

const NO_CACHE: TestDriverConfig = { 'statestore.cache.max.bytes': 0 };
const CACHE: TestDriverConfig = { 'statestore.cache.max.bytes': 10 * 1024 * 1024 };

function repartitionTopics(description: string): string[] {
  return [...description.matchAll(/Sink: \S+ \(topic: (\S+-repartition)\)/g)].map((m) => m[1]);
}

describe('KGroupedStream', () => {
  describe('describe() matches Java 3.9', () => {
    it('count() without a repartition (TopologyTest#kGroupedStreamZeroArgCountShouldPreserveTopologyStructure)', () => {
      const builder = new StreamsBuilder();
      builder.stream('input-topic').groupByKey().count();
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
          '      --> KSTREAM-AGGREGATE-0000000002\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      );
    });

    it('count(named store) (kGroupedStreamNamedMaterializedCountShouldPreserveTopologyStructure)', () => {
      const builder = new StreamsBuilder();
      builder.stream('input-topic').groupByKey().count(Materialized.as<unknown, number>('count-store'));
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
          '      --> KSTREAM-AGGREGATE-0000000001\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000001 (stores: [count-store])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      );
    });

    it('count(unnamed Materialized) burns one more index (kGroupedStreamAnonymousMaterializedCountShouldPreserveTopologyStructure)', () => {
      const builder = new StreamsBuilder();
      builder.stream('input-topic').groupByKey().count(Materialized.with(null, Serdes.Long()));
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
          '      --> KSTREAM-AGGREGATE-0000000003\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000002])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      );
    });

    it('word count repartitions through <store>-repartition (a user-named store names the repartition processors too)', () => {
      const builder = new StreamsBuilder();
      builder
        .stream<string, string>('streams-plaintext-input')
        .flatMapValues((value) => value.toLowerCase().split(/\W+/))
        .groupBy((_key, value) => value)
        .count(Materialized.as<string, number>('counts-store'))
        .toStream()
        .to('streams-wordcount-output', Produced.with(Serdes.String(), Serdes.Long()));
      expect(builder.build().describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [streams-plaintext-input])\n' +
          '      --> KSTREAM-FLATMAPVALUES-0000000001\n' +
          '    Processor: KSTREAM-FLATMAPVALUES-0000000001 (stores: [])\n' +
          '      --> KSTREAM-KEY-SELECT-0000000002\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KSTREAM-KEY-SELECT-0000000002 (stores: [])\n' +
          '      --> counts-store-repartition-filter\n' +
          '      <-- KSTREAM-FLATMAPVALUES-0000000001\n' +
          '    Processor: counts-store-repartition-filter (stores: [])\n' +
          '      --> counts-store-repartition-sink\n' +
          '      <-- KSTREAM-KEY-SELECT-0000000002\n' +
          '    Sink: counts-store-repartition-sink (topic: counts-store-repartition)\n' +
          '      <-- counts-store-repartition-filter\n' +
          '\n' +
          '  Sub-topology: 1\n' +
          '    Source: counts-store-repartition-source (topics: [counts-store-repartition])\n' +
          '      --> KSTREAM-AGGREGATE-0000000003\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [counts-store])\n' +
          '      --> KTABLE-TOSTREAM-0000000007\n' +
          '      <-- counts-store-repartition-source\n' +
          '    Processor: KTABLE-TOSTREAM-0000000007 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000008\n' +
          '      <-- KSTREAM-AGGREGATE-0000000003\n' +
          '    Sink: KSTREAM-SINK-0000000008 (topic: streams-wordcount-output)\n' +
          '      <-- KTABLE-TOSTREAM-0000000007\n\n',
      );
    });

    it('names an unnamed count repartition topic after its generated store', () => {
      const builder = new StreamsBuilder();
      builder
        .stream<string, string>('input')
        .selectKey((_key, value) => value)
        .groupByKey()
        .count();
      const text = builder.build().describe().toString();
      expect(repartitionTopics(text)).to.deep.equal(['KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition']);
      expect(text).to.contain('    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000002])\n');
      expect(text).to.contain('    Source: KSTREAM-SOURCE-0000000006 (topics: [KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition])\n');
    });

    it('reduce takes KSTREAM-REDUCE names', () => {
      const builder = new StreamsBuilder();
      builder.stream<string, string>('input').groupByKey().reduce((a, b) => a + b);
      expect(builder.build().describe().toString()).to.contain('    Processor: KSTREAM-REDUCE-0000000002 (stores: [KSTREAM-REDUCE-STATE-STORE-0000000001])\n');
    });

    it('names the repartition after Grouped (RepartitionTopicNamingTest#shouldKeepRepartitionTopicNameForGroupByKeyNoWindows)', () => {
      for (const other of [false, true]) {
        const builder = new StreamsBuilder();
        let stream = builder.stream<string, string>('topic').selectKey((k, v) => k + v);
        if (other) stream = stream.filter(() => true).mapValues((v) => v);
        stream.groupByKey(Grouped.as('kstream-grouping')).count();
        const text = builder.build().describe().toString();
        expect(text).to.contain('(topic: kstream-grouping-repartition)');
        expect(text).to.contain('Processor: kstream-grouping-repartition-filter (stores: [])');
        expect(text).to.contain('Source: kstream-grouping-repartition-source (topics: [kstream-grouping-repartition])');
      }
    });

    it('shares a named repartition topic between aggregations of one grouping, but not an unnamed one', () => {
      const named = new StreamsBuilder();
      const groupedNamed = named.stream<string, string>('topic').selectKey((k) => k).groupByKey(Grouped.as('grouping'));
      groupedNamed.count().toStream().to('output-one');
      groupedNamed.reduce((a, b) => a + b).toStream().to('output-two');
      expect(repartitionTopics(named.build().describe().toString())).to.deep.equal(['grouping-repartition']);

      const unnamed = new StreamsBuilder();
      const groupedUnnamed = unnamed.stream<string, string>('topic').selectKey((k) => k).groupByKey();
      groupedUnnamed.count().toStream().to('output-one');
      groupedUnnamed.reduce((a, b) => a + b).toStream().to('output-two');
      expect(repartitionTopics(unnamed.build().describe().toString())).to.have.length(2);
    });

    it('shares a named KGroupedTable repartition topic too (RepartitionTopicNamingTest#shouldNotFailWithSameRepartitionTopicNameUsingSameKGroupedTable)', () => {
      const named = new StreamsBuilder();
      const table = named.table<string, string>('topic').groupBy((key, value) => ({ key, value }), Grouped.as('grouping'));
      table.count().toStream().to('output-count');
      table.reduce((_a, b) => b, (_a, b) => b).toStream().to('output-reduce');
      expect(repartitionTopics(named.build().describe().toString())).to.deep.equal(['grouping-repartition']);

      const unnamed = new StreamsBuilder();
      const table2 = unnamed.table<string, string>('topic').groupBy((key, value) => ({ key, value }));
      table2.count().toStream().to('output-count');
      table2.reduce((_a, b) => b, (_a, b) => b).toStream().to('output-reduce');
      expect(repartitionTopics(unnamed.build().describe().toString())).to.have.length(2);
    });

    it('uses Named for the aggregation processor', () => {
      const builder = new StreamsBuilder();
      builder.stream('input').groupByKey().count(Named.as('counter'));
      expect(builder.build().describe().toString()).to.contain('    Processor: counter (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n');
    });
  });

  describe('aggregations', () => {
    function ordersByItem(): Topology {
      const builder = new StreamsBuilder();
      builder
        .stream('orders', Consumed.with(Serdes.String(), Serdes.String()))
        .selectKey((_orderId, order) => order.split(',')[0])
        .mapValues((order) => Number(order.split(',')[1]))
        .groupByKey(Grouped.with(Serdes.String(), Serdes.Integer()))
        .reduce((total, quantity) => total + quantity)
        .toStream()
        .to('totals', Produced.with(Serdes.String(), Serdes.Integer()));
      return builder.build();
    }

    it('sums orders per item after a re-key; the total keeps the largest timestamp', async () => {
      for (const config of [NO_CACHE, CACHE]) {
        const driver = new TopologyTestDriver(ordersByItem(), { 'application.id': 'orders', ...config }, 0);
        const orders = driver.createInputTopic('orders', Serdes.String(), Serdes.String(), 0);
        const totals = driver.createOutputTopic('totals', Serdes.String(), Serdes.Integer());
        await orders.pipeInput('o1', 'apple,2', 10);
        await orders.pipeInput('o2', 'pear,1', 5);
        await orders.pipeInput('o3', 'apple,3', 7);
        await orders.pipeInput('o4', 'apple,1', 20);
        expect(totals.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
          ['apple', 2, 10],
          ['pear', 1, 5],
          ['apple', 5, 10],
          ['apple', 6, 20],
        ]);
        expect(driver.producedTopicNames()).to.include('orders-KSTREAM-REDUCE-STATE-STORE-0000000003-repartition');
        await driver.close();
      }
    });

    it('counts words through the repartition topic', async () => {
      const builder = new StreamsBuilder();
      builder
        .stream('lines', Consumed.with(Serdes.String(), Serdes.String()))
        .flatMapValues((line) => line.toLowerCase().split(/\W+/))
        .groupBy((_key, word) => word, Grouped.with(Serdes.String(), Serdes.String()))
        .count()
        .toStream()
        .to('counts', Produced.with(Serdes.String(), Serdes.Long()));
      for (const config of [NO_CACHE, CACHE]) {
        const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'wordcount', ...config }, 0);
        const lines = driver.createInputTopic('lines', Serdes.String(), Serdes.String(), 0);
        const counts = driver.createOutputTopic('counts', Serdes.String(), Serdes.Long());
        await lines.pipeInput(null as unknown as string, 'Hello Kafka hello', 1);
        await lines.pipeInput(null as unknown as string, 'kafka streams', 2);
        expect(counts.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
          ['hello', 1, 1],
          ['kafka', 1, 1],
          ['hello', 2, 1],
          ['kafka', 2, 2],
          ['streams', 1, 2],
        ]);
        expect(driver.producedTopicNames()).to.include('wordcount-KSTREAM-AGGREGATE-STATE-STORE-0000000003-repartition');
        await driver.close();
      }
    });

    it('drops records with a null key or value, and counts them', async () => {
      const builder = new StreamsBuilder();
      builder
        .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .aggregate(
          () => '',
          (_key, value, aggregate) => aggregate + value,
          Materialized.with<string, string>(Serdes.String(), Serdes.String()),
        )
        .toStream()
        .to('output', Produced.with(Serdes.String(), Serdes.String()));
      const driver = new TopologyTestDriver(builder.build(), NO_CACHE, 0);
      const input = driver.createInputTopic<string | null, string | null>('input', Serdes.String(), Serdes.String(), 0);
      const output = driver.createOutputTopic('output', Serdes.String(), Serdes.String());
      await input.pipeInput('A', 'x', 3);
      await input.pipeInput(null, 'y', 4);
      await input.pipeInput('A', null, 5);
      await input.pipeInput('A', 'z', 1);
      expect(output.readRecordsToList().map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
        ['A', 'x', 3],
        ['A', 'xz', 3],
      ]);
      expect(driver.droppedRecords().get('null-key')).to.equal(2);
      await driver.close();
    });
  });
});
