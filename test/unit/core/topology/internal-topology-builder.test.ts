import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { InternalTopologyBuilder } from '../../../../src/core/topology/internal-topology-builder';
import type { ProcessorNodeDefinition, SourceNodeDefinition, SubtopologyDefinition } from '../../../../src/core/topology/topology-model';
import { fakeStoreBuilder } from './fake-store-builder';

const noop = () => ({ process(): void {} });

function expectTopologyError(fn: () => unknown, message: string | RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(TopologyError);
    if (typeof message === 'string') expect((err as Error).message).to.contain(message);
    else expect((err as Error).message).to.match(message);
    return;
  }
  expect.fail(`expected a TopologyError matching ${String(message)}`);
}

function nodeNames(subtopology: SubtopologyDefinition): string[] {
  return subtopology.nodes.map((n) => n.name);
}

describe('InternalTopologyBuilder', () => {
  let builder: InternalTopologyBuilder;
  beforeEach(() => {
    builder = new InternalTopologyBuilder();
  });

  describe('validation', () => {
    it('rejects a node name used twice, whatever the kinds', () => {
      builder.addSource({ name: 'source', topics: ['topic-1'] });
      expectTopologyError(() => builder.addSource({ name: 'source', topics: ['topic-2'] }), 'Processor source is already added (as a source)');
      builder.addProcessor('processor', noop, ['source']);
      expectTopologyError(() => builder.addProcessor('processor', noop, ['source']), 'Processor processor is already added');
      expectTopologyError(() => builder.addSink({ name: 'processor', topic: 'out', parentNames: ['source'] }), 'already added (as a processor)');
      builder.addSink({ name: 'sink', topic: 'out', parentNames: ['source'] });
      expectTopologyError(() => builder.addSink({ name: 'sink', topic: 'out-2', parentNames: ['source'] }), 'Processor sink is already added (as a sink)');
    });

    it('rejects a source with no topics', () => {
      expectTopologyError(() => builder.addSource({ name: 'source', topics: [] }), 'you must provide at least one topic');
      expectTopologyError(() => builder.addSource({ name: 'source' }), 'you must provide at least one topic');
    });

    it('rejects a source with both topics and a pattern', () => {
      expectTopologyError(() => builder.addSource({ name: 'source', topics: ['a'], pattern: /b/ }), 'both topics and a pattern');
    });

    it('rejects a topic already registered by another source', () => {
      builder.addSource({ name: 'source-1', topics: ['topic-1'] });
      expectTopologyError(
        () => builder.addSource({ name: 'source-2', topics: ['topic-1'] }),
        'Topic topic-1 has already been registered by another source (source-1), so "source-2" cannot read it',
      );
      expectTopologyError(() => builder.addSource({ name: 'source-3', topics: ['x', 'x'] }), 'lists topic x twice');
    });

    it('rejects a pattern that matches a registered topic, and a topic that matches a registered pattern', () => {
      builder.addSource({ name: 'source-1', topics: ['foo'] });
      expectTopologyError(() => builder.addSource({ name: 'source-2', pattern: /f.*/ }), 'Pattern f.* of source "source-2" will match topic foo');
      builder.addSource({ name: 'source-3', pattern: /b.*/ });
      expectTopologyError(() => builder.addSource({ name: 'source-4', topics: ['bar'] }), 'Topic bar matches pattern b.* already registered by source source-3');
      // A pattern must match the whole name, as Java's Matcher.matches(): "xbar" does not match /b.*/.
      builder.addSource({ name: 'source-5', topics: ['xbar'] });
    });

    it('rejects a topic of a global store read by another source', () => {
      builder.addGlobalStore({
        storeBuilder: fakeStoreBuilder('global', { logging: false }),
        sourceName: 'global-source',
        topic: 'global-topic',
        processorName: 'global-processor',
        createProcessor: noop,
        reprocessOnRestore: true,
      });
      expectTopologyError(() => builder.addSource({ name: 'source', topics: ['global-topic'] }), 'already been registered by another source (global-source)');
    });

    it('rejects an unknown offset reset policy', () => {
      expectTopologyError(
        () => builder.addSource({ name: 'source', topics: ['t'], offsetReset: 'none' as unknown as 'earliest' }),
        `unrecognized offset reset policy "none"; use 'earliest' or 'latest'`,
      );
    });

    it('rejects a parent that is not added yet', () => {
      expectTopologyError(() => builder.addProcessor('processor', noop, ['source']), 'Parent processor source is not added yet for processor: add parents before their children');
      expectTopologyError(() => builder.addSink({ name: 'sink', topic: 'out', parentNames: ['source'] }), 'Parent processor source is not added yet for sink');
    });

    it('rejects a node that is its own parent', () => {
      expectTopologyError(() => builder.addProcessor('processor', noop, ['processor']), 'Processor processor cannot be a predecessor of itself');
      expectTopologyError(() => builder.addSink({ name: 'sink', topic: 'out', parentNames: ['sink'] }), 'Sink sink cannot be a predecessor of itself');
    });

    it('rejects a sink as a parent', () => {
      builder.addSource({ name: 'source', topics: ['topic-1'] });
      builder.addSink({ name: 'sink-1', topic: 'topic-2', parentNames: ['source'] });
      expectTopologyError(() => builder.addSink({ name: 'sink-2', topic: 'topic-3', parentNames: ['sink-1'] }), 'Sink sink-1 cannot be used as a parent (of sink-2)');
      expectTopologyError(() => builder.addProcessor('processor', noop, ['sink-1']), 'Sink sink-1 cannot be used as a parent (of processor)');
    });

    it('rejects a processor or sink with no parents', () => {
      builder.addSource({ name: 'source', topics: ['topic-1'] });
      expectTopologyError(() => builder.addProcessor('processor', noop, []), 'Processor processor must have at least one parent');
      expectTopologyError(() => builder.addSink({ name: 'sink', topic: 'out', parentNames: [] }), 'Sink sink must have at least one parent');
    });

    it('rejects null and empty names and arguments', () => {
      const asString = (v: unknown) => v as string;
      expectTopologyError(() => builder.addSource({ name: asString(null), topics: ['t'] }), 'The name of a source must be a non-empty string, got null');
      expectTopologyError(() => builder.addSource({ name: '', topics: ['t'] }), 'The name of a source must be a non-empty string, got ""');
      expectTopologyError(() => builder.addSource({ name: 's', topics: [asString(null)] }), 'The name of a topic of source "s" must be a non-empty string');
      expectTopologyError(() => builder.addSource(null as unknown as { name: string }), 'addSource needs a source definition');
      builder.addSource({ name: 'source', topics: ['t'] });
      expectTopologyError(() => builder.addProcessor(asString(undefined), noop, ['source']), 'The name of a processor must be a non-empty string, got undefined');
      expectTopologyError(() => builder.addProcessor('p', null as unknown as typeof noop, ['source']), 'the processor supplier must be a function');
      expectTopologyError(() => builder.addProcessor('p', noop, [asString(null)]), 'The name of a parent of "p" must be a non-empty string');
      expectTopologyError(() => builder.addSink({ name: 'sink', topic: '', parentNames: ['source'] }), 'The name of the topic of sink "sink" must be a non-empty string');
      expectTopologyError(() => builder.addSink({ name: 'sink', topic: asString(null), parentNames: ['source'] }), 'topic must be a topic name or a TopicNameExtractor');
      expectTopologyError(() => builder.addStateStore(null as unknown as ReturnType<typeof fakeStoreBuilder>), 'addStateStore needs a StoreBuilder');
      expectTopologyError(() => builder.connectProcessorAndStateStores(asString(null), ['store']), 'The name of the processor to connect must be a non-empty string');
      expectTopologyError(() => builder.addInternalTopic('', { kind: 'repartition' }), 'The name of an internal topic must be a non-empty string');
    });

    it('rejects a supplier that returns the same processor every time', () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      const shared = { process(): void {} };
      expectTopologyError(() => builder.addProcessor('processor', () => shared, ['source']), 'returned the same processor instance twice');
    });

    it('rejects connecting a store that does not exist, or to a node that does not exist or is not a processor', () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addProcessor('processor', noop, ['source']);
      builder.addSink({ name: 'sink', topic: 'out', parentNames: ['processor'] });
      expectTopologyError(() => builder.connectProcessorAndStateStores('processor', ['missing']), 'StateStore missing is not added yet');
      expectTopologyError(() => builder.connectProcessorAndStateStores('processor', []), 'must provide at least one state store name');
      builder.addStateStore(fakeStoreBuilder('store'));
      expectTopologyError(() => builder.connectProcessorAndStateStores('nobody', ['store']), 'Processor nobody is not added yet');
      expectTopologyError(() => builder.connectProcessorAndStateStores('source', ['store']), 'cannot connect a state store store to a source node or a sink node (source is a source)');
      expectTopologyError(() => builder.addStateStore(fakeStoreBuilder('other'), ['sink']), 'cannot connect a state store other to a source node or a sink node (sink is a sink)');
      // a failed call adds nothing
      expect(builder.hasStore('other')).to.equal(false);
    });

    it('rejects a store added twice with a different builder, and accepts the same builder again', () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addProcessor('p1', noop, ['source']);
      builder.addProcessor('p2', noop, ['source']);
      const store = fakeStoreBuilder('store');
      builder.addStateStore(store, ['p1']);
      builder.addStateStore(store, ['p2']);
      expectTopologyError(() => builder.addStateStore(fakeStoreBuilder('store')), 'A different StateStore has already been added with the name store');
      builder.addStateStore(fakeStoreBuilder('store'), [], true); // the DSL's override
      const [subtopology] = builder.build().subtopologies;
      expect(subtopology.stores.map((s) => s.name)).to.deep.equal(['store']);
    });

    it('rejects global store mistakes', () => {
      const global = (overrides: Partial<Parameters<InternalTopologyBuilder['addGlobalStore']>[0]> = {}) => ({
        storeBuilder: fakeStoreBuilder('global', { logging: false }),
        sourceName: 'global-source',
        topic: 'global-topic',
        processorName: 'global-processor',
        createProcessor: noop,
        reprocessOnRestore: true,
        ...overrides,
      });
      expectTopologyError(() => builder.addGlobalStore(global({ storeBuilder: fakeStoreBuilder('global') })), 'for global table must not have logging enabled');
      expectTopologyError(() => builder.addGlobalStore(global({ processorName: 'global-source' })), 'sourceName and processorName must be different');
      builder.addGlobalStore(global());
      expectTopologyError(
        () => builder.addGlobalStore(global({ sourceName: 's2', processorName: 'p2', topic: 't2' })),
        'A different GlobalStateStore has already been added with the name global',
      );
      expectTopologyError(() => builder.addStateStore(fakeStoreBuilder('global')), 'A different GlobalStateStore has already been added with the name global');
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addProcessor('processor', noop, ['source']);
      expectTopologyError(() => builder.connectProcessorAndStateStores('processor', ['global']), 'Global StateStore global can be used by a Processor without being specified');
    });

    it('rejects a source store connected to a topic twice', () => {
      builder.connectSourceStoreAndTopic('store', 'topic');
      expectTopologyError(() => builder.connectSourceStoreAndTopic('store', 'topic'), 'Source store store is already added');
    });

    it('rejects bad internal topic properties', () => {
      expectTopologyError(() => builder.addInternalTopic('t', { kind: 'repartition', partitions: 0 }), 'number of partitions must be a positive integer, got 0');
      expectTopologyError(() => builder.addInternalTopic('t', { kind: 'changelog' as 'repartition' }), "unknown kind \"changelog\"");
    });

    it('rejects co-partition groups that name anything but sources, at build', () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addProcessor('processor', noop, ['source']);
      builder.copartitionSources(['source', 'processor']);
      expectTopologyError(() => builder.build(), 'names "processor", which is not a source node');
    });

    it('rejects co-partitioned repartition topics with different fixed partition counts', () => {
      builder.addInternalTopic('left-repartition', { kind: 'repartition', partitions: 3 });
      builder.addInternalTopic('right-repartition', { kind: 'repartition', partitions: 5 });
      builder.addSource({ name: 'left', topics: ['left-repartition'] });
      builder.addSource({ name: 'right', topics: ['right-repartition'] });
      builder.copartitionSources(['left', 'right']);
      expectTopologyError(() => builder.build(), 'Following topics do not have the same number of partitions: [{left-repartition=3, right-repartition=5}]');
    });

    it('carries what the error is about in its context', () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      try {
        builder.addSource({ name: 'other', topics: ['t'] });
        expect.fail('expected a TopologyError');
      } catch (err) {
        expect((err as TopologyError).code).to.equal('TOPOLOGY_INVALID');
        expect((err as TopologyError).context).to.deep.equal({ processor: 'other', topic: 't' });
      }
    });
  });

  describe('sub-topologies', () => {
    it('puts two sources connected through a shared store in one sub-topology (InternalTopologyBuilderTest.testTopicGroupsByStateStore)', () => {
      for (let i = 1; i <= 5; i++) builder.addSource({ name: `source-${i}`, topics: i === 1 ? ['topic-1', 'topic-1x'] : [`topic-${i}`] });
      builder.addProcessor('processor-1', noop, ['source-1']);
      builder.addProcessor('processor-2', noop, ['source-2']);
      builder.addStateStore(fakeStoreBuilder('store-1'), ['processor-1', 'processor-2']);
      builder.addProcessor('processor-3', noop, ['source-3']);
      builder.addProcessor('processor-4', noop, ['source-4']);
      builder.addStateStore(fakeStoreBuilder('store-2'), ['processor-3', 'processor-4']);
      builder.addProcessor('processor-5', noop, ['source-5']);
      builder.addStateStore(fakeStoreBuilder('store-3'));
      builder.connectProcessorAndStateStores('processor-5', ['store-3']);

      const built = builder.build();
      expect(built.subtopologies.map((s) => [s.id, s.sourceTopics])).to.deep.equal([
        [0, ['topic-1', 'topic-1x', 'topic-2']],
        [1, ['topic-3', 'topic-4']],
        [2, ['topic-5']],
      ]);
      expect(built.subtopologies.map((s) => s.stores.map((store) => store.name))).to.deep.equal([['store-1'], ['store-2'], ['store-3']]);
      expect(built.internalTopics.map((t) => [t.name, t.kind, t.store])).to.deep.equal([
        ['store-1-changelog', 'changelog', 'store-1'],
        ['store-2-changelog', 'changelog', 'store-2'],
        ['store-3-changelog', 'changelog', 'store-3'],
      ]);
    });

    it('groups nodes joined by edges (InternalTopologyBuilderTest.testBuild)', () => {
      builder.addSource({ name: 'source-1', topics: ['topic-1', 'topic-1x'] });
      for (let i = 2; i <= 5; i++) builder.addSource({ name: `source-${i}`, topics: [`topic-${i}`] });
      builder.addProcessor('processor-1', noop, ['source-1']);
      builder.addProcessor('processor-2', noop, ['source-2', 'processor-1']);
      builder.addProcessor('processor-3', noop, ['source-3', 'source-4']);

      const { subtopologies, sourceTopicToSubtopology } = builder.build();
      expect(subtopologies.map(nodeNames)).to.deep.equal([
        ['source-1', 'source-2', 'processor-1', 'processor-2'],
        ['source-3', 'source-4', 'processor-3'],
        ['source-5'],
      ]);
      expect([...sourceTopicToSubtopology]).to.deep.equal([
        ['topic-1', 0],
        ['topic-1x', 0],
        ['topic-2', 0],
        ['topic-3', 1],
        ['topic-4', 1],
        ['topic-5', 2],
      ]);
    });

    it('splits where a sink writes a topic that a source reads, numbering upstream first', () => {
      builder.addInternalTopic('by-user-repartition', { kind: 'repartition' });
      builder.addSource({ name: 'source', topics: ['clicks'] });
      builder.addProcessor('select-key', noop, ['source']);
      builder.addSink({ name: 'repartition-sink', topic: 'by-user-repartition', parentNames: ['select-key'] });
      builder.addSource({ name: 'repartition-source', topics: ['by-user-repartition'] });
      builder.addProcessor('count', noop, ['repartition-source']);
      builder.addStateStore(fakeStoreBuilder('counts'), ['count']);
      builder.addSink({ name: 'sink', topic: 'counts-out', parentNames: ['count'] });

      const built = builder.build();
      expect(built.subtopologies.map(nodeNames)).to.deep.equal([
        ['source', 'select-key', 'repartition-sink'],
        ['repartition-source', 'count', 'sink'],
      ]);
      expect(built.subtopologies[0]).to.include({ id: 0 });
      expect(built.subtopologies[0].sinkTopics).to.deep.equal(['by-user-repartition']);
      expect(built.subtopologies[1].sourceTopics).to.deep.equal(['by-user-repartition']);
      expect(built.subtopologies[1].sinkTopics).to.deep.equal(['counts-out']);
      expect(built.sourceTopicToSubtopology.get('by-user-repartition')).to.equal(1);
      expect(built.internalTopics).to.deep.equal([
        {
          name: 'by-user-repartition',
          kind: 'repartition',
          partitions: null,
          config: { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'delete', 'segment.bytes': '52428800', 'retention.ms': '-1' },
          store: null,
        },
        {
          name: 'counts-changelog',
          kind: 'changelog',
          partitions: null,
          config: { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'compact' },
          store: 'counts',
        },
      ]);
    });

    it('numbers sub-topologies in the order their first node was added (Java 3.9), not by source name', () => {
      builder.addSource({ name: 'z-source', topics: ['z'] });
      builder.addSource({ name: 'a-source', topics: ['a'] });
      expect(builder.build().subtopologies.map(nodeNames)).to.deep.equal([['z-source'], ['a-source']]);
    });

    it('lists sources first, then the other nodes, each in the order added', () => {
      builder.addSource({ name: 's1', topics: ['t1'] });
      builder.addProcessor('p1', noop, ['s1']);
      builder.addSource({ name: 's2', topics: ['t2'] });
      builder.addProcessor('p2', noop, ['p1', 's2']);
      expect(nodeNames(builder.build().subtopologies[0])).to.deep.equal(['s1', 's2', 'p1', 'p2']);
    });

    it('keeps children in the order they were connected, as forward() visits them', () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addProcessor('zulu', noop, ['source']);
      builder.addProcessor('alpha', noop, ['source']);
      builder.addSink({ name: 'mike', topic: 'out', parentNames: ['source', 'alpha'] });
      builder.addProcessor('merge', noop, ['zulu', 'zulu']);

      const nodes = new Map(builder.build().subtopologies[0].nodes.map((n) => [n.name, n]));
      expect((nodes.get('source') as SourceNodeDefinition).successors).to.deep.equal(['zulu', 'alpha', 'mike']);
      expect((nodes.get('alpha') as ProcessorNodeDefinition).successors).to.deep.equal(['mike']);
      // Java's merge of a stream with itself: the child appears (and gets each record) twice.
      expect((nodes.get('zulu') as ProcessorNodeDefinition).successors).to.deep.equal(['merge', 'merge']);
      expect((nodes.get('merge') as ProcessorNodeDefinition).predecessors).to.deep.equal(['zulu', 'zulu']);
    });

    it('builds definitions that carry the registered serdes, extractor, reset and factories', () => {
      const keyDeserializer = { deserialize: () => 'k' };
      const valueDeserializer = { deserialize: () => 'v' };
      const timestampExtractor = { extract: () => 42 };
      const keySerializer = { serialize: () => null };
      const partitioner = () => 0;
      const factory = () => ({ process(): void {} });
      builder.addSource({ name: 'source', topics: ['t'], keyDeserializer, valueDeserializer, timestampExtractor, offsetReset: 'latest' });
      builder.addProcessor('processor', factory, ['source']);
      builder.addSink({ name: 'sink', topic: 'out', keySerializer, partitioner, parentNames: ['processor'] });

      const [source, processor, sink] = builder.build().subtopologies[0].nodes;
      expect(source).to.deep.equal({
        kind: 'source',
        name: 'source',
        topics: ['t'],
        pattern: null,
        keyDeserializer,
        valueDeserializer,
        timestampExtractor,
        offsetReset: 'latest',
        successors: ['processor'],
      });
      expect(processor).to.deep.equal({ kind: 'processor', name: 'processor', createProcessor: factory, predecessors: ['source'], successors: ['sink'], stores: [] });
      expect(sink).to.deep.equal({
        kind: 'sink',
        name: 'sink',
        topic: 'out',
        keySerializer,
        valueSerializer: null,
        partitioner,
        predecessors: ['processor'],
      });
    });

    it('puts pattern sources in their sub-topology', () => {
      builder.addSource({ name: 'source', pattern: /events-\d+/ });
      builder.addProcessor('processor', noop, ['source']);
      const built = builder.build();
      expect(built.subtopologies[0].sourcePatterns).to.deep.equal([/events-\d+/]);
      expect(built.subtopologies[0].sourceTopics).to.deep.equal([]);
      expect(built.sourceTopicToSubtopology.size).to.equal(0);
    });

    it('keeps a global store out of the sub-topologies', () => {
      const store = fakeStoreBuilder('global', { logging: false });
      const factory = () => ({ process(): void {} });
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addGlobalStore({ storeBuilder: store, sourceName: 'gs', topic: 'global-topic', processorName: 'gp', createProcessor: factory, reprocessOnRestore: false });
      builder.addProcessor('processor', noop, ['source']);

      const built = builder.build();
      expect(built.subtopologies.map((s) => [s.id, nodeNames(s)])).to.deep.equal([[0, ['source', 'processor']]]);
      expect(built.sourceTopicToSubtopology.has('global-topic')).to.equal(false);
      expect(built.internalTopics).to.deep.equal([]);
      expect(built.globalStores).to.have.length(1);
      const [global] = built.globalStores;
      expect(global.id).to.equal(1);
      expect(global.topic).to.equal('global-topic');
      expect(global.reprocessOnRestore).to.equal(false);
      expect(global.source.successors).to.deep.equal(['gp']);
      expect(global.processor).to.include({ name: 'gp', createProcessor: factory });
      expect(global.processor.stores).to.deep.equal(['global']);
      expect(global.store).to.deep.equal({ name: 'global', builder: store, changelogTopic: 'global-topic', changelogIsSourceTopic: true });
    });
  });

  describe('internal topics', () => {
    it("creates no changelog for a store without logging, and uses a source topic when the store reuses it", () => {
      builder.addSource({ name: 'source', topics: ['table-topic'] });
      builder.addProcessor('table', noop, ['source']);
      builder.addStateStore(fakeStoreBuilder('unlogged', { logging: false }), ['table']);
      builder.addStateStore(fakeStoreBuilder('reused', { logging: false }), ['table']);
      builder.connectSourceStoreAndTopic('reused', 'table-topic');

      const built = builder.build();
      expect(built.internalTopics).to.deep.equal([]);
      expect(built.subtopologies[0].stores.map((s) => [s.name, s.changelogTopic, s.changelogIsSourceTopic])).to.deep.equal([
        ['unlogged', null, false],
        ['reused', 'table-topic', true],
      ]);
    });

    it('gives a KTable source store its own changelog when the source topic is not reused (optimization off)', () => {
      builder.addSource({ name: 'source', topics: ['table-topic'] });
      builder.addProcessor('table', noop, ['source']);
      builder.addStateStore(fakeStoreBuilder('table-store'), ['table']);
      expect(builder.build().internalTopics.map((t) => t.name)).to.deep.equal(['table-store-changelog']);
    });

    it("merges Java's changelog defaults with the store's log config", () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addProcessor('processor', noop, ['source']);
      builder.addStateStore(fakeStoreBuilder('kv', { logConfig: { 'min.insync.replicas': '2', 'cleanup.policy': 'compact' } }), ['processor']);
      builder.addStateStore(fakeStoreBuilder('window', { retentionPeriodMs: 30_000 }), ['processor']);
      builder.addStateStore(fakeStoreBuilder('window-own-retention', { retentionPeriodMs: 30_000, logConfig: { 'retention.ms': '5' } }), ['processor']);
      builder.addStateStore(fakeStoreBuilder('versioned', { historyRetentionMs: 60_000 }), ['processor']);

      const configs = Object.fromEntries(builder.build({ windowStoreChangelogAdditionalRetentionMs: 10_000 }).internalTopics.map((t) => [t.name, t.config]));
      expect(configs).to.deep.equal({
        'kv-changelog': { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'compact', 'min.insync.replicas': '2' },
        // InternalTopologyBuilderTest.shouldAddInternalTopicConfigForWindowStores: 30s + 10s
        'window-changelog': { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'compact,delete', 'retention.ms': '40000' },
        'window-own-retention-changelog': { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'compact,delete', 'retention.ms': '5' },
        // InternalTopologyBuilderTest.shouldAddInternalTopicConfigForVersionedStores: 60s + 1 day
        'versioned-changelog': { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'compact', 'min.compaction.lag.ms': String(60_000 + 86_400_000) },
      });
    });

    it('defaults the window changelog slack to one day', () => {
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addProcessor('processor', noop, ['source']);
      builder.addStateStore(fakeStoreBuilder('window', { retentionPeriodMs: 30_000 }), ['processor']);
      expect(builder.build().internalTopics[0].config['retention.ms']).to.equal(String(30_000 + 86_400_000));
    });

    it('keeps a repartition topic’s fixed partition count and extra config', () => {
      builder.addInternalTopic('fixed-repartition', { kind: 'repartition', partitions: 10, config: { 'retention.ms': '1000' } });
      builder.addSource({ name: 'source', topics: ['fixed-repartition'] });
      expect(builder.build().internalTopics).to.deep.equal([
        {
          name: 'fixed-repartition',
          kind: 'repartition',
          partitions: 10,
          config: { 'message.timestamp.type': 'CreateTime', 'cleanup.policy': 'delete', 'segment.bytes': '52428800', 'retention.ms': '1000' },
          store: null,
        },
      ]);
    });

    it('leaves out a repartition topic that no source reads, as Java does', () => {
      builder.addInternalTopic('unused-repartition', { kind: 'repartition' });
      builder.addSource({ name: 'source', topics: ['t'] });
      builder.addSink({ name: 'sink', topic: 'unused-repartition', parentNames: ['source'] });
      expect(builder.build().internalTopics).to.deep.equal([]);
    });
  });

  describe('co-partition groups', () => {
    it('lists the topics of co-partitioned sources (InternalTopologyBuilderTest.testTopicGroups)', () => {
      builder.addInternalTopic('topic-1x', { kind: 'repartition' });
      builder.addSource({ name: 'source-1', topics: ['topic-1', 'topic-1x'] });
      builder.addSource({ name: 'source-2', topics: ['topic-2'] });
      builder.addSource({ name: 'source-3', topics: ['topic-3'] });
      builder.addProcessor('processor-1', noop, ['source-1']);
      builder.addProcessor('processor-2', noop, ['source-2', 'processor-1']);
      builder.copartitionSources(['source-1', 'source-2']);
      expect(builder.build().copartitionGroups).to.deep.equal([['topic-1', 'topic-1x', 'topic-2']]);
    });

    it('merges groups that share a topic', () => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) builder.addSource({ name, topics: [`${name}-topic`] });
      builder.copartitionSources(['c', 'd']);
      builder.copartitionSources(['a', 'b']);
      builder.copartitionSources(['b', 'c']);
      builder.copartitionSources(['e']);
      expect(builder.build().copartitionGroups).to.deep.equal([['a-topic', 'b-topic', 'c-topic', 'd-topic'], ['e-topic']]);
    });

    it('accepts co-partitioned repartition topics with the same fixed count, or with one left to the runtime', () => {
      builder.addInternalTopic('left-repartition', { kind: 'repartition', partitions: 4 });
      builder.addInternalTopic('right-repartition', { kind: 'repartition', partitions: 4 });
      builder.addInternalTopic('free-repartition', { kind: 'repartition', partitions: 2 });
      builder.addSource({ name: 'left', topics: ['left-repartition'] });
      builder.addSource({ name: 'right', topics: ['right-repartition'] });
      builder.addSource({ name: 'free', topics: ['free-repartition'] });
      builder.addSource({ name: 'user', topics: ['user-topic'] });
      builder.copartitionSources(['left', 'right']);
      builder.copartitionSources(['free', 'user']);
      expect(builder.build().copartitionGroups).to.deep.equal([
        ['free-repartition', 'user-topic'],
        ['left-repartition', 'right-repartition'],
      ]);
    });
  });

  describe('fingerprint', () => {
    const build = (extraSink: boolean) => {
      const b = new InternalTopologyBuilder();
      b.addSource({ name: 'source', topics: ['in'] });
      b.addProcessor('processor', noop, ['source']);
      b.addStateStore(fakeStoreBuilder('store'), ['processor']);
      b.addSink({ name: 'sink', topic: 'out', parentNames: ['processor'] });
      if (extraSink) b.addSink({ name: 'sink-2', topic: 'out-2', parentNames: ['processor'] });
      return b.build();
    };

    it('is the sha256 of the describe() text, the same for two identical builds', () => {
      const first = build(false);
      const second = build(false);
      expect(first.fingerprint).to.match(/^[0-9a-f]{64}$/);
      expect(first.fingerprint).to.equal(second.fingerprint);
      expect(first.describe().toString()).to.equal(second.describe().toString());
    });

    it('differs for a different topology', () => {
      expect(build(true).fingerprint).to.not.equal(build(false).fingerprint);
    });

    it('is a snapshot: later registrations do not change a built topology', () => {
      const b = new InternalTopologyBuilder();
      b.addSource({ name: 'source', topics: ['in'] });
      const built = b.build();
      b.addSink({ name: 'sink', topic: 'out', parentNames: ['source'] });
      expect(built.subtopologies[0].nodes.map((n) => n.name)).to.deep.equal(['source']);
      expect(built.describe().toString()).to.not.contain('sink');
      expect(b.build().fingerprint).to.not.equal(built.fingerprint);
    });
  });
});
