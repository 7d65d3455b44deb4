// describe() of KStream topologies, compared with the text Java 3.9 prints for the same topology.
// Expected strings are copied from Kafka's own tests (the file and test named above each case), so
// processor names, repartition topics and sub-topology ids are checked against real Java output.
import { expect } from 'chai';
import { Branched } from '../../../../src/core/dsl/branched';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Named } from '../../../../src/core/dsl/named';
import { Produced } from '../../../../src/core/dsl/produced';
import { Repartitioned } from '../../../../src/core/dsl/repartitioned';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import type { FixedKeyProcessorContext, ProcessorContext } from '../../../../src/core/processor/processor-context';
import type { FixedKeyRecord } from '../../../../src/core/processor/fixed-key-record';
import type { Record } from '../../../../src/core/processor/record';
import { Serdes } from '../../../../src/core/serde/serdes';
import { Stores } from '../../../../src/core/state/stores';
import type { RecordContextView } from '../../../../src/core/topology/topology-model';

describe('KStream describe()', () => {
  it('matches Java for merges below a key change (StreamsGraphTest.shouldOptimizeSeveralMergeNodesWithCommonKeyChangingParent)', () => {
    const builder = new StreamsBuilder();
    const parent = builder.stream('input_topic', Consumed.with(Serdes.Integer(), Serdes.Integer())).selectKey((k, v) => (k ?? 0) + v);
    const child1 = parent.mapValues((v) => v + 1);
    const child2 = parent.mapValues((v) => v + 2);
    const child3 = parent.mapValues((v) => v + 3);
    child1.merge(child2).merge(child3).to('output_topic');

    expect(builder.build().describe().toString()).to.equal(
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

  it('matches Java for a named processValues (KStreamImplTest.shouldProcessValues)', () => {
    const builder = new StreamsBuilder();
    builder
      .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
      .processValues(
        () => {
          let context: FixedKeyProcessorContext<string, number>;
          return {
            init: (c: FixedKeyProcessorContext<string, number>) => {
              context = c;
            },
            process: (record: FixedKeyRecord<string, string>) => context.forward(record.withValue(record.value.length)),
          };
        },
        Named.as('fkp'),
      )
      .to('output', Produced.valueSerde(Serdes.Integer()));

    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> fkp\n' +
        '    Processor: fkp (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000001\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Sink: KSTREAM-SINK-0000000001 (topic: output)\n' +
        '      <-- fkp\n\n',
    );
  });

  it('matches Java for a named process with a store added to the builder (KStreamImplTest.shouldProcessWithOldProcessorAndState)', () => {
    const builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('sum'), Serdes.String(), Serdes.Integer()));
    builder.stream('input', Consumed.with(Serdes.String(), Serdes.String())).process(() => ({ process: () => undefined }), Named.as('p'), 'sum');

    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> p\n' +
        '    Processor: p (stores: [sum])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n\n',
    );
  });

  it("matches Java for a store the supplier declares (KStreamImplTest.shouldBindStateWithOldProcessorSupplier)", () => {
    const builder = new StreamsBuilder();
    builder.stream('input', Consumed.with(Serdes.String(), Serdes.String())).process(
      {
        get: () => ({ process: () => undefined }),
        stores: () => [Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('sum'), Serdes.String(), Serdes.Integer())],
      },
      Named.as('p'),
    );

    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> p\n' +
        '    Processor: p (stores: [sum])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n\n',
    );
  });

  it('matches Java for a named process followed by a sink (KStreamImplTest.shouldBindStateWithOldProcessor)', () => {
    const builder = new StreamsBuilder();
    builder
      .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
      .process(() => {
        let context: ProcessorContext<string, number>;
        return {
          init: (c: ProcessorContext<string, number>) => {
            context = c;
          },
          process: (record: Record<string, string>) => context.forward(record.withValue(record.value.length)),
        };
      }, Named.as('p'))
      .to('output', Produced.valueSerde(Serdes.Integer()));

    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input])\n' +
        '      --> p\n' +
        '    Processor: p (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000001\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Sink: KSTREAM-SINK-0000000001 (topic: output)\n' +
        '      <-- p\n\n',
    );
  });

  it('matches Java for a dynamic sink (TopologyTest.topologyWithDynamicRoutingShouldDescribeExtractorClass)', () => {
    const builder = new StreamsBuilder();
    const extractor = (key: unknown, _value: unknown, context: RecordContextView): string => `${context.topic}-${String(key)}`;
    extractor.toString = () => 'anonymous topic name extractor. topic is [recordContext.topic()]-[key]';
    builder.stream('input-topic').to(extractor);

    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [input-topic])\n' +
        '      --> KSTREAM-SINK-0000000001\n' +
        '    Sink: KSTREAM-SINK-0000000001 (extractor class: anonymous topic name extractor. topic is [recordContext.topic()]-[key])\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n\n',
    );
  });

  it('matches Java for a stream becoming a table and back (KStreamImplTest.shouldNotMaterializedKTableFromKStream)', () => {
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

  it('matches Java for toTable after a key change, through a repartition topic (KStreamImplTest.shouldSupportKeyChangeKTableFromKStream)', () => {
    const builder = new StreamsBuilder();
    builder
      .stream('input', Consumed.with(Serdes.String(), Serdes.String()))
      .map((key, value) => ({ key: key.charCodeAt(0) - 'A'.charCodeAt(0), value }))
      .toTable()
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

  it('names the parts of an unnamed repartition() from the counter: KSTREAM-REPARTITION-<n>, then sink, filter, source', () => {
    const builder = new StreamsBuilder();
    builder.stream<string, string>('in').selectKey((_k, v) => v).repartition().filter(() => true).to('out');

    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [in])\n' +
        '      --> KSTREAM-KEY-SELECT-0000000001\n' +
        '    Processor: KSTREAM-KEY-SELECT-0000000001 (stores: [])\n' +
        '      --> KSTREAM-FILTER-0000000004\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KSTREAM-FILTER-0000000004 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000003\n' +
        '      <-- KSTREAM-KEY-SELECT-0000000001\n' +
        '    Sink: KSTREAM-SINK-0000000003 (topic: KSTREAM-REPARTITION-0000000002-repartition)\n' +
        '      <-- KSTREAM-FILTER-0000000004\n' +
        '\n' +
        '  Sub-topology: 1\n' +
        '    Source: KSTREAM-SOURCE-0000000005 (topics: [KSTREAM-REPARTITION-0000000002-repartition])\n' +
        '      --> KSTREAM-FILTER-0000000006\n' +
        '    Processor: KSTREAM-FILTER-0000000006 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000007\n' +
        '      <-- KSTREAM-SOURCE-0000000005\n' +
        '    Sink: KSTREAM-SINK-0000000007 (topic: out)\n' +
        '      <-- KSTREAM-FILTER-0000000006\n\n',
    );
  });

  it('names the parts of a named repartition() after its topic, and burns no index for the name itself', () => {
    const builder = new StreamsBuilder();
    builder.stream<string, string>('in').repartition(Repartitioned.as('by-user')).peek(() => undefined).to('out');

    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [in])\n' +
        '      --> by-user-repartition-filter\n' +
        '    Processor: by-user-repartition-filter (stores: [])\n' +
        '      --> by-user-repartition-sink\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Sink: by-user-repartition-sink (topic: by-user-repartition)\n' +
        '      <-- by-user-repartition-filter\n' +
        '\n' +
        '  Sub-topology: 1\n' +
        '    Source: by-user-repartition-source (topics: [by-user-repartition])\n' +
        '      --> KSTREAM-PEEK-0000000004\n' +
        '    Processor: KSTREAM-PEEK-0000000004 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000005\n' +
        '      <-- by-user-repartition-source\n' +
        '    Sink: KSTREAM-SINK-0000000005 (topic: out)\n' +
        '      <-- KSTREAM-PEEK-0000000004\n\n',
    );
  });

  it('numbers split branches after the splitter, 0 for the default branch, and burns an index per branch', () => {
    const builder = new StreamsBuilder();
    const branches = builder
      .stream<number, string>('in')
      .split()
      .branch((k) => k > 0)
      .branch((k) => k < 0, Branched.as('-negative'))
      .defaultBranch();
    for (const [name, stream] of branches) stream.to(`${name}-out`);

    expect([...branches.keys()]).to.deep.equal(['KSTREAM-BRANCH-00000000011', 'KSTREAM-BRANCH-0000000001-negative', 'KSTREAM-BRANCH-00000000010']);
    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0\n' +
        '    Source: KSTREAM-SOURCE-0000000000 (topics: [in])\n' +
        '      --> KSTREAM-BRANCH-0000000001\n' +
        '    Processor: KSTREAM-BRANCH-0000000001 (stores: [])\n' +
        // equal-sized nodes sort by name, as Java's String.compareTo: '-' comes before '0'
        '      --> KSTREAM-BRANCH-0000000001-negative, KSTREAM-BRANCH-00000000010, KSTREAM-BRANCH-00000000011\n' +
        '      <-- KSTREAM-SOURCE-0000000000\n' +
        '    Processor: KSTREAM-BRANCH-0000000001-negative (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000006\n' +
        '      <-- KSTREAM-BRANCH-0000000001\n' +
        '    Processor: KSTREAM-BRANCH-00000000010 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000007\n' +
        '      <-- KSTREAM-BRANCH-0000000001\n' +
        '    Processor: KSTREAM-BRANCH-00000000011 (stores: [])\n' +
        '      --> KSTREAM-SINK-0000000005\n' +
        '      <-- KSTREAM-BRANCH-0000000001\n' +
        '    Sink: KSTREAM-SINK-0000000005 (topic: KSTREAM-BRANCH-00000000011-out)\n' +
        '      <-- KSTREAM-BRANCH-00000000011\n' +
        '    Sink: KSTREAM-SINK-0000000006 (topic: KSTREAM-BRANCH-0000000001-negative-out)\n' +
        '      <-- KSTREAM-BRANCH-0000000001-negative\n' +
        '    Sink: KSTREAM-SINK-0000000007 (topic: KSTREAM-BRANCH-00000000010-out)\n' +
        '      <-- KSTREAM-BRANCH-00000000010\n\n',
    );
  });
});
