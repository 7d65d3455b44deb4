import { expect } from 'chai';
import type { RoutedRecord } from '../../../src/coordination/router/task-router';
import type { RunnerRecord } from '../../../src/coordination/task-runner';
import { TaskMigratedError } from '../../../src/errors';
import { eventually, INPUT, memberAssignment, newTaskManager, oneTaskTopology, quietRunner } from './task-manager-fixtures';

function record(offset: number): RoutedRecord {
  return { topic: INPUT, partition: 0, offset, timestamp: offset, key: null, value: Buffer.from(String(offset)), headers: [] };
}

/** One stateless task 0_0 reading partition 0 of `in`, on a runner whose process calls the test finishes by hand. */
function harness() {
  const processed: number[][] = [];
  const inFlight: (() => void)[] = [];
  const runner = quietRunner({
    process: (_taskId: string, records: readonly RunnerRecord[]) => {
      processed.push(records.map((r) => r.offset));
      const next = records[records.length - 1].offset + 1;
      return new Promise((resolve) => inFlight.push(() => resolve({ outputs: [], consumedOffsets: [{ topic: INPUT, partition: 0, offset: next }], commitRequested: false, processedCount: records.length })));
    },
  });
  const topology = oneTaskTopology();
  const { manager, committed } = newTaskManager({ runner, tasks: () => topology });
  const assignment = memberAssignment(1, { active: ['0_0'] });
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

describe('TaskManager: a task that failed', () => {
  it('is closed dirty and opened again when the rebalance its TaskMigratedError asked for assigns it back', async () => {
    const calls: string[] = [];
    let rebalances = 0;
    let failNext = true;
    const runner = quietRunner({
      assign: async (tasks) => tasks.map((t) => (calls.push(`assign ${t.taskId}`), { ok: true as const, taskId: t.taskId, status: { state: 'running' as const, threadId: 1, changelogs: [] } })),
      process: async (_taskId: string, records: readonly RunnerRecord[]) => {
        if (failNext) {
          failNext = false;
          throw new TaskMigratedError('the producer was fenced');
        }
        calls.push(`process ${records.map((r) => r.offset).join(',')}`);
        return { outputs: [], consumedOffsets: [{ topic: INPUT, partition: 0, offset: records[records.length - 1].offset + 1 }], commitRequested: false, processedCount: records.length };
      },
      closeTask: async (taskId, mode) => void calls.push(`close ${taskId} ${mode}`),
    });
    const topology = oneTaskTopology();
    const { manager } = newTaskManager({ runner, tasks: () => topology });
    manager.attach({ groupId: 'app', commitOffsets: async () => undefined, pause: () => undefined, resume: () => undefined, seek: () => undefined, requestRebalance: () => (rebalances++, true) });
    await manager.assigned(memberAssignment(1, { active: ['0_0'] }));
    manager.records({ topic: INPUT, partition: 0, records: [record(0)], highWatermark: 1, nextOffset: 1 });
    await eventually(() => rebalances === 1, 'the failed task to ask for a rebalance');
    await manager.revoke();
    await manager.assigned(memberAssignment(2, { active: ['0_0'] }));
    expect(calls).to.deep.equal(['assign 0_0', 'close 0_0 dirty', 'assign 0_0']);
    manager.records({ topic: INPUT, partition: 0, records: [record(0)], highWatermark: 1, nextOffset: 1 });
    await eventually(() => calls.includes('process 0'), 'the reopened task to process');
    await manager.close();
  });
});
