// What the group leader does with the members' subscriptions, short of talking to Kafka: decode
// them, refuse members it cannot give tasks (other topology, unreadable userData), turn offset sums
// into lags, run the assignor, and build every member's partitions and assignment userData. The
// kafkajs assigner ("stream" protocol) calls this with what kafkajs and the admin client give it.
import { StreamsError, TopologyError } from '../../errors';
import type { PartitionsByTopic } from '../group/assignment-readback';
import { AssignorErrorCode } from './assignor-error';
import { encodeAssignmentInfo, NO_FOLLOWUP_REBALANCE, type AssignedMember, type AssignmentInfoFields } from './assignment-info';
import { decodeSubscriptionInfo, type SubscriptionInfo } from './subscription-info';
import { assign, type AssignorClient, type AssignorConfig, type AssignorOutput } from './task-assignor';
import type { TaskId } from './task-id';
import { computeTaskLags, LATEST_OFFSET } from './task-lags';
import { SOURCE_TOPIC_MISSING, type TopologyTasks } from './topology-tasks';
import { USERDATA_VERSION_UNSUPPORTED } from './userdata-codec';

export interface GroupMemberMetadata {
  readonly memberId: string;
  /** The member's subscription userData, as the leader received it. */
  readonly userData: Buffer;
}

export interface GroupAssignmentInput {
  readonly members: readonly GroupMemberMetadata[];
  /** The leader's own process id: the member that asks for a probing rebalance belongs to it. */
  readonly leaderProcessId: string;
  /** The leader's topology: members with another fingerprint are refused. */
  readonly topologyFingerprint: string;
  readonly tasks: TopologyTasks;
  /** sumEndOffsets() of the changelogs; a stateful task missing here has unknown lags everywhere. */
  readonly endOffsetSums: ReadonlyMap<TaskId, number>;
  readonly config: AssignorConfig & { readonly probingRebalanceIntervalMs: number };
  /** Unique per rebalance (the read-back check compares it). */
  readonly nonce: string;
}

export interface MemberGroupAssignment {
  /** What the kafkajs assigner returns as the member's assignment. */
  readonly partitions: PartitionsByTopic;
  readonly userData: Buffer;
  readonly info: AssignmentInfoFields;
}

export interface GroupAssignment {
  readonly byMember: ReadonlyMap<string, MemberGroupAssignment>;
  /** The assignor's decision (null when nobody could be given tasks), for logs and metrics. */
  readonly taskAssignment: AssignorOutput | null;
  /** Members given an error instead of tasks, and why. */
  readonly refused: readonly { readonly memberId: string; readonly errorCode: number; readonly reason: string }[];
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Assigns the group. Pure: the same input gives the same output. */
export function assignGroup(input: GroupAssignmentInput): GroupAssignment {
  const members = [...input.members].sort((a, b) => compare(a.memberId, b.memberId));
  const refused = new Map<string, { errorCode: number; reason: string }>();
  const accepted: { memberId: string; subscription: SubscriptionInfo }[] = [];
  const decoded = new Map<string, SubscriptionInfo>();

  for (const { memberId, userData } of members) {
    let subscription: SubscriptionInfo;
    try {
      subscription = decodeSubscriptionInfo(userData);
    } catch (err) {
      const versionProblem = err instanceof StreamsError && err.code === USERDATA_VERSION_UNSUPPORTED;
      refused.set(memberId, {
        errorCode: versionProblem ? AssignorErrorCode.VERSION_PROBING : AssignorErrorCode.ASSIGNMENT_ERROR,
        reason: `member ${memberId}: ${(err as Error).message}`,
      });
      continue;
    }
    decoded.set(memberId, subscription);
    if (subscription.topologyFingerprint !== input.topologyFingerprint) {
      refused.set(memberId, {
        errorCode: AssignorErrorCode.TOPOLOGY_MISMATCH,
        reason:
          `member ${memberId} (process ${subscription.processId}) built a topology with fingerprint ${subscription.topologyFingerprint.slice(0, 12)}…, ` +
          `the group leader's is ${input.topologyFingerprint.slice(0, 12)}…. Every instance of an application must build the same topology: ` +
          'finish rolling out one version (or give a changed topology a new application.id).',
      });
      continue;
    }
    accepted.push({ memberId, subscription });
  }

  // a member that asked the whole application to stop (Java's KIP-671) stops everyone
  const shutdown = accepted.find((m) => m.subscription.errorCode === AssignorErrorCode.SHUTDOWN_REQUESTED);
  if (shutdown !== undefined) {
    return errorGroupAssignment(
      members.map((m) => m.memberId),
      AssignorErrorCode.SHUTDOWN_REQUESTED,
      `member ${shutdown.memberId} (process ${shutdown.subscription.processId}) requested it`,
      input.nonce,
    );
  }

  const clients = buildClients(accepted, input);
  let taskAssignment: AssignorOutput | null = null;
  try {
    if (clients.length > 0) taskAssignment = assign({ tasks: input.tasks.tasks, clients, config: input.config });
  } catch (err) {
    return errorGroupAssignment(
      members.map((m) => m.memberId),
      AssignorErrorCode.ASSIGNMENT_ERROR,
      (err as Error).message,
      input.nonce,
    );
  }

  const partitionsOf = (ids: readonly TaskId[]): PartitionsByTopic => {
    const partitions: PartitionsByTopic = {};
    for (const id of ids) for (const { topic, partition } of input.tasks.byId.get(id)?.inputPartitions ?? []) (partitions[topic] ??= []).push(partition);
    for (const topic of Object.keys(partitions)) partitions[topic].sort((a, b) => a - b);
    return partitions;
  };
  const assignedMembers: AssignedMember[] = members.map(({ memberId }) => {
    const subscription = decoded.get(memberId);
    const client = taskAssignment?.clients.find((c) => c.processId === subscription?.processId);
    const tasks = refused.has(memberId) ? undefined : client?.members.find((m) => m.memberId === memberId);
    const active = tasks?.active ?? [];
    const standby = tasks?.standby ?? [];
    const warmup = tasks?.warmup ?? [];
    return {
      memberId,
      processId: subscription?.processId ?? NIL_UUID,
      userEndpoint: subscription?.userEndpoint ?? '',
      activeTasks: active,
      standbyTasks: standby,
      warmupTasks: warmup,
      activePartitions: partitionsOf(active),
      standbyPartitions: partitionsOf([...standby, ...warmup]),
    };
  });

  // one member asks for the probing rebalance: the leader's (a leader's rejoin always rebalances the group)
  const prober = taskAssignment?.probingRebalanceNeeded
    ? (accepted.find((m) => m.subscription.processId === input.leaderProcessId) ?? accepted[0])?.memberId
    : undefined;

  const byMember = new Map<string, MemberGroupAssignment>();
  for (const member of assignedMembers) {
    const refusal = refused.get(member.memberId);
    const info: AssignmentInfoFields = {
      nonce: input.nonce,
      members: assignedMembers,
      errorCode: refusal?.errorCode ?? AssignorErrorCode.NONE,
      errorMessage: refusal?.reason ?? '',
      followupRebalanceDelayMs: member.memberId === prober ? input.config.probingRebalanceIntervalMs : NO_FOLLOWUP_REBALANCE,
    };
    byMember.set(member.memberId, { partitions: member.activePartitions, userData: encodeAssignmentInfo(info), info });
  }
  return { byMember, taskAssignment, refused: [...refused].map(([memberId, r]) => ({ memberId, ...r })) };
}

/**
 * Every member gets `errorCode` and no tasks: what the leader sends when it cannot assign at all
 * (a missing source topic, a topology that cannot run on these topics, a requested shutdown).
 */
export function errorGroupAssignment(memberIds: readonly string[], errorCode: number, reason: string, nonce: string): GroupAssignment {
  const members: AssignedMember[] = [...memberIds].sort(compare).map((memberId) => ({
    memberId,
    processId: NIL_UUID,
    userEndpoint: '',
    activeTasks: [],
    standbyTasks: [],
    warmupTasks: [],
    activePartitions: {},
    standbyPartitions: {},
  }));
  const byMember = new Map<string, MemberGroupAssignment>();
  for (const { memberId } of members) {
    const info: AssignmentInfoFields = { nonce, members, errorCode, errorMessage: reason, followupRebalanceDelayMs: NO_FOLLOWUP_REBALANCE };
    byMember.set(memberId, { partitions: {}, userData: encodeAssignmentInfo(info), info });
  }
  return { byMember, taskAssignment: null, refused: members.map(({ memberId }) => ({ memberId, errorCode, reason })) };
}

/** The assignor error code for a TopologyError thrown by deriveTasks. */
export function errorCodeForTopologyError(err: TopologyError): number {
  return err.code === SOURCE_TOPIC_MISSING ? AssignorErrorCode.INCOMPLETE_SOURCE_TOPIC_METADATA : AssignorErrorCode.TOPOLOGY_INVALID;
}

/** Members of one process form one client: their threads add up, their histories are merged. */
function buildClients(accepted: readonly { memberId: string; subscription: SubscriptionInfo }[], input: GroupAssignmentInput): AssignorClient[] {
  const byProcess = new Map<string, { memberId: string; subscription: SubscriptionInfo }[]>();
  for (const member of accepted) {
    const list = byProcess.get(member.subscription.processId) ?? [];
    list.push(member);
    byProcess.set(member.subscription.processId, list);
  }
  const statefulTasks = input.tasks.tasks.filter((task) => task.stateful).map((task) => task.id);
  return [...byProcess].map(([processId, list]) => {
    // every member of a process reports the process's offset sums; a running active task wins over a checkpoint
    const offsetSums = new Map<TaskId, number>();
    for (const { subscription } of list) {
      for (const [task, sum] of subscription.taskOffsetSums) {
        const current = offsetSums.get(task);
        if (current === undefined || (current !== LATEST_OFFSET && (sum === LATEST_OFFSET || sum > current))) offsetSums.set(task, sum);
      }
    }
    return {
      processId,
      members: list.map(({ memberId, subscription }) => ({
        memberId,
        threads: subscription.numThreads,
        previousActive: subscription.prevActiveTasks,
        previousStandby: subscription.prevStandbyTasks,
      })),
      previousActive: [...new Set(list.flatMap((m) => m.subscription.prevActiveTasks))],
      previousStandby: [...new Set(list.flatMap((m) => m.subscription.prevStandbyTasks))],
      lags: computeTaskLags(statefulTasks, offsetSums, input.endOffsetSums),
    };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
