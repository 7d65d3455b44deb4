import { expect } from 'chai';
import { StreamsError, TaskAssignmentError, TopologyError } from '../../../../src/errors';
import { decodeAssignmentInfo } from '../../../../src/coordination/assignment/assignment-info';
import { AssignorErrorCode, assignorErrorToStreamsError } from '../../../../src/coordination/assignment/assignor-error';
import { assignGroup, errorCodeForTopologyError, errorGroupAssignment, type GroupAssignmentInput } from '../../../../src/coordination/assignment/group-assignment';
import { encodeSubscriptionInfo, type SubscriptionInfoFields } from '../../../../src/coordination/assignment/subscription-info';
import { LATEST_OFFSET } from '../../../../src/coordination/assignment/task-lags';
import { deriveTasks, type TaskTopology } from '../../../../src/coordination/assignment/topology-tasks';
import { ByteWriter, writeHeader } from '../../../../src/coordination/assignment/userdata-codec';

const FINGERPRINT = 'f'.repeat(64);
const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const P3 = '33333333-3333-4333-8333-333333333333';

const topology: TaskTopology = {
  subtopologies: [{ id: 0, sourceTopics: ['orders'], sourcePatterns: [], stores: [{ name: 'totals', changelogTopic: 'totals-changelog', changelogIsSourceTopic: false }] }],
  internalTopics: [{ name: 'totals-changelog', kind: 'changelog' }],
  copartitionGroups: [],
};
const tasks = deriveTasks(topology, { applicationId: 'app', partitionCounts: new Map([['orders', 4]]) });

const subscription = (processId: string, rest: Partial<SubscriptionInfoFields> = {}): Buffer =>
  encodeSubscriptionInfo({
    processId,
    userEndpoint: '',
    topologyFingerprint: FINGERPRINT,
    numThreads: 1,
    rejoinEpoch: 0,
    errorCode: 0,
    prevActiveTasks: [],
    prevStandbyTasks: [],
    taskOffsetSums: new Map(),
    ...rest,
  });

const input = (members: GroupAssignmentInput['members'], overrides: Partial<GroupAssignmentInput> = {}): GroupAssignmentInput => ({
  members,
  leaderProcessId: P1,
  topologyFingerprint: FINGERPRINT,
  tasks,
  endOffsetSums: new Map(tasks.tasks.map((t) => [t.id, 1_000])),
  config: { numStandbyReplicas: 0, maxWarmupReplicas: 2, acceptableRecoveryLag: 100, probingRebalanceIntervalMs: 600_000 },
  nonce: 'nonce-1',
  ...overrides,
});

describe('group assignment', () => {
  it('assigns every task, gives kafkajs each member\'s partitions, and the same nonce and envelope to all', () => {
    const result = assignGroup(input([
      { memberId: 'm2', userData: subscription(P2, { userEndpoint: 'b:80' }) },
      { memberId: 'm1', userData: subscription(P1, { userEndpoint: 'a:80' }) },
    ]));
    const m1 = result.byMember.get('m1');
    const m2 = result.byMember.get('m2');
    expect(m1?.partitions).to.deep.equal({ orders: [0, 2] });
    expect(m2?.partitions).to.deep.equal({ orders: [1, 3] });
    const decoded = decodeAssignmentInfo(m1?.userData ?? Buffer.alloc(0));
    expect(decoded.nonce).to.equal('nonce-1');
    expect(decoded.partitionsByMember).to.deep.equal({ m1: { orders: [0, 2] }, m2: { orders: [1, 3] } });
    expect(decoded.partitionsByHost).to.deep.equal({ 'a:80': { orders: [0, 2] }, 'b:80': { orders: [1, 3] } });
    expect(decoded.activeTasksByMember).to.deep.equal({ m1: ['0_0', '0_2'], m2: ['0_1', '0_3'] });
    expect(decodeAssignmentInfo(m2?.userData ?? Buffer.alloc(0)).partitionsByMember).to.deep.equal(decoded.partitionsByMember);
    expect(result.refused).to.deep.equal([]);
  });

  it('refuses a member whose topology fingerprint differs: no tasks, and an error code that stops it with a TopologyError', () => {
    const result = assignGroup(input([
      { memberId: 'm1', userData: subscription(P1) },
      { memberId: 'm3', userData: subscription(P3, { topologyFingerprint: 'e'.repeat(64) }) },
    ]));
    const refused = decodeAssignmentInfo(result.byMember.get('m3')?.userData ?? Buffer.alloc(0));
    expect(refused.errorCode).to.equal(AssignorErrorCode.TOPOLOGY_MISMATCH);
    expect(refused.activeTasksByMember.m3).to.deep.equal([]);
    expect(result.byMember.get('m3')?.partitions).to.deep.equal({});
    expect(result.byMember.get('m1')?.partitions).to.deep.equal({ orders: [0, 1, 2, 3] });
    const err = assignorErrorToStreamsError(refused.errorCode, refused.errorMessage, 'm3');
    expect(err).to.be.instanceOf(TopologyError);
    expect(err?.message).to.contain('fingerprint eeeeeeeeeeee…, the group leader\'s is ffffffffffff…');
    expect(decodeAssignmentInfo(result.byMember.get('m1')?.userData ?? Buffer.alloc(0)).errorCode).to.equal(AssignorErrorCode.NONE);
  });

  it('refuses a member whose userData it cannot read, telling a newer version from garbage', () => {
    const newer = new ByteWriter();
    writeHeader(newer, 'S', 5, 5);
    const result = assignGroup(input([
      { memberId: 'm1', userData: subscription(P1) },
      { memberId: 'm2', userData: newer.toBuffer() },
      { memberId: 'm3', userData: Buffer.from('garbage') },
    ]));
    expect(result.refused.map((r) => [r.memberId, r.errorCode])).to.deep.equal([
      ['m2', AssignorErrorCode.VERSION_PROBING],
      ['m3', AssignorErrorCode.ASSIGNMENT_ERROR],
    ]);
    expect(result.byMember.get('m1')?.partitions).to.deep.equal({ orders: [0, 1, 2, 3] });
  });

  it('turns offset sums into lags: a joining process gets warm-ups, and the leader\'s member asks for the probing rebalance', () => {
    const running = new Map(tasks.tasks.map((t) => [t.id, LATEST_OFFSET]));
    const all = tasks.tasks.map((t) => t.id);
    const result = assignGroup(input([
      { memberId: 'm1', userData: subscription(P1, { prevActiveTasks: all, taskOffsetSums: running }) },
      { memberId: 'm2', userData: subscription(P2) },
    ]));
    expect(result.taskAssignment?.probingRebalanceNeeded).to.equal(true);
    expect(result.byMember.get('m1')?.partitions).to.deep.equal({ orders: [0, 1, 2, 3] });
    const m2 = decodeAssignmentInfo(result.byMember.get('m2')?.userData ?? Buffer.alloc(0));
    expect(m2.warmupTasksByMember.m2).to.deep.equal(['0_0', '0_1']);
    expect(m2.followupRebalanceDelayMs).to.equal(-1);
    expect(result.byMember.get('m1')?.info.followupRebalanceDelayMs).to.equal(600_000);
  });

  it('stops every member when one asks the application to shut down', () => {
    const result = assignGroup(input([
      { memberId: 'm1', userData: subscription(P1) },
      { memberId: 'm2', userData: subscription(P2, { errorCode: AssignorErrorCode.SHUTDOWN_REQUESTED }) },
    ]));
    expect([...result.byMember.values()].map((a) => a.info.errorCode)).to.deep.equal([AssignorErrorCode.SHUTDOWN_REQUESTED, AssignorErrorCode.SHUTDOWN_REQUESTED]);
    expect(assignorErrorToStreamsError(AssignorErrorCode.SHUTDOWN_REQUESTED, '', 'm1')?.code).to.equal('SHUTDOWN_REQUESTED');
  });

  it('gives every member the error when the topology cannot run on the topics', () => {
    let error: TopologyError | undefined;
    try {
      deriveTasks({ ...topology, subtopologies: [{ ...topology.subtopologies[0], sourceTopics: ['orders', 'refunds'] }], copartitionGroups: [['orders', 'refunds']] }, {
        applicationId: 'app',
        partitionCounts: new Map([['orders', 4], ['refunds', 2]]),
      });
    } catch (err) {
      error = err as TopologyError;
    }
    expect(error).to.be.instanceOf(TopologyError);
    const code = errorCodeForTopologyError(error as TopologyError);
    expect(code).to.equal(AssignorErrorCode.TOPOLOGY_INVALID);
    const result = errorGroupAssignment(['m2', 'm1'], code, (error as Error).message, 'nonce-2');
    const info = decodeAssignmentInfo(result.byMember.get('m2')?.userData ?? Buffer.alloc(0));
    expect(info.errorCode).to.equal(AssignorErrorCode.TOPOLOGY_INVALID);
    expect(info.partitionsByMember).to.deep.equal({ m1: {}, m2: {} });
    const raised = assignorErrorToStreamsError(info.errorCode, info.errorMessage, 'm2');
    expect(raised).to.be.instanceOf(TopologyError);
    expect(raised?.message).to.contain('orders=4, refunds=2');
  });

  it('maps every error code to the error a member raises, and an unknown one to a TaskAssignmentError', () => {
    expect(assignorErrorToStreamsError(AssignorErrorCode.NONE, '', 'm')).to.equal(null);
    expect(assignorErrorToStreamsError(AssignorErrorCode.INCOMPLETE_SOURCE_TOPIC_METADATA, 'x', 'm')).to.be.instanceOf(TopologyError);
    expect(assignorErrorToStreamsError(AssignorErrorCode.ASSIGNMENT_ERROR, 'x', 'm')).to.be.instanceOf(TaskAssignmentError);
    const unknown = assignorErrorToStreamsError(99, '', 'm');
    expect(unknown).to.be.instanceOf(StreamsError);
    expect(unknown?.message).to.contain('error code 99');
  });
});
