import { expect } from 'chai';
import { decodeAssignmentInfo, encodeAssignmentInfo, NO_FOLLOWUP_REBALANCE, type AssignedMember } from '../../../src/coordination/assignment/assignment-info';
import type { TaskDefinition, TopologyTasks } from '../../../src/coordination/assignment/topology-tasks';
import type { MemberAssignment } from '../../../src/coordination/group/group-membership';
import type { RoutedRecord } from '../../../src/coordination/router/task-router';
import { TaskManager, type TaskManagerMembership } from '../../../src/coordination/task-manager';
import type { RunnerRecord, TaskRunner } from '../../../src/coordination/task-runner';

const INPUT = 'in';

function record(offset: number): RoutedRecord {
  return { topic: INPUT, partition: 0, offset, timestamp: offset, key: null, value: Buffer.from(String(offset)), headers: [] };
}

/** Resolves once `predicate` holds (polled on the event loop), or fails after `timeoutMs`. */
async function eventually(predicate: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** One stateless task 0_0 reading partition 0 of `in`, on a runner whose process calls the test finishes by hand. */
function harness() {
  const processed: number[][] = [];
  const inFlight: (() => void)[] = [];
  const runner: TaskRunner = {
    assign: async (tasks) => tasks.map((t) => ({ ok: true as const, taskId: t.taskId, status: { state: 'running' as const, threadId: 1, changelogs: [] } })),
    restore: async () => ({ restoredCount: 0 }),
    completeRestore: async () => undefined,
    process: (_taskId: string, records: readonly RunnerRecord[]) => {
      processed.push(records.map((r) => r.offset));
      const next = records[records.length - 1].offset + 1;
      return new Promise((resolve) => inFlight.push(() => resolve({ outputs: [], consumedOffsets: [{ topic: INPUT, partition: 0, offset: next }], commitRequested: false, processedCount: records.length })));
    },
    punctuate: async () => ({ outputs: [], punctuated: false, commitRequested: false }),
    flush: async () => ({ outputs: [] }),
    commit: async () => undefined,
    closeTask: async () => undefined,
    onTaskCorrupted: () => () => undefined,
    close: async () => undefined,
  };
  const committed: string[] = [];
  const membership: TaskManagerMembership = {
    groupId: 'app',
    commitOffsets: async (offsets) => void committed.push(...offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`)),
    pause: () => undefined,
    resume: () => undefined,
    seek: () => undefined,
    requestRebalance: () => true,
  };
  const definition: TaskDefinition = { id: '0_0', subtopology: 0, partition: 0, stateful: false, inputPartitions: [{ topic: INPUT, partition: 0 }], changelogPartitions: [] };
  const topology: TopologyTasks = {
    tasks: [definition],
    byId: new Map([['0_0', definition]]),
    taskByTopicPartition: new Map([[INPUT, new Map([[0, '0_0']])]]),
    taskFor: (topic, partition) => (topic === INPUT && partition === 0 ? '0_0' : undefined),
    sourceTopics: [INPUT],
  };
  const manager = new TaskManager({
    runner,
    producer: { send: async () => [] },
    restoreConsumer: { add: async () => undefined, remove: async () => undefined },
    admin: { fetchOffsets: async () => [], fetchTopicOffsets: async () => [] },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    tasks: () => topology,
    partitionCounts: { [INPUT]: 1 },
    commitIntervalMs: 60_000,
    autoOffsetReset: 'earliest',
    maxTaskIdleMs: 0,
    maxBufferedPerPartition: 1000,
    onProgress: () => undefined,
    onTaskError: (taskId, error) => {
      throw new Error(`task ${taskId} failed: ${error.message}`);
    },
  });
  manager.attach(membership);
  const own: AssignedMember = { memberId: 'm1', processId: '00000000-0000-4000-8000-000000000001', userEndpoint: '', activeTasks: ['0_0'], standbyTasks: [], warmupTasks: [], activePartitions: { [INPUT]: [0] }, standbyPartitions: {} };
  const info = decodeAssignmentInfo(encodeAssignmentInfo({ nonce: 'n', members: [own], errorCode: 0, errorMessage: '', followupRebalanceDelayMs: NO_FOLLOWUP_REBALANCE }));
  const assignment: MemberAssignment = { memberId: 'm1', generationId: 1, isLeader: true, own, info };
  const finishProcessing = (): void => inFlight.shift()!();
  return { manager, assignment, processed, committed, inFlight, finishProcessing };
}

describe('TaskManager', () => {
  it('hands a task the records that arrived while a commit was queued behind its batch, once the commit is done', async () => {
    const { manager, assignment, processed, committed, inFlight, finishProcessing } = harness();
    await manager.assigned(assignment);
    manager.records({ topic: INPUT, partition: 0, records: [record(0), record(1)], highWatermark: 4, nextOffset: 2 });
    await eventually(() => inFlight.length === 1, 'the first batch in flight');
    const commit = manager.commitAll('interval');
    // the rest of the partition arrives while the task is busy: no later fetch will bring more
    manager.records({ topic: INPUT, partition: 0, records: [record(2), record(3)], highWatermark: 4, nextOffset: 4 });
    finishProcessing();
    await commit;
    expect(committed).to.deep.equal(['in-0@2']);
    await eventually(() => inFlight.length === 1, 'the second batch handed to the task');
    finishProcessing();
    expect(processed).to.deep.equal([[0, 1], [2, 3]]);
    await manager.close();
    expect(committed).to.deep.equal(['in-0@2', 'in-0@4']);
  });
});
