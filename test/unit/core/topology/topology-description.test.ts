import { expect } from 'chai';
import { Topology } from '../../../../src/core/topology/topology';
import type { ProcessorNodeDescription, SinkNodeDescription, SourceNodeDescription } from '../../../../src/core/topology/topology-description';
import type { TopicNameExtractor } from '../../../../src/core/topology/topology-model';
import { fakeStoreBuilder } from './fake-store-builder';

const noop = () => ({ process(): void {} });

// Two kinds of golden text:
// - "Java test" goldens are the expected describe() strings of Kafka 3.9's own tests, copied as they
//   are; the DSL topologies they describe are rebuilt here node by node with the same names, edges
//   and stores (and the same order of additions as Java's DSL), since our DSL is not written yet.
// - The second group renders the TopologyDescription objects that Kafka's TopologyTest and
//   InternalTopologyBuilderTest build by hand (they compare objects, not text), plus two topologies of
//   our own (global-store interleaving, HashSet order). Their text was printed by Kafka 3.9's describe
//   code (InternalTopologyBuilder's description classes, run on OpenJDK 17).
describe('TopologyDescription', () => {
  describe('golden text from Kafka 3.9 tests', () => {
    it('prints an empty topology as Java does', () => {
      expect(new Topology().describe().toString()).to.equal('Topologies:\n ');
    });

    it('prints a stream-stream join (TopologyTest.streamStreamJoinTopologyWithDefaultStoresNames)', () => {
      // The merge's predecessors are not in name order: Java sorts them by sub-tree size at the moment
      // each edge is wired, and JOINTHIS has grown by then.
      const topology = new Topology()
        .addSource('KSTREAM-SOURCE-0000000000', 'input-topic1')
        .addSource('KSTREAM-SOURCE-0000000001', 'input-topic2')
        .addProcessor('KSTREAM-WINDOWED-0000000002', noop, 'KSTREAM-SOURCE-0000000000')
        .addProcessor('KSTREAM-WINDOWED-0000000003', noop, 'KSTREAM-SOURCE-0000000001')
        .addProcessor('KSTREAM-JOINTHIS-0000000004', noop, 'KSTREAM-WINDOWED-0000000002')
        .addProcessor('KSTREAM-JOINOTHER-0000000005', noop, 'KSTREAM-WINDOWED-0000000003')
        .addProcessor('KSTREAM-MERGE-0000000006', noop, 'KSTREAM-JOINTHIS-0000000004', 'KSTREAM-JOINOTHER-0000000005')
        .addStateStore(fakeStoreBuilder('KSTREAM-JOINTHIS-0000000004-store'), 'KSTREAM-WINDOWED-0000000002', 'KSTREAM-JOINOTHER-0000000005')
        .addStateStore(fakeStoreBuilder('KSTREAM-JOINOTHER-0000000005-store'), 'KSTREAM-WINDOWED-0000000003', 'KSTREAM-JOINTHIS-0000000004');

      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic1])\n' +
          '      --> KSTREAM-WINDOWED-0000000002\n' +
          '    Source: KSTREAM-SOURCE-0000000001 (topics: [input-topic2])\n' +
          '      --> KSTREAM-WINDOWED-0000000003\n' +
          '    Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-JOINTHIS-0000000004-store])\n' +
          '      --> KSTREAM-JOINTHIS-0000000004\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-JOINOTHER-0000000005-store])\n' +
          '      --> KSTREAM-JOINOTHER-0000000005\n' +
          '      <-- KSTREAM-SOURCE-0000000001\n' +
          '    Processor: KSTREAM-JOINOTHER-0000000005 (stores: [KSTREAM-JOINTHIS-0000000004-store])\n' +
          '      --> KSTREAM-MERGE-0000000006\n' +
          '      <-- KSTREAM-WINDOWED-0000000003\n' +
          '    Processor: KSTREAM-JOINTHIS-0000000004 (stores: [KSTREAM-JOINOTHER-0000000005-store])\n' +
          '      --> KSTREAM-MERGE-0000000006\n' +
          '      <-- KSTREAM-WINDOWED-0000000002\n' +
          '    Processor: KSTREAM-MERGE-0000000006 (stores: [])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-JOINTHIS-0000000004, KSTREAM-JOINOTHER-0000000005\n\n',
      );
    });

    it('prints a sink with a TopicNameExtractor by its toString (TopologyTest.topologyWithDynamicRoutingShouldDescribeExtractorClass)', () => {
      const extractor: TopicNameExtractor = Object.assign((key: unknown, _value: unknown, context: { topic: string | undefined }) => `${context.topic}-${String(key)}`, {
        toString: () => 'anonymous topic name extractor. topic is [recordContext.topic()]-[key]',
      });
      const topology = new Topology()
        .addSource('KSTREAM-SOURCE-0000000000', 'input-topic')
        .addSink('KSTREAM-SINK-0000000001', extractor, 'KSTREAM-SOURCE-0000000000');

      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
          '      --> KSTREAM-SINK-0000000001\n' +
          '    Sink: KSTREAM-SINK-0000000001 (extractor class: anonymous topic name extractor. topic is [recordContext.topic()]-[key])\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      );
    });

    it('prints a count (TopologyTest.kGroupedStreamZeroArgCountShouldPreserveTopologyStructure)', () => {
      const topology = new Topology()
        .addSource('KSTREAM-SOURCE-0000000000', 'input-topic')
        .addProcessor('KSTREAM-AGGREGATE-0000000002', noop, 'KSTREAM-SOURCE-0000000000')
        .addStateStore(fakeStoreBuilder('KSTREAM-AGGREGATE-STATE-STORE-0000000001'), 'KSTREAM-AGGREGATE-0000000002');

      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
          '      --> KSTREAM-AGGREGATE-0000000002\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000002 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000001])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n\n',
      );
    });

    it('prints two sub-topologies joined by a repartition topic (KStreamKTableJoinTest.shouldReuseRepartitionTopicWithGeneratedName)', () => {
      // Added in the order Java's DSL writes them: the table sources first, then the re-keyed stream.
      const topology = new Topology()
        .addSource('KSTREAM-SOURCE-0000000000', 'topic')
        .addSource('KSTREAM-SOURCE-0000000002', 'topic2')
        .addProcessor('KTABLE-SOURCE-0000000003', noop, 'KSTREAM-SOURCE-0000000002')
        .addStateStore(fakeStoreBuilder('topic2-STATE-STORE-0000000001'), 'KTABLE-SOURCE-0000000003')
        .addSource('KSTREAM-SOURCE-0000000005', 'topic3')
        .addProcessor('KTABLE-SOURCE-0000000006', noop, 'KSTREAM-SOURCE-0000000005')
        .addStateStore(fakeStoreBuilder('topic3-STATE-STORE-0000000004'), 'KTABLE-SOURCE-0000000006')
        .addProcessor('KSTREAM-MAP-0000000007', noop, 'KSTREAM-SOURCE-0000000000')
        .addProcessor('KSTREAM-FILTER-0000000009', noop, 'KSTREAM-MAP-0000000007')
        .addSink('KSTREAM-SINK-0000000008', 'KSTREAM-MAP-0000000007-repartition', 'KSTREAM-FILTER-0000000009')
        .addSource('KSTREAM-SOURCE-0000000010', 'KSTREAM-MAP-0000000007-repartition')
        .addProcessor('KSTREAM-JOIN-0000000011', noop, 'KSTREAM-SOURCE-0000000010')
        .connectProcessorAndStateStores('KSTREAM-JOIN-0000000011', 'topic2-STATE-STORE-0000000001')
        .addSink('KSTREAM-SINK-0000000012', 'out-one', 'KSTREAM-JOIN-0000000011')
        .addProcessor('KSTREAM-JOIN-0000000016', noop, 'KSTREAM-SOURCE-0000000010')
        .connectProcessorAndStateStores('KSTREAM-JOIN-0000000016', 'topic3-STATE-STORE-0000000004')
        .addSink('KSTREAM-SINK-0000000017', 'out-two', 'KSTREAM-JOIN-0000000016');

      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [topic])\n' +
          '      --> KSTREAM-MAP-0000000007\n' +
          '    Processor: KSTREAM-MAP-0000000007 (stores: [])\n' +
          '      --> KSTREAM-FILTER-0000000009\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KSTREAM-FILTER-0000000009 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000008\n' +
          '      <-- KSTREAM-MAP-0000000007\n' +
          '    Sink: KSTREAM-SINK-0000000008 (topic: KSTREAM-MAP-0000000007-repartition)\n' +
          '      <-- KSTREAM-FILTER-0000000009\n' +
          '\n' +
          '  Sub-topology: 1\n' +
          '    Source: KSTREAM-SOURCE-0000000010 (topics: [KSTREAM-MAP-0000000007-repartition])\n' +
          '      --> KSTREAM-JOIN-0000000011, KSTREAM-JOIN-0000000016\n' +
          '    Processor: KSTREAM-JOIN-0000000011 (stores: [topic2-STATE-STORE-0000000001])\n' +
          '      --> KSTREAM-SINK-0000000012\n' +
          '      <-- KSTREAM-SOURCE-0000000010\n' +
          '    Processor: KSTREAM-JOIN-0000000016 (stores: [topic3-STATE-STORE-0000000004])\n' +
          '      --> KSTREAM-SINK-0000000017\n' +
          '      <-- KSTREAM-SOURCE-0000000010\n' +
          '    Source: KSTREAM-SOURCE-0000000002 (topics: [topic2])\n' +
          '      --> KTABLE-SOURCE-0000000003\n' +
          '    Source: KSTREAM-SOURCE-0000000005 (topics: [topic3])\n' +
          '      --> KTABLE-SOURCE-0000000006\n' +
          '    Sink: KSTREAM-SINK-0000000012 (topic: out-one)\n' +
          '      <-- KSTREAM-JOIN-0000000011\n' +
          '    Sink: KSTREAM-SINK-0000000017 (topic: out-two)\n' +
          '      <-- KSTREAM-JOIN-0000000016\n' +
          '    Processor: KTABLE-SOURCE-0000000003 (stores: [topic2-STATE-STORE-0000000001])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000002\n' +
          '    Processor: KTABLE-SOURCE-0000000006 (stores: [topic3-STATE-STORE-0000000004])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-SOURCE-0000000005\n\n',
      );
    });

    it('prints fan-out and chained merges (StreamsGraphTest.shouldOptimizeSeveralMergeNodesWithCommonKeyChangingParent)', () => {
      const topology = new Topology()
        .addSource('KSTREAM-SOURCE-0000000000', 'input_topic')
        .addProcessor('KSTREAM-KEY-SELECT-0000000001', noop, 'KSTREAM-SOURCE-0000000000')
        .addProcessor('KSTREAM-MAPVALUES-0000000002', noop, 'KSTREAM-KEY-SELECT-0000000001')
        .addProcessor('KSTREAM-MAPVALUES-0000000003', noop, 'KSTREAM-KEY-SELECT-0000000001')
        .addProcessor('KSTREAM-MAPVALUES-0000000004', noop, 'KSTREAM-KEY-SELECT-0000000001')
        .addProcessor('KSTREAM-MERGE-0000000005', noop, 'KSTREAM-MAPVALUES-0000000002', 'KSTREAM-MAPVALUES-0000000003')
        .addProcessor('KSTREAM-MERGE-0000000006', noop, 'KSTREAM-MERGE-0000000005', 'KSTREAM-MAPVALUES-0000000004')
        .addSink('KSTREAM-SINK-0000000007', 'output_topic', 'KSTREAM-MERGE-0000000006');

      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [input_topic])\n' +
          '      --> KSTREAM-KEY-SELECT-0000000001\n' +
          '    Processor: KSTREAM-KEY-SELECT-0000000001 (stores: [])\n' +
          '      --> KSTREAM-MAPVALUES-0000000002, KSTREAM-MAPVALUES-0000000003, KSTREAM-MAPVALUES-0000000004\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KSTREAM-MAPVALUES-0000000002 (stores: [])\n' +
          '      --> KSTREAM-MERGE-0000000005\n' +
          '      <-- KSTREAM-KEY-SELECT-0000000001\n' +
          '    Processor: KSTREAM-MAPVALUES-0000000003 (stores: [])\n' +
          '      --> KSTREAM-MERGE-0000000005\n' +
          '      <-- KSTREAM-KEY-SELECT-0000000001\n' +
          '    Processor: KSTREAM-MAPVALUES-0000000004 (stores: [])\n' +
          '      --> KSTREAM-MERGE-0000000006\n' +
          '      <-- KSTREAM-KEY-SELECT-0000000001\n' +
          '    Processor: KSTREAM-MERGE-0000000005 (stores: [])\n' +
          '      --> KSTREAM-MERGE-0000000006\n' +
          '      <-- KSTREAM-MAPVALUES-0000000002, KSTREAM-MAPVALUES-0000000003\n' +
          '    Processor: KSTREAM-MERGE-0000000006 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000007\n' +
          '      <-- KSTREAM-MERGE-0000000005, KSTREAM-MAPVALUES-0000000004\n' +
          '    Sink: KSTREAM-SINK-0000000007 (topic: output_topic)\n' +
          '      <-- KSTREAM-MERGE-0000000006\n\n',
      );
    });

    it('prints four sub-topologies with branches, merges and shared stores (StreamsGraphTest.shouldNotThrowNPEWithMergeNodes)', () => {
      const rp2 = 'KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition';
      const rp14 = 'KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition';
      const topology = new Topology()
        .addSource('KSTREAM-SOURCE-0000000000', 'retryTopic')
        .addProcessor('KSTREAM-TRANSFORM-0000000001', noop, 'KSTREAM-SOURCE-0000000000')
        .addProcessor(`${rp2}-filter`, noop, 'KSTREAM-TRANSFORM-0000000001')
        .addSink(`${rp2}-sink`, rp2, `${rp2}-filter`)
        .addSource(`${rp2}-source`, rp2)
        .addProcessor('KSTREAM-AGGREGATE-0000000003', noop, `${rp2}-source`)
        .addStateStore(fakeStoreBuilder('KSTREAM-AGGREGATE-STATE-STORE-0000000002'), 'KSTREAM-AGGREGATE-0000000003')
        .addProcessor('KTABLE-SUPPRESS-0000000007', noop, 'KSTREAM-AGGREGATE-0000000003')
        .addStateStore(fakeStoreBuilder('KTABLE-SUPPRESS-STATE-STORE-0000000008'), 'KTABLE-SUPPRESS-0000000007')
        .addProcessor('KTABLE-TOSTREAM-0000000009', noop, 'KTABLE-SUPPRESS-0000000007')
        .addProcessor('KSTREAM-FLATMAP-0000000010', noop, 'KTABLE-TOSTREAM-0000000009')
        .addSource('KSTREAM-SOURCE-0000000011', 'id-table-topic')
        .addProcessor('KSTREAM-FLATMAP-0000000012', noop, 'KSTREAM-SOURCE-0000000011')
        .addProcessor(`${rp14}-filter`, noop, 'KSTREAM-FLATMAP-0000000012')
        .addSink(`${rp14}-sink`, rp14, `${rp14}-filter`)
        .addSource(`${rp14}-source`, rp14)
        .addProcessor('KSTREAM-PEEK-0000000013', noop, `${rp14}-source`)
        .addProcessor('KSTREAM-AGGREGATE-0000000015', noop, 'KSTREAM-PEEK-0000000013')
        .addStateStore(fakeStoreBuilder('KSTREAM-AGGREGATE-STATE-STORE-0000000014'), 'KSTREAM-AGGREGATE-0000000015')
        .addSource('KSTREAM-SOURCE-0000000019', 'internal-topic-command')
        .addProcessor('KSTREAM-PEEK-0000000020', noop, 'KSTREAM-SOURCE-0000000019')
        .addProcessor('KSTREAM-MAPVALUES-0000000021', noop, 'KSTREAM-PEEK-0000000020')
        .addProcessor('KSTREAM-MERGE-0000000022', noop, 'KSTREAM-MAPVALUES-0000000021', 'KSTREAM-FLATMAP-0000000010')
        .addProcessor('KSTREAM-FILTER-0000000024', noop, 'KSTREAM-MERGE-0000000022')
        .addSink('KSTREAM-SINK-0000000023', 'KSTREAM-MERGE-0000000022-repartition', 'KSTREAM-FILTER-0000000024')
        .addSource('KSTREAM-SOURCE-0000000025', 'KSTREAM-MERGE-0000000022-repartition')
        .addProcessor('KSTREAM-LEFTJOIN-0000000026', noop, 'KSTREAM-SOURCE-0000000025')
        .connectProcessorAndStateStores('KSTREAM-LEFTJOIN-0000000026', 'KSTREAM-AGGREGATE-STATE-STORE-0000000014')
        .addProcessor('KSTREAM-BRANCH-0000000027', noop, 'KSTREAM-LEFTJOIN-0000000026')
        .addProcessor('KSTREAM-BRANCH-00000000270', noop, 'KSTREAM-BRANCH-0000000027')
        .addProcessor('KSTREAM-BRANCH-00000000271', noop, 'KSTREAM-BRANCH-0000000027')
        .addProcessor('KSTREAM-MAP-0000000029', noop, 'KSTREAM-BRANCH-00000000271')
        .addProcessor('KSTREAM-PEEK-0000000030', noop, 'KSTREAM-MAP-0000000029')
        .addSink('KSTREAM-SINK-0000000031', 'external-command', 'KSTREAM-PEEK-0000000030')
        .addProcessor('KSTREAM-FILTER-0000000033', noop, 'KSTREAM-BRANCH-00000000270')
        .addProcessor('KSTREAM-PEEK-0000000034', noop, 'KSTREAM-FILTER-0000000033')
        .addProcessor('KSTREAM-MAPVALUES-0000000035', noop, 'KSTREAM-PEEK-0000000034')
        .addSink('KSTREAM-SINK-0000000036', 'dlq-topic', 'KSTREAM-MAPVALUES-0000000035')
        .addProcessor('KSTREAM-MAP-0000000037', noop, 'KSTREAM-BRANCH-00000000270')
        .addSink('KSTREAM-SINK-0000000038', 'retryTopic', 'KSTREAM-MAP-0000000037');

      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: KSTREAM-SOURCE-0000000000 (topics: [retryTopic])\n' +
          '      --> KSTREAM-TRANSFORM-0000000001\n' +
          '    Processor: KSTREAM-TRANSFORM-0000000001 (stores: [])\n' +
          '      --> KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-filter\n' +
          '      <-- KSTREAM-SOURCE-0000000000\n' +
          '    Processor: KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-filter (stores: [])\n' +
          '      --> KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-sink\n' +
          '      <-- KSTREAM-TRANSFORM-0000000001\n' +
          '    Sink: KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-sink (topic: KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition)\n' +
          '      <-- KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-filter\n' +
          '\n' +
          '  Sub-topology: 1\n' +
          '    Source: KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-source (topics: [KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition])\n' +
          '      --> KSTREAM-AGGREGATE-0000000003\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000003 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000002])\n' +
          '      --> KTABLE-SUPPRESS-0000000007\n' +
          '      <-- KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-source\n' +
          '    Source: KSTREAM-SOURCE-0000000019 (topics: [internal-topic-command])\n' +
          '      --> KSTREAM-PEEK-0000000020\n' +
          '    Processor: KTABLE-SUPPRESS-0000000007 (stores: [KTABLE-SUPPRESS-STATE-STORE-0000000008])\n' +
          '      --> KTABLE-TOSTREAM-0000000009\n' +
          '      <-- KSTREAM-AGGREGATE-0000000003\n' +
          '    Processor: KSTREAM-PEEK-0000000020 (stores: [])\n' +
          '      --> KSTREAM-MAPVALUES-0000000021\n' +
          '      <-- KSTREAM-SOURCE-0000000019\n' +
          '    Processor: KTABLE-TOSTREAM-0000000009 (stores: [])\n' +
          '      --> KSTREAM-FLATMAP-0000000010\n' +
          '      <-- KTABLE-SUPPRESS-0000000007\n' +
          '    Processor: KSTREAM-FLATMAP-0000000010 (stores: [])\n' +
          '      --> KSTREAM-MERGE-0000000022\n' +
          '      <-- KTABLE-TOSTREAM-0000000009\n' +
          '    Processor: KSTREAM-MAPVALUES-0000000021 (stores: [])\n' +
          '      --> KSTREAM-MERGE-0000000022\n' +
          '      <-- KSTREAM-PEEK-0000000020\n' +
          '    Processor: KSTREAM-MERGE-0000000022 (stores: [])\n' +
          '      --> KSTREAM-FILTER-0000000024\n' +
          '      <-- KSTREAM-MAPVALUES-0000000021, KSTREAM-FLATMAP-0000000010\n' +
          '    Processor: KSTREAM-FILTER-0000000024 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000023\n' +
          '      <-- KSTREAM-MERGE-0000000022\n' +
          '    Sink: KSTREAM-SINK-0000000023 (topic: KSTREAM-MERGE-0000000022-repartition)\n' +
          '      <-- KSTREAM-FILTER-0000000024\n' +
          '\n' +
          '  Sub-topology: 2\n' +
          '    Source: KSTREAM-SOURCE-0000000011 (topics: [id-table-topic])\n' +
          '      --> KSTREAM-FLATMAP-0000000012\n' +
          '    Processor: KSTREAM-FLATMAP-0000000012 (stores: [])\n' +
          '      --> KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition-filter\n' +
          '      <-- KSTREAM-SOURCE-0000000011\n' +
          '    Processor: KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition-filter (stores: [])\n' +
          '      --> KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition-sink\n' +
          '      <-- KSTREAM-FLATMAP-0000000012\n' +
          '    Sink: KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition-sink (topic: KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition)\n' +
          '      <-- KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition-filter\n' +
          '\n' +
          '  Sub-topology: 3\n' +
          '    Source: KSTREAM-SOURCE-0000000025 (topics: [KSTREAM-MERGE-0000000022-repartition])\n' +
          '      --> KSTREAM-LEFTJOIN-0000000026\n' +
          '    Processor: KSTREAM-LEFTJOIN-0000000026 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000014])\n' +
          '      --> KSTREAM-BRANCH-0000000027\n' +
          '      <-- KSTREAM-SOURCE-0000000025\n' +
          '    Processor: KSTREAM-BRANCH-0000000027 (stores: [])\n' +
          '      --> KSTREAM-BRANCH-00000000270, KSTREAM-BRANCH-00000000271\n' +
          '      <-- KSTREAM-LEFTJOIN-0000000026\n' +
          '    Processor: KSTREAM-BRANCH-00000000270 (stores: [])\n' +
          '      --> KSTREAM-FILTER-0000000033, KSTREAM-MAP-0000000037\n' +
          '      <-- KSTREAM-BRANCH-0000000027\n' +
          '    Processor: KSTREAM-BRANCH-00000000271 (stores: [])\n' +
          '      --> KSTREAM-MAP-0000000029\n' +
          '      <-- KSTREAM-BRANCH-0000000027\n' +
          '    Processor: KSTREAM-FILTER-0000000033 (stores: [])\n' +
          '      --> KSTREAM-PEEK-0000000034\n' +
          '      <-- KSTREAM-BRANCH-00000000270\n' +
          '    Source: KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition-source (topics: [KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition])\n' +
          '      --> KSTREAM-PEEK-0000000013\n' +
          '    Processor: KSTREAM-MAP-0000000029 (stores: [])\n' +
          '      --> KSTREAM-PEEK-0000000030\n' +
          '      <-- KSTREAM-BRANCH-00000000271\n' +
          '    Processor: KSTREAM-PEEK-0000000034 (stores: [])\n' +
          '      --> KSTREAM-MAPVALUES-0000000035\n' +
          '      <-- KSTREAM-FILTER-0000000033\n' +
          '    Processor: KSTREAM-MAP-0000000037 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000038\n' +
          '      <-- KSTREAM-BRANCH-00000000270\n' +
          '    Processor: KSTREAM-MAPVALUES-0000000035 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000036\n' +
          '      <-- KSTREAM-PEEK-0000000034\n' +
          '    Processor: KSTREAM-PEEK-0000000013 (stores: [])\n' +
          '      --> KSTREAM-AGGREGATE-0000000015\n' +
          '      <-- KSTREAM-AGGREGATE-STATE-STORE-0000000014-repartition-source\n' +
          '    Processor: KSTREAM-PEEK-0000000030 (stores: [])\n' +
          '      --> KSTREAM-SINK-0000000031\n' +
          '      <-- KSTREAM-MAP-0000000029\n' +
          '    Processor: KSTREAM-AGGREGATE-0000000015 (stores: [KSTREAM-AGGREGATE-STATE-STORE-0000000014])\n' +
          '      --> none\n' +
          '      <-- KSTREAM-PEEK-0000000013\n' +
          '    Sink: KSTREAM-SINK-0000000031 (topic: external-command)\n' +
          '      <-- KSTREAM-PEEK-0000000030\n' +
          '    Sink: KSTREAM-SINK-0000000036 (topic: dlq-topic)\n' +
          '      <-- KSTREAM-MAPVALUES-0000000035\n' +
          '    Sink: KSTREAM-SINK-0000000038 (topic: retryTopic)\n' +
          '      <-- KSTREAM-MAP-0000000037\n\n',
      );
    });
  });

  describe('text printed by Kafka 3.9 for the expected descriptions of TopologyTest and InternalTopologyBuilderTest', () => {
    it('lists a source with several topics (singleSourceWithListOfTopicsShouldHaveSingleSubtopology)', () => {
      const topology = new Topology().addSource('source', 'topic1', 'topic2', 'topic3');
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n   Sub-topology: 0\n    Source: source (topics: [topic1, topic2, topic3])\n      --> none\n\n',
      );
    });

    it('prints a pattern source by its pattern (singleSourcePatternShouldHaveSingleSubtopology)', () => {
      const topology = new Topology().addSource('source', /topic[0-9]/);
      expect(topology.describe().toString()).to.equal('Topologies:\n   Sub-topology: 0\n    Source: source (topics: topic[0-9])\n      --> none\n\n');
    });

    it('numbers independent sources in the order they were added (multipleSourcesWithSinksShouldHaveDistinctSubtopologies)', () => {
      const topology = new Topology()
        .addSource('source1', 'topic1')
        .addSink('sink1', 'sinkTopic1', 'source1')
        .addSource('source2', 'topic2')
        .addSink('sink2', 'sinkTopic2', 'source2')
        .addSource('source3', 'topic3')
        .addSink('sink3', 'sinkTopic3', 'source3');
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n    Source: source1 (topics: [topic1])\n      --> sink1\n    Sink: sink1 (topic: sinkTopic1)\n      <-- source1\n\n' +
          '  Sub-topology: 1\n    Source: source2 (topics: [topic2])\n      --> sink2\n    Sink: sink2 (topic: sinkTopic2)\n      <-- source2\n\n' +
          '  Sub-topology: 2\n    Source: source3 (topics: [topic3])\n      --> sink3\n    Sink: sink3 (topic: sinkTopic3)\n      <-- source3\n\n',
      );
    });

    it('joins processors that write to one sink (processorsWithSameSinkShouldHaveSameSubtopology)', () => {
      const topology = new Topology()
        .addSource('source', 'topic')
        .addProcessor('processor1', noop, 'source')
        .addSource('source2', 'topic2')
        .addProcessor('processor2', noop, 'source2')
        .addSource('source3', 'topic3')
        .addProcessor('processor3', noop, 'source3')
        .addSink('sink', 'sinkTopic', 'processor1', 'processor2', 'processor3');
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: source (topics: [topic])\n      --> processor1\n' +
          '    Source: source2 (topics: [topic2])\n      --> processor2\n' +
          '    Source: source3 (topics: [topic3])\n      --> processor3\n' +
          '    Processor: processor1 (stores: [])\n      --> sink\n      <-- source\n' +
          '    Processor: processor2 (stores: [])\n      --> sink\n      <-- source2\n' +
          '    Processor: processor3 (stores: [])\n      --> sink\n      <-- source3\n' +
          '    Sink: sink (topic: sinkTopic)\n      <-- processor1, processor2, processor3\n\n',
      );
    });

    it('joins processors that share stores (processorsWithSharedStateShouldHaveSameSubtopology)', () => {
      const topology = new Topology()
        .addSource('source', 'topic')
        .addProcessor('processor1', noop, 'source')
        .addStateStore(fakeStoreBuilder('store1'), 'processor1')
        .addSource('source2', 'topic2')
        .addProcessor('processor2', noop, 'source2')
        .addStateStore(fakeStoreBuilder('store2'), 'processor2')
        .addSource('source3', 'topic3')
        .addProcessor('processor3', noop, 'source3')
        .connectProcessorAndStateStores('processor3', 'store1', 'store2');
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: source (topics: [topic])\n      --> processor1\n' +
          '    Source: source2 (topics: [topic2])\n      --> processor2\n' +
          '    Source: source3 (topics: [topic3])\n      --> processor3\n' +
          '    Processor: processor1 (stores: [store1])\n      --> none\n      <-- source\n' +
          '    Processor: processor2 (stores: [store2])\n      --> none\n      <-- source2\n' +
          '    Processor: processor3 (stores: [store1, store2])\n      --> none\n      <-- source3\n\n',
      );
    });

    it('prints processors with several sources, one a pattern (processorWithMultipleSourcesShouldHaveSingleSubtopology)', () => {
      const topology = new Topology().addSource('source1', 'topic0').addSource('source2', /topic[1-9]/).addProcessor('processor', noop, 'source1', 'source2');
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: source1 (topics: [topic0])\n      --> processor\n' +
          '    Source: source2 (topics: topic[1-9])\n      --> processor\n' +
          '    Processor: processor (stores: [])\n      --> none\n      <-- source1, source2\n\n',
      );
    });

    it('prints global stores (shouldDescribeMultipleGlobalStoreTopology)', () => {
      const topology = new Topology()
        .addGlobalStore({
          storeBuilder: fakeStoreBuilder('globalStore1', { logging: false }),
          sourceName: 'source1',
          topic: 'globalTopic1',
          processorName: 'processor1',
          stateUpdateSupplier: noop,
        })
        .addGlobalStore({
          storeBuilder: fakeStoreBuilder('globalStore2', { logging: false }),
          sourceName: 'source2',
          topic: 'globalTopic2',
          processorName: 'processor2',
          stateUpdateSupplier: noop,
        });
      // Java prints no blank line after a global store.
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0 for global store (will not generate tasks)\n' +
          '    Source: source1 (topics: [globalTopic1])\n      --> processor1\n' +
          '    Processor: processor1 (stores: [globalStore1])\n      --> none\n      <-- source1\n' +
          '  Sub-topology: 1 for global store (will not generate tasks)\n' +
          '    Source: source2 (topics: [globalTopic2])\n      --> processor2\n' +
          '    Processor: processor2 (stores: [globalStore2])\n      --> none\n      <-- source2\n',
      );
    });

    it('interleaves global stores with sub-topologies by id', () => {
      const topology = new Topology()
        .addSource('source-a', 'topic-a')
        .addGlobalStore({
          storeBuilder: fakeStoreBuilder('global-store', { logging: false }),
          sourceName: 'global-source',
          topic: 'global-topic',
          processorName: 'global-processor',
          stateUpdateSupplier: noop,
        })
        .addProcessor('processor-a', noop, 'source-a')
        .addSource('source-b', 'topic-b')
        .addSink('sink-b', 'out-b', 'source-b');
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n    Source: source-a (topics: [topic-a])\n      --> processor-a\n' +
          '    Processor: processor-a (stores: [])\n      --> none\n      <-- source-a\n\n' +
          '  Sub-topology: 1 for global store (will not generate tasks)\n' +
          '    Source: global-source (topics: [global-topic])\n      --> global-processor\n' +
          '    Processor: global-processor (stores: [global-store])\n      --> none\n      <-- global-source\n' +
          '  Sub-topology: 2\n    Source: source-b (topics: [topic-b])\n      --> sink-b\n' +
          '    Sink: sink-b (topic: out-b)\n      <-- source-b\n\n',
      );
    });

    it('orders nodes by sub-tree size, then name (InternalTopologyBuilderTest.shouldSortProcessorNodesCorrectly)', () => {
      const topology = new Topology()
        .addSource('source1', 'topic1')
        .addSource('source2', 'topic2')
        .addProcessor('processor1', noop, 'source1')
        .addProcessor('processor2', noop, 'source1', 'source2')
        .addProcessor('processor3', noop, 'processor2')
        .addSink('sink1', 'topic2', 'processor1', 'processor3');

      const [subtopology] = topology.describe().subtopologies();
      expect(subtopology.nodes().map((n) => n.name())).to.deep.equal(['source1', 'source2', 'processor2', 'processor1', 'processor3', 'sink1']);
      // source1's successors keep the order they had when inserted, when processor2 was still small.
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: source1 (topics: [topic1])\n      --> processor1, processor2\n' +
          '    Source: source2 (topics: [topic2])\n      --> processor2\n' +
          '    Processor: processor2 (stores: [])\n      --> processor3\n      <-- source1, source2\n' +
          '    Processor: processor1 (stores: [])\n      --> sink1\n      <-- source1\n' +
          '    Processor: processor3 (stores: [])\n      --> sink1\n      <-- processor2\n' +
          '    Sink: sink1 (topic: topic2)\n      <-- processor1, processor3\n\n',
      );
    });

    it("lists topics and stores in Java's HashSet order", () => {
      const topology = new Topology()
        .addSource('s', 'orders', 'payments', 'customers', 'BB', 'Aa', 'shipments', 'returns', 't1', 't2', 't3', 't4', 't5')
        .addProcessor('p', noop, 's');
      for (const store of ['zeta', 'alpha', 'KSTREAM-AGGREGATE-STATE-STORE-0000000001', 'Aa', 'BB']) topology.addStateStore(fakeStoreBuilder(store), 'p');
      expect(topology.describe().toString()).to.equal(
        'Topologies:\n' +
          '   Sub-topology: 0\n' +
          '    Source: s (topics: [BB, Aa, t4, t5, payments, shipments, orders, returns, customers, t1, t2, t3])\n' +
          '      --> p\n' +
          '    Processor: p (stores: [zeta, Aa, BB, KSTREAM-AGGREGATE-STATE-STORE-0000000001, alpha])\n' +
          '      --> none\n' +
          '      <-- s\n\n',
      );
    });
  });

  describe('structured API', () => {
    const topology = () =>
      new Topology()
        .addSource('source', 'in-1', 'in-2')
        .addSource('pattern-source', /events-.*/)
        .addProcessor('processor', noop, 'source', 'pattern-source')
        .addStateStore(fakeStoreBuilder('store'), 'processor')
        .addSink('sink', 'out', 'processor')
        .addSink('routed', function byKey() {
          return 'x';
        }, 'processor');

    it('exposes sub-topologies, nodes and their edges', () => {
      const description = topology().describe();
      expect(description.subtopologies()).to.have.length(1);
      expect(description.globalStores()).to.deep.equal([]);
      const [subtopology] = description.subtopologies();
      expect(subtopology.id()).to.equal(0);
      const byName = new Map(subtopology.nodes().map((n) => [n.name(), n]));

      const source = byName.get('source') as SourceNodeDescription;
      expect(source.kind).to.equal('source');
      expect([...(source.topicSet() ?? [])]).to.have.members(['in-1', 'in-2']);
      expect(source.topicPattern()).to.equal(null);
      expect(source.predecessors()).to.deep.equal([]);
      expect(source.successors().map((n) => n.name())).to.deep.equal(['processor']);

      const patternSource = byName.get('pattern-source') as SourceNodeDescription;
      expect(patternSource.topicSet()).to.equal(null);
      expect(patternSource.topicPattern()?.source).to.equal('events-.*');

      const processor = byName.get('processor') as ProcessorNodeDescription;
      expect([...processor.stores()]).to.deep.equal(['store']);
      expect(processor.predecessors().map((n) => n.name())).to.have.members(['source', 'pattern-source']);
      expect(processor.successors().map((n) => n.name())).to.deep.equal(['routed', 'sink']);

      const sink = byName.get('sink') as SinkNodeDescription;
      expect(sink.topic()).to.equal('out');
      expect(sink.topicNameExtractor()).to.equal(null);
      expect(sink.successors()).to.deep.equal([]);

      const routed = byName.get('routed') as SinkNodeDescription;
      expect(routed.topic()).to.equal(null);
      expect(routed.topicNameExtractor()).to.be.a('function');
      expect(routed.toString()).to.equal('Sink: routed (extractor class: byKey)\n      <-- processor');
    });

    it('prints an unnamed extractor function as anonymous', () => {
      const description = new Topology()
        .addSource('source', 'in')
        .addSink('sink', () => 'x', 'source')
        .describe();
      // An arrow function passed inline has no name (one assigned to a const takes the const's name).
      expect(description.toString()).to.contain('Sink: sink (extractor class: anonymous)');
    });

    it('exposes global stores', () => {
      const [global] = new Topology()
        .addGlobalStore({
          storeBuilder: fakeStoreBuilder('global', { logging: false }),
          sourceName: 'global-source',
          topic: 'global-topic',
          processorName: 'global-processor',
          stateUpdateSupplier: noop,
        })
        .describe()
        .globalStores();
      expect(global.id()).to.equal(0);
      expect(global.source().name()).to.equal('global-source');
      expect([...(global.source().topicSet() ?? [])]).to.deep.equal(['global-topic']);
      expect(global.source().successors().map((n) => n.name())).to.deep.equal(['global-processor']);
      expect([...global.processor().stores()]).to.deep.equal(['global']);
      expect(global.processor().predecessors().map((n) => n.name())).to.deep.equal(['global-source']);
    });
  });
});
