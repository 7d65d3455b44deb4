import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { InternalTopologyBuilder } from '../../../../src/core/topology/internal-topology-builder';
import { deriveTasks, SOURCE_TOPIC_MISSING, TOPICS_NOT_COPARTITIONED, type TaskTopology } from '../../../../src/coordination/assignment/topology-tasks';
import { fakeStoreBuilder } from '../../core/topology/fake-store-builder';

const store = (name: string, changelogTopic: string | null = `${name}-changelog`, changelogIsSourceTopic = false) => ({ name, changelogTopic, changelogIsSourceTopic });

/** Sub-topology 0 joins `left` and the repartition topic `rekeyed-repartition`; sub-topology 1 reads `other` and writes no state. */
const topology: TaskTopology = {
  subtopologies: [
    { id: 1, sourceTopics: ['other'], sourcePatterns: [], stores: [store('unlogged', null)] },
    { id: 0, sourceTopics: ['left', 'rekeyed-repartition'], sourcePatterns: [], stores: [store('joined')] },
  ],
  internalTopics: [
    { name: 'rekeyed-repartition', kind: 'repartition' },
    { name: 'joined-changelog', kind: 'changelog' },
  ],
  copartitionGroups: [['left', 'rekeyed-repartition']],
};

function expectTopologyError(fn: () => unknown, code: string, ...fragments: string[]): void {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(TopologyError);
    expect((err as TopologyError).code).to.equal(code);
    for (const fragment of fragments) expect((err as Error).message).to.contain(fragment);
    return;
  }
  expect.fail('expected a TopologyError');
}

describe('topology tasks', () => {
  const counts = new Map([
    ['left', 3],
    ['app-rekeyed-repartition', 3],
    ['other', 2],
  ]);

  it('makes one task per partition of each sub-topology, with the real names of its input and changelog partitions', () => {
    const tasks = deriveTasks(topology, { applicationId: 'app', partitionCounts: counts });
    expect(tasks.tasks.map((t) => t.id)).to.deep.equal(['0_0', '0_1', '0_2', '1_0', '1_1']);
    expect(tasks.byId.get('0_1')).to.deep.equal({
      id: '0_1',
      subtopology: 0,
      partition: 1,
      stateful: true,
      inputPartitions: [
        { topic: 'app-rekeyed-repartition', partition: 1 },
        { topic: 'left', partition: 1 },
      ],
      changelogPartitions: [{ topic: 'app-joined-changelog', partition: 1 }],
    });
    // a store without logging has nothing to restore: the task counts as stateless
    expect(tasks.byId.get('1_0')?.stateful).to.equal(false);
    expect(tasks.sourceTopics).to.deep.equal(['app-rekeyed-repartition', 'left', 'other']);
  });

  it('maps every source topic-partition back to its task (the task router\'s table)', () => {
    const tasks = deriveTasks(topology, { applicationId: 'app', partitionCounts: counts });
    expect(tasks.taskFor('left', 2)).to.equal('0_2');
    expect(tasks.taskFor('app-rekeyed-repartition', 0)).to.equal('0_0');
    expect(tasks.taskFor('other', 1)).to.equal('1_1');
    expect(tasks.taskFor('other', 2)).to.equal(undefined);
    expect(tasks.taskFor('unknown', 0)).to.equal(undefined);
  });

  it('gives a sub-topology as many tasks as its widest source topic; a task reads the topics that have its partition', () => {
    const wide: TaskTopology = { subtopologies: [{ id: 0, sourceTopics: ['a', 'b'], sourcePatterns: [], stores: [] }], internalTopics: [], copartitionGroups: [] };
    const tasks = deriveTasks(wide, { applicationId: 'app', partitionCounts: new Map([['a', 2], ['b', 4]]) });
    expect(tasks.tasks.map((t) => t.id)).to.deep.equal(['0_0', '0_1', '0_2', '0_3']);
    expect(tasks.byId.get('0_3')?.inputPartitions).to.deep.equal([{ topic: 'b', partition: 3 }]);
  });

  it('fails with a TopologyError naming co-partitioned topics whose partition counts differ', () => {
    expectTopologyError(
      () => deriveTasks(topology, { applicationId: 'app', partitionCounts: new Map([...counts, ['left', 4]]) }),
      TOPICS_NOT_COPARTITIONED,
      'app-rekeyed-repartition=3',
      'left=4',
    );
  });

  it('fails with a TopologyError naming a missing source topic', () => {
    expectTopologyError(
      () => deriveTasks(topology, { applicationId: 'app', partitionCounts: new Map([['left', 3], ['app-rekeyed-repartition', 3]]) }),
      SOURCE_TOPIC_MISSING,
      'Source topic other',
      'does not exist',
    );
  });

  it('reads the topics a pattern source matches, but never the application\'s own internal topics', () => {
    const patterned: TaskTopology = {
      subtopologies: [{ id: 0, sourceTopics: [], sourcePatterns: [/.*-events/], stores: [store('s')] }],
      internalTopics: [{ name: 'x-events', kind: 'repartition' }],
      copartitionGroups: [],
    };
    const tasks = deriveTasks(patterned, { applicationId: 'app', partitionCounts: new Map([['a-events', 1], ['b-events', 2], ['app-x-events', 5], ['c-event', 9]]) });
    expect(tasks.sourceTopics).to.deep.equal(['a-events', 'b-events']);
    expect(tasks.tasks.map((t) => t.id)).to.deep.equal(['0_0', '0_1']);
  });

  it('uses a source topic as the changelog of a store that reads it', () => {
    const sourceChangelog: TaskTopology = {
      subtopologies: [{ id: 0, sourceTopics: ['table'], sourcePatterns: [], stores: [store('table-store', 'table', true)] }],
      internalTopics: [],
      copartitionGroups: [],
    };
    const tasks = deriveTasks(sourceChangelog, { applicationId: 'app', partitionCounts: new Map([['table', 1]]) });
    expect(tasks.byId.get('0_0')?.changelogPartitions).to.deep.equal([{ topic: 'table', partition: 0 }]);
  });

  it('works on a topology from the topology builder', () => {
    const builder = new InternalTopologyBuilder();
    builder.addSource({ name: 'source', topics: ['input'] });
    builder.addProcessor('count', () => ({ process(): void {} }), ['source']);
    builder.addStateStore(fakeStoreBuilder('counts'), ['count']);
    builder.addSink({ name: 'sink', topic: 'output', parentNames: ['count'] });
    const tasks = deriveTasks(builder.build(), { applicationId: 'app', partitionCounts: new Map([['input', 2]]) });
    expect(tasks.tasks.map((t) => [t.id, t.stateful, t.changelogPartitions.map((p) => p.topic)])).to.deep.equal([
      ['0_0', true, ['app-counts-changelog']],
      ['0_1', true, ['app-counts-changelog']],
    ]);
  });
});
