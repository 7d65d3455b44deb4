// KStream#split and BranchedKStream, ported from Java's KStreamSplitTest and StreamsBuilderTest.
import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { Branched } from '../../../../src/core/dsl/branched';
import { Consumed } from '../../../../src/core/dsl/consumed';
import type { KStream } from '../../../../src/core/dsl/kstream';
import { Named } from '../../../../src/core/dsl/named';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { TopologyDescription } from '../../../../src/core/topology/topology-description';
import { TopologyTestDriver } from '../../../../src/core/testing/topology-test-driver';

const isEven = (key: number): boolean => key % 2 === 0;
const isMultipleOfThree = (key: number): boolean => key % 3 === 0;
const isMultipleOfFive = (key: number): boolean => key % 5 === 0;
const isMultipleOfSeven = (key: number): boolean => key % 7 === 0;
const isNegative = (key: number): boolean => key < 0;

/** Pipes keys -1..7 with values "V<key>" and returns the values that reached each topic. */
async function withDriver(builder: StreamsBuilder, topics: readonly string[]): Promise<(string | null)[][]> {
  const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'split' }, 0);
  try {
    const input = driver.createInputTopic('topic', Serdes.Integer(), Serdes.String());
    for (const key of [-1, 0, 1, 2, 3, 4, 5, 6, 7]) await input.pipeInput(key, `V${key}`);
    return topics.map((topic) => driver.createOutputTopic(topic, Serdes.Integer(), Serdes.String()).readValuesToList());
  } finally {
    await driver.close();
  }
}

function source(builder: StreamsBuilder): KStream<number, string> {
  return builder.stream('topic', Consumed.with(Serdes.Integer(), Serdes.String()));
}

function processorNames(description: TopologyDescription): string[] {
  return description.subtopologies().flatMap((s) => s.nodes().map((n) => n.name()));
}

describe('BranchedKStream', () => {
  it('sends each record to the first branch whose predicate holds (KStreamSplitTest.testKStreamSplit)', async () => {
    const builder = new StreamsBuilder();
    const branches = source(builder)
      .split()
      .branch(isEven, Branched.withConsumer((ks) => ks.to('x2')))
      .branch(isMultipleOfThree, Branched.withConsumer((ks) => ks.to('x3')))
      .branch(isMultipleOfFive, Branched.withConsumer((ks) => ks.to('x5')))
      .noDefaultBranch();
    expect(branches.size).to.equal(0);
    const [x2, x3, x5] = await withDriver(builder, ['x2', 'x3', 'x5']);
    expect(x2).to.deep.equal(['V0', 'V2', 'V4', 'V6']);
    expect(x3).to.deep.equal(['V3']);
    expect(x5).to.deep.equal(['V5']);
  });

  it('maps branches by split name + branch name or number, leaving out consumed and null-returning branches (KStreamSplitTest.testResultingMap)', async () => {
    const builder = new StreamsBuilder();
    const branches = source(builder)
      .split(Named.as('foo-'))
      .branch(isEven, Branched.as('bar'))
      .branch(isMultipleOfThree, Branched.withConsumer(() => undefined))
      .branch(isMultipleOfFive, Branched.withFunction(() => null))
      .branch(isNegative, Branched.withFunction((ks) => ks))
      .branch(isMultipleOfSeven)
      .defaultBranch();
    expect([...branches.keys()]).to.deep.equal(['foo-bar', 'foo-4', 'foo-5', 'foo-0']);
    for (const [name, stream] of branches) stream.to(name);
    const [even, negative, x7, rest] = await withDriver(builder, ['foo-bar', 'foo-4', 'foo-5', 'foo-0']);
    expect(even).to.deep.equal(['V0', 'V2', 'V4', 'V6']);
    expect(negative).to.deep.equal(['V-1']);
    expect(x7).to.deep.equal(['V7']);
    expect(rest).to.deep.equal(['V1']);
  });

  it('works without a terminal defaultBranch/noDefaultBranch call (KStreamSplitTest.testBranchingWithNoTerminalOperation)', async () => {
    const builder = new StreamsBuilder();
    source(builder)
      .split()
      .branch(isEven, Branched.withConsumer((ks) => ks.to('output')))
      .branch(isMultipleOfFive, Branched.withConsumer((ks) => ks.to('output')));
    const [out] = await withDriver(builder, ['output']);
    expect(out).to.deep.equal(['V0', 'V2', 'V4', 'V5', 'V6']);
  });

  it('appends branch names to the split name without a separator (StreamsBuilderTest.shouldUseSpecifiedNameForSplitOperation)', () => {
    const builder = new StreamsBuilder();
    builder
      .stream('stream-topic')
      .split(Named.as('branch-processor'))
      .branch(() => true, Branched.as('-1'))
      .branch(() => false, Branched.as('-2'));
    expect(processorNames(builder.build().describe())).to.have.members(['KSTREAM-SOURCE-0000000000', 'branch-processor', 'branch-processor-1', 'branch-processor-2']);
  });

  it('keeps the key, value and timestamp of the records it routes', async () => {
    const builder = new StreamsBuilder();
    source(builder)
      .split()
      .branch(isEven, Branched.withConsumer((ks) => ks.to('even')))
      .defaultBranch(Branched.withConsumer((ks) => ks.to('odd')));
    const driver = new TopologyTestDriver(builder.build(), { 'application.id': 'split' }, 0);
    const input = driver.createInputTopic('topic', Serdes.Integer(), Serdes.String());
    await input.pipeInput(2, 'two', 20);
    await input.pipeInput(3, 'three', 30);
    expect(driver.createOutputTopic('even', Serdes.Integer(), Serdes.String()).readRecord()).to.include({ key: 2, value: 'two', timestamp: 20 });
    expect(driver.createOutputTopic('odd', Serdes.Integer(), Serdes.String()).readRecord()).to.include({ key: 3, value: 'three', timestamp: 30 });
    await driver.close();
  });

  it('refuses a missing predicate or Branched, and branches added after the split ended', () => {
    const split = new StreamsBuilder().stream<number, string>('t').split();
    expect(() => split.branch(null as unknown as () => boolean)).to.throw(TopologyError, "predicate can't be null");
    expect(() => split.branch(() => true, null as unknown as Branched<number, string>)).to.throw(TopologyError, "branched can't be null");
    split.defaultBranch();
    expect(() => split.branch(() => true)).to.throw(TopologyError, 'already ended');
  });

  it('Branched refuses missing names and chain functions', () => {
    expect(() => Branched.as(null as unknown as string)).to.throw(TopologyError, 'name cannot be null');
    expect(() => Branched.withFunction(null as never)).to.throw(TopologyError, "chain function can't be null");
    expect(() => Branched.withConsumer(undefined as never)).to.throw(TopologyError, "chain consumer can't be null");
  });
});
