// What the TaskManager unit tests build alike: a manager over fakes of everything it talks to,
// one task's topology, and the assignment a member reads back.
import { decodeAssignmentInfo, encodeAssignmentInfo, NO_FOLLOWUP_REBALANCE, type AssignedMember } from '../../../src/coordination/assignment/assignment-info';
import type { TaskDefinition, TopologyTasks } from '../../../src/coordination/assignment/topology-tasks';
import type { MemberAssignment } from '../../../src/coordination/group/group-membership';
import { TaskManager, type TaskManagerOptions } from '../../../src/coordination/task-manager';
import type { TaskRunner } from '../../../src/coordination/task-runner';

export const INPUT = 'in';
export const PROCESS_ID = '00000000-0000-4000-8000-000000000001';

/** Resolves once `predicate` holds (polled on the event loop), or fails after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** The topology of one task 0_0 reading partition 0 of `in`. */
export function oneTaskTopology(changelogs: readonly string[] = []): TopologyTasks {
  const definition: TaskDefinition = {
    id: '0_0',
    subtopology: 0,
    partition: 0,
    stateful: changelogs.length > 0,
    inputPartitions: [{ topic: INPUT, partition: 0 }],
    changelogPartitions: changelogs.map((topic) => ({ topic, partition: 0 })),
  };
  return {
    tasks: [definition],
    byId: new Map([['0_0', definition]]),
    taskByTopicPartition: new Map([[INPUT, new Map([[0, '0_0']])]]),
    taskFor: (topic, partition) => (topic === INPUT && partition === 0 ? '0_0' : undefined),
    sourceTopics: [INPUT],
  };
}

/** A manager attached to a fake membership that records the offsets it commits ("topic-partition@offset"). */
export function newTaskManager(options: Pick<TaskManagerOptions, 'runner' | 'tasks'> & Partial<TaskManagerOptions>): { manager: TaskManager; committed: string[] } {
  const committed: string[] = [];
  const manager = new TaskManager({
    producer: { send: async () => [] },
    restoreConsumer: { add: async () => undefined, remove: async () => undefined },
    admin: { fetchOffsets: async () => [], fetchTopicOffsets: async () => [] },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    partitionCounts: { [INPUT]: 1 },
    commitIntervalMs: 60_000,
    autoOffsetReset: 'earliest',
    maxTaskIdleMs: 0,
    maxBufferedPerPartition: 1000,
    onProgress: () => undefined,
    onTaskError: (taskId, error) => {
      throw new Error(`task ${taskId} failed: ${error.message}`);
    },
    ...options,
  });
  manager.attach({
    groupId: 'app',
    commitOffsets: async (offsets) => void committed.push(...offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`)),
    pause: () => undefined,
    resume: () => undefined,
    seek: () => undefined,
    requestRebalance: () => true,
  });
  return { manager, committed };
}

/** The assignment member m1 reads back, with these tasks of its own. */
export function memberAssignment(generationId: number, tasks: { active?: string[]; standby?: string[]; warmup?: string[] }): MemberAssignment {
  const own: AssignedMember = {
    memberId: 'm1',
    processId: PROCESS_ID,
    userEndpoint: '',
    activeTasks: tasks.active ?? [],
    standbyTasks: tasks.standby ?? [],
    warmupTasks: tasks.warmup ?? [],
    activePartitions: (tasks.active ?? []).length > 0 ? { [INPUT]: [0] } : {},
    standbyPartitions: [...(tasks.standby ?? []), ...(tasks.warmup ?? [])].length > 0 ? { [INPUT]: [0] } : {},
  };
  const info = decodeAssignmentInfo(encodeAssignmentInfo({ nonce: 'n', members: [own], errorCode: 0, errorMessage: '', followupRebalanceDelayMs: NO_FOLLOWUP_REBALANCE }));
  return { memberId: 'm1', generationId, isLeader: true, own, info };
}

/** A runner whose every call answers at once with nothing; tests override the calls they watch. */
export function quietRunner(overrides: Partial<TaskRunner> = {}): TaskRunner {
  return {
    assign: async (tasks) => tasks.map((t) => ({ ok: true as const, taskId: t.taskId, status: { state: 'running' as const, threadId: 1, changelogs: [] } })),
    restore: async () => ({ restoredCount: 0 }),
    completeRestore: async () => undefined,
    process: async () => ({ outputs: [], consumedOffsets: [], commitRequested: false, processedCount: 0 }),
    punctuate: async () => ({ outputs: [], punctuated: false, commitRequested: false }),
    flush: async () => ({ outputs: [] }),
    commit: async () => undefined,
    closeTask: async () => undefined,
    onTaskCorrupted: () => () => undefined,
    close: async () => undefined,
    ...overrides,
  };
}
