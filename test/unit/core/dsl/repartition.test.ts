// KStream#repartition and createRepartitionedSource: topic and processor names, the repartition
// topic's records, the null-key filter, and the counter consumption other operations rely on.
import { expect } from 'chai';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Grouped } from '../../../../src/core/dsl/grouped';
import { optimizableRepartitionNodeBuilder } from '../../../../src/core/dsl/graph/repartition-node';
import { InternalStreamsBuilder } from '../../../../src/core/dsl/internal-streams-builder';
import { createRepartitionedSource } from '../../../../src/core/dsl/repartition';
import { Repartitioned } from '../../../../src/core/dsl/repartitioned';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import { Serdes } from '../../../../src/core/serde/serdes';
import { TestRecord } from '../../../../src/core/testing/test-record';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';
import { InternalTopologyBuilder } from '../../../../src/core/topology/internal-topology-builder';
import { internalTopologyBuilder } from '../../../../src/core/topology/topology';

const config = { 'application.id': 'app', 'default.key.serde': Serdes.Integer(), 'default.value.serde': Serdes.String() };

describe('KStream#repartition', () => {
  it('writes every record to <application.id>-<name>-repartition with the partitioner of Repartitioned, and reads it back (KStreamRepartitionTest.shouldInvokePartitionerWhenSet)', async () => {
    const calls: [number, string][] = [];
    const builder = new StreamsBuilder();
    builder
      .stream<number, string>('input-topic')
      .repartition(
        Repartitioned.streamPartitioner<number, string>((_topic, key, value) => {
          calls.push([key, value]);
          return 0;
        }).withName('test'),
      )
      .to('output');
    const driver = new TopologyTestDriver(builder.build(), config, 0);
    const input = driver.createInputTopic('input-topic', Serdes.Integer(), Serdes.String());
    const headers = new RecordHeaders().add('h', 'x');
    await input.pipeInput(new TestRecord(0, 'X0', headers, 10));
    await input.pipeInput(1, 'X1', 11);

    const repartitioned = driver.createOutputTopic('app-test-repartition', Serdes.Integer(), Serdes.String()).readRecordsToList();
    expect(repartitioned.map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
      [0, 'X0', 10],
      [1, 'X1', 11],
    ]);
    expect(repartitioned[0].headers.toArray().map((h) => [h.key, String(h.value)])).to.deep.equal([['h', 'x']]);
    const output = driver.createOutputTopic('output', Serdes.Integer(), Serdes.String()).readRecordsToList();
    expect(output.map((r) => [r.key, r.value, r.timestamp])).to.deep.equal([
      [0, 'X0', 10],
      [1, 'X1', 11],
    ]);
    expect(calls).to.deep.equal([
      [0, 'X0'],
      [1, 'X1'],
    ]);
    await driver.close();
  });

  it('drops records without a key before the repartition topic, and counts them', async () => {
    const builder = new StreamsBuilder();
    builder.stream<number | null, string>('in').repartition(Repartitioned.as('r')).to('out');
    const driver = new TopologyTestDriver(builder.build(), config, 0);
    const input = driver.createInputTopic<number | null, string>('in', Serdes.Integer(), Serdes.String());
    await input.pipeInput(null, 'no key', 1);
    await input.pipeInput(7, 'keyed', 2);
    expect(driver.createOutputTopic('out', Serdes.Integer(), Serdes.String()).readKeyValuesToList()).to.deep.equal([{ key: 7, value: 'keyed' }]);
    expect(driver.droppedRecords().get('null-key')).to.equal(1);
    await driver.close();
  });

  it('registers the topic with the partition count of Repartitioned', () => {
    const builder = new StreamsBuilder();
    builder.stream('in').repartition(Repartitioned.as<unknown, unknown>('scaled').withNumberOfPartitions(4)).to('out');
    const built = internalTopologyBuilder(builder.build()).build();
    expect(built.internalTopics.map((t) => [t.name, t.kind, t.partitions])).to.deep.equal([['scaled-repartition', 'repartition', 4]]);
  });

  it('uses the serdes of Repartitioned for the topic and the stream after it', async () => {
    const builder = new StreamsBuilder();
    builder
      .stream('in', Consumed.with(Serdes.String(), Serdes.String()))
      .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName('typed'))
      .to('out');
    const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'app' }, 0);
    await driver.createInputTopic('in', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 3);
    expect(driver.createOutputTopic('app-typed-repartition', Serdes.String(), Serdes.String()).readKeyValue()).to.deep.equal({ key: 'k', value: 'v' });
    expect(driver.createOutputTopic('out', Serdes.String(), Serdes.String()).readKeyValue()).to.deep.equal({ key: 'k', value: 'v' });
    await driver.close();
  });
});

describe('KStream#repartition key serde (a Java 3.9 quirk, kept)', () => {
  it("writes and reads the topic's keys with Repartitioned's key serde, else default.key.serde — not the stream's", async () => {
    const marked = Serdes.serdeFrom<string>(
      { serialize: (_topic, data) => (data === null ? null : Buffer.from(`D:${data}`)) },
      { deserialize: (_topic, data) => (data === null ? null : data.toString().slice(2)) },
    );
    const builder = new StreamsBuilder();
    builder.stream('in', Consumed.with(Serdes.String(), Serdes.String())).repartition(Repartitioned.as('r')).to('out');
    const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'app', 'default.key.serde': marked }, 0);
    await driver.createInputTopic('in', Serdes.String(), Serdes.String()).pipeInput('k', 'v', 1);
    expect(driver.createOutputTopic('app-r-repartition', Serdes.String(), Serdes.String()).readKeyValue()).to.deep.equal({ key: 'D:k', value: 'v' });
    // downstream the stream keeps its own key serde
    expect(driver.createOutputTopic('out', Serdes.String(), Serdes.String()).readKeyValue()).to.deep.equal({ key: 'k', value: 'v' });
    await driver.close();
  });
});

describe('createRepartitionedSource', () => {
  it('always takes three indexes — sink, filter, source — and uses them for a generated prefix', () => {
    const builder = new InternalStreamsBuilder(new InternalTopologyBuilder());
    builder.newProcessorName('KSTREAM-SOURCE-');
    const nodeBuilder = optimizableRepartitionNodeBuilder<string, string>();
    const sourceName = createRepartitionedSource(builder, null, null, 'KSTREAM-AGGREGATE-STATE-STORE-0000000001', null, nodeBuilder);
    const node = nodeBuilder.build();
    expect(sourceName).to.equal('KSTREAM-SOURCE-0000000003');
    expect([node.nodeName, node.sinkName, node.filterName, node.sourceName, node.repartitionTopic]).to.deep.equal([
      'KSTREAM-SOURCE-0000000003',
      'KSTREAM-SINK-0000000001',
      'KSTREAM-FILTER-0000000002',
      'KSTREAM-SOURCE-0000000003',
      'KSTREAM-AGGREGATE-STATE-STORE-0000000001-repartition',
    ]);
    expect(builder.newProcessorName('X-')).to.equal('X-0000000004');
  });

  it("names the parts after a user's prefix, still taking the three indexes", () => {
    const builder = new InternalStreamsBuilder(new InternalTopologyBuilder());
    const nodeBuilder = optimizableRepartitionNodeBuilder<string, string>();
    createRepartitionedSource(builder, null, null, 'my-grouping', null, nodeBuilder);
    const node = nodeBuilder.build();
    expect([node.sinkName, node.filterName, node.sourceName, node.repartitionTopic]).to.deep.equal([
      'my-grouping-repartition-sink',
      'my-grouping-repartition-filter',
      'my-grouping-repartition-source',
      'my-grouping-repartition',
    ]);
    expect(builder.newProcessorName('X-')).to.equal('X-0000000003');
  });

  it('does not add the suffix twice', () => {
    const builder = new InternalStreamsBuilder(new InternalTopologyBuilder());
    const nodeBuilder = optimizableRepartitionNodeBuilder<string, string>();
    createRepartitionedSource(builder, null, null, 'already-repartition', null, nodeBuilder);
    expect(nodeBuilder.build().repartitionTopic).to.equal('already-repartition');
  });

  it('gives groupBy with a Grouped name its key selector and repartition topic names (RepartitionTopicNamingTest)', () => {
    const builder = new StreamsBuilder();
    builder
      .stream<string, string>('topic')
      .selectKey((k, v) => `${k}${v}`)
      .groupBy((k) => k, Grouped.as('kstream-grouping'))
      .count();
    const description = builder.build().describe().toString();
    expect(description).to.contain('(topic: kstream-grouping-repartition)');
    expect(description).to.contain('Processor: kstream-grouping (stores: [])');
    expect(description).to.contain('Processor: kstream-grouping-repartition-filter (stores: [])');
    expect(description).to.contain('Source: kstream-grouping-repartition-source (topics: [kstream-grouping-repartition])');
  });

  it('leaves groupByKey without a key change in one sub-topology (TopologyTest.kGroupedStreamZeroArgCountShouldPreserveTopologyStructure)', () => {
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
});
