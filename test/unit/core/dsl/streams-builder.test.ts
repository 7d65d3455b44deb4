// StreamsBuilder: sources, the names operations get (StreamsBuilderTest's assertNamesForOperation
// cases), reading a topic twice, stores and global stores, and build().
import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { Consumed } from '../../../../src/core/dsl/consumed';
import type { KStream } from '../../../../src/core/dsl/kstream';
import { Materialized } from '../../../../src/core/dsl/materialized';
import { Named } from '../../../../src/core/dsl/named';
import { Printed } from '../../../../src/core/dsl/printed';
import { Produced } from '../../../../src/core/dsl/produced';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import type { ProcessorContext } from '../../../../src/core/processor/processor-context';
import type { Record } from '../../../../src/core/processor/record';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { KeyValueStore } from '../../../../src/core/state/key-value-store';
import { Stores } from '../../../../src/core/state/stores';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';
import type { ConsumedRecord, TimestampExtractor } from '../../../../src/core/time/timestamp-extractor';
import type { Topology } from '../../../../src/core/topology/topology';
import { internalTopologyBuilder } from '../../../../src/core/topology/topology';

const STREAM_TOPIC = 'stream-topic';
const STREAM_TOPIC_TWO = 'stream-topic-two';
const STREAM_OPERATION_NAME = 'stream-operation';

/** The names of the nodes of every sub-topology and global store, in the order they were added (Java's ProcessorTopology#processors). */
function nodeNames(topology: Topology): string[] {
  const built = internalTopologyBuilder(topology).build();
  return [
    ...built.subtopologies.flatMap((s) => s.nodes.map((n) => n.name)),
    ...built.globalStores.flatMap((g) => [g.source.name, g.processor.name]),
  ];
}

function stream(builder: StreamsBuilder, topic = STREAM_TOPIC): KStream<string, string> {
  return builder.stream<string, string>(topic);
}

describe('StreamsBuilder', () => {
  describe('names operations as Java does (StreamsBuilderTest)', () => {
    it('a source named by Consumed.as, the next one generated', () => {
      const builder = new StreamsBuilder();
      builder.stream(STREAM_TOPIC, Consumed.as('source-node'));
      builder.stream(STREAM_TOPIC_TWO);
      expect(nodeNames(builder.build())).to.deep.equal(['source-node', 'KSTREAM-SOURCE-0000000001']);
    });

    it('a sink named by Produced.as, which still takes an index', () => {
      const builder = new StreamsBuilder();
      const s = stream(builder);
      s.to(STREAM_TOPIC_TWO, Produced.as('sink-processor'));
      s.to(STREAM_TOPIC_TWO);
      expect(nodeNames(builder.build())).to.deep.equal(['KSTREAM-SOURCE-0000000000', 'sink-processor', 'KSTREAM-SINK-0000000002']);
    });

    const named: [string, (s: KStream<string, string>) => void][] = [
      ['map', (s) => s.map((k, v) => ({ key: k, value: v }), Named.as(STREAM_OPERATION_NAME))],
      ['mapValues', (s) => s.mapValues((v) => v, Named.as(STREAM_OPERATION_NAME))],
      ['mapValues with key', (s) => s.mapValues((v, k) => k + v, Named.as(STREAM_OPERATION_NAME))],
      ['filter', (s) => s.filter(() => true, Named.as(STREAM_OPERATION_NAME))],
      ['filterNot', (s) => s.filterNot(() => true, Named.as(STREAM_OPERATION_NAME))],
      ['selectKey', (s) => s.selectKey((k) => k, Named.as(STREAM_OPERATION_NAME))],
      ['flatMap', (s) => s.flatMap(() => [], Named.as(STREAM_OPERATION_NAME))],
      ['flatMapValues', (s) => s.flatMapValues(() => [], Named.as(STREAM_OPERATION_NAME))],
      ['peek', (s) => s.peek(() => undefined, Named.as(STREAM_OPERATION_NAME))],
      ['foreach', (s) => s.foreach(() => undefined, Named.as(STREAM_OPERATION_NAME))],
      ['process', (s) => s.process(() => ({ process: () => undefined }), Named.as(STREAM_OPERATION_NAME))],
      ['print', (s) => s.print(Printed.toSysOut<string, string>().withName(STREAM_OPERATION_NAME))],
    ];
    for (const [operation, apply] of named) {
      it(`${operation} with a Named`, () => {
        const builder = new StreamsBuilder();
        apply(stream(builder));
        expect(nodeNames(builder.build())).to.deep.equal(['KSTREAM-SOURCE-0000000000', STREAM_OPERATION_NAME]);
      });
    }

    it('merge with a Named', () => {
      const builder = new StreamsBuilder();
      stream(builder, 'topic-1').merge(stream(builder, 'topic-2'), Named.as('merge-processor'));
      expect(nodeNames(builder.build())).to.deep.equal(['KSTREAM-SOURCE-0000000000', 'KSTREAM-SOURCE-0000000001', 'merge-processor']);
    });

    it('a named operation still takes an index, so later generated names do not move', () => {
      const builder = new StreamsBuilder();
      stream(builder).filter(() => true, Named.as('f')).mapValues((v) => v);
      expect(nodeNames(builder.build())).to.deep.equal(['KSTREAM-SOURCE-0000000000', 'f', 'KSTREAM-MAPVALUES-0000000002']);
    });

    it('a global store: <name>-source and <name>, else KSTREAM-SOURCE-<n> and KTABLE-SOURCE-<n> (shouldUse{Specified,Default}NameForGlobalStoreProcessor)', () => {
      for (const [consumed, expected] of [
        [Consumed.with(Serdes.String(), Serdes.String()).withName('test'), ['test-source', 'test']],
        [Consumed.with(Serdes.String(), Serdes.String()), ['KSTREAM-SOURCE-0000000000', 'KTABLE-SOURCE-0000000001']],
      ] as const) {
        const builder = new StreamsBuilder();
        builder.addGlobalStore(
          Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('store'), Serdes.String(), Serdes.String()),
          'topic',
          consumed,
          () => ({ process: () => undefined }),
        );
        expect(nodeNames(builder.build())).to.deep.equal(expected);
      }
    });

    it('rejects a name that is not a valid topic-name part', () => {
      expect(() => Named.as('bad name')).to.throw(TopologyError, 'contains a character other than');
      expect(() => Named.as('')).to.throw(TopologyError, "can't be empty");
      const builder = new StreamsBuilder();
      expect(() => builder.stream('t', Consumed.as('..'))).to.throw(TopologyError, 'cannot be');
    });

    it('fails the build when two operations get the same name', () => {
      const builder = new StreamsBuilder();
      const s = stream(builder);
      s.filter(() => true, Named.as('same'));
      s.mapValues((v) => v, Named.as('same'));
      expect(() => builder.build()).to.throw(TopologyError, 'same');
    });
  });

  describe('stream', () => {
    it('reads several topics in one source', () => {
      const builder = new StreamsBuilder();
      builder.stream(['topic-1', 'topic-2']).to('out');
      expect(builder.build().describe().toString()).to.contain('Source: KSTREAM-SOURCE-0000000000 (topics: [topic-1, topic-2])');
    });

    it('reads the topics a pattern matches', () => {
      const builder = new StreamsBuilder();
      builder.stream(/orders-.*/).to('out');
      expect(builder.build().describe().toString()).to.contain('Source: KSTREAM-SOURCE-0000000000 (topics: orders-.*)');
    });

    it('refuses no topics, a null topic and a null Consumed', () => {
      const builder = new StreamsBuilder();
      expect(() => builder.stream([])).to.throw(TopologyError, 'at least one topic');
      expect(() => builder.stream([null as unknown as string])).to.throw(TopologyError, 'non-empty strings');
      expect(() => builder.stream(null as unknown as string)).to.throw(TopologyError, "topics can't be null");
      expect(() => builder.stream('t', null as unknown as Consumed<unknown, unknown>)).to.throw(TopologyError, "consumed can't be null");
    });

    it('gives the source the timestamp extractor and offset reset policy of Consumed', async () => {
      const extractor: TimestampExtractor = { extract: (record: ConsumedRecord) => Number(record.value) };
      const builder = new StreamsBuilder();
      builder.stream('in', Consumed.with(Serdes.String(), Serdes.String()).withTimestampExtractor(extractor).withOffsetResetPolicy('latest')).to('out');
      const topology = builder.build();
      const source = internalTopologyBuilder(topology).build().subtopologies[0].nodes[0];
      expect(source.kind === 'source' && [source.timestampExtractor, source.offsetReset]).to.deep.equal([extractor, 'latest']);
      const driver = new TopologyTestDriver(topology, { 'application.id': 'app' }, 0);
      await driver.createInputTopic('in', Serdes.String(), Serdes.String()).pipeInput('k', '1234', 1);
      expect(driver.createOutputTopic('out', Serdes.String(), Serdes.String()).readRecord().timestamp).to.equal(1234);
      await driver.close();
    });
  });

  describe('reading a topic twice (mergeDuplicateSourceNodes)', () => {
    it('shares one source between streams of the same topic, and both see every record', async () => {
      const builder = new StreamsBuilder();
      builder.stream('topic', Consumed.with(Serdes.String(), Serdes.String())).mapValues((v) => `1:${v}`).to('out');
      builder.stream('topic', Consumed.with(Serdes.String(), Serdes.String())).mapValues((v) => `2:${v}`).to('out');
      const topology = builder.build();
      expect(topology.describe().toString()).to.not.contain('KSTREAM-SOURCE-0000000003');
      const driver = new TopologyTestDriver(topology, { 'application.id': 'app', 'default.value.serde': Serdes.String() }, 0);
      await driver.createInputTopic('topic', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 1);
      expect(driver.createOutputTopic('out', Serdes.String(), Serdes.String()).readValuesToList()).to.deep.equal(['1:v', '2:v']);
      await driver.close();
    });

    it('allows the same pattern twice and the same topics in another order (shouldAllowSubscribingToSamePattern, shouldAllowReadingFromSameCollectionOfTopics)', () => {
      const patterns = new StreamsBuilder();
      patterns.stream(/some-regex/);
      patterns.stream(/some-regex/);
      expect(() => patterns.build()).to.not.throw();
      const topics = new StreamsBuilder();
      topics.stream(['topic1', 'topic2']);
      topics.stream(['topic2', 'topic1']);
      expect(() => topics.build()).to.not.throw();
    });

    it('refuses overlapping but unequal topic lists (shouldNotAllowReadingFromOverlappingAndUnequalCollectionOfTopics)', () => {
      const builder = new StreamsBuilder();
      builder.stream(['topic']);
      builder.stream(['topic', 'anotherTopic']);
      expect(() => builder.build()).to.throw(TopologyError, 'overlapping but not equal');
    });

    it('refuses different offset reset policies on one topic or pattern (shouldThrowWhenSubscribedTo...ResetPolicies)', () => {
      const cases: [Consumed<unknown, unknown> | undefined, Consumed<unknown, unknown> | undefined, string | RegExp][] = [
        [Consumed.with('earliest'), Consumed.with('latest'), 'topic'],
        [Consumed.with('earliest'), undefined, 'topic'],
        [undefined, Consumed.with('latest'), 'another-topic'],
        [Consumed.with('earliest'), Consumed.with('latest'), /some-regex/],
        [Consumed.with('earliest'), undefined, /some-regex/],
      ];
      for (const [first, second, subscription] of cases) {
        const builder = new StreamsBuilder();
        builder.stream(subscription, first);
        builder.stream(subscription, second);
        expect(() => builder.build()).to.throw(TopologyError, 'different offset reset policies');
      }
    });
  });

  describe('table and globalTable', () => {
    it('name a table source by Consumed.as (StreamsBuilderTest.shouldUseSpecifiedNameForTableSourceProcessor)', () => {
      const builder = new StreamsBuilder();
      builder.table(STREAM_TOPIC, Consumed.as('source-node'));
      builder.table(STREAM_TOPIC_TWO);
      expect(nodeNames(builder.build())).to.deep.equal(['source-node-source', 'source-node', 'KSTREAM-SOURCE-0000000004', 'KTABLE-SOURCE-0000000005']);
    });

    it('read a table with the serdes of Materialized when given only that (shouldUseSerdesDefinedInMaterializedToConsumeTable)', async () => {
      const builder = new StreamsBuilder();
      const results = new Map<number | null, string | null>();
      builder
        .table('topic', Materialized.as<number, string>('store').withKeySerde(Serdes.Long()).withValueSerde(Serdes.String()))
        .toStream()
        .foreach((k, v) => results.set(k, v));
      const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'app' }, 0);
      const input = driver.createInputTopic('topic', Serdes.Long(), Serdes.String());
      await input.pipeInput(1, 'value1', 1);
      await input.pipeInput(2, 'value2', 2);
      const store = driver.getTimestampedKeyValueStore<number, string>('store')!;
      expect([store.get(1)?.value, store.get(2)?.value]).to.deep.equal(['value1', 'value2']);
      expect([...results]).to.deep.equal([
        [1, 'value1'],
        [2, 'value2'],
      ]);
      await driver.close();
    });

    it('name global tables\' stores <topic>-STATE-STORE-<n> (StreamsBuilderTest.shouldUseSpecifiedNameForGlobalTableSourceProcessor)', () => {
      const builder = new StreamsBuilder();
      builder.globalTable(STREAM_TOPIC, Consumed.as('source-processor'));
      builder.globalTable(STREAM_TOPIC_TWO);
      const built = internalTopologyBuilder(builder.build()).build();
      expect(built.globalStores.map((g) => g.store.name)).to.deep.equal(['stream-topic-STATE-STORE-0000000000', 'stream-topic-two-STATE-STORE-0000000003']);
    });

    it('refuse a stream and a table of the same topic (shouldNowAllowStreamAndTableFromSameTopic)', () => {
      const builder = new StreamsBuilder();
      builder.stream('topic');
      builder.table('topic');
      expect(() => builder.build()).to.throw(TopologyError);
    });
  });

  describe('addStateStore', () => {
    it('adds a store that process() connects by name, and refuses a missing builder', async () => {
      const builder = new StreamsBuilder();
      expect(() => builder.addStateStore(null as never)).to.throw(TopologyError, "builder can't be null");
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.String(), Serdes.Integer()));
      builder.stream('in', Consumed.with(Serdes.String(), Serdes.String())).process(
        () => {
          let context: ProcessorContext<string, number>;
          return {
            init(c: ProcessorContext<string, number>) {
              context = c;
            },
            process(record: Record<string, string>) {
              const store = context.getStateStore<KeyValueStore<string, number>>('counts');
              const count = (store.get(record.key) ?? 0) + 1;
              store.put(record.key, count);
              context.forward(record.withValue(count));
            },
          };
        },
        'counts',
      ).to('out', Produced.with(Serdes.String(), Serdes.Integer()));
      const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'app' }, 0);
      const input = driver.createInputTopic('in', Serdes.String(), Serdes.String());
      await input.pipeInput('a', 'x', 1);
      await input.pipeInput('a', 'y', 2);
      expect(driver.createOutputTopic('out', Serdes.String(), Serdes.Integer()).readValuesToList()).to.deep.equal([1, 2]);
      await driver.close();
    });
  });

  describe('build', () => {
    it('returns the same Topology every time', () => {
      const builder = new StreamsBuilder();
      builder.stream('in').to('out');
      expect(builder.build()).to.equal(builder.build());
    });
  });
});
