import { expect } from 'chai';
import type { RoutedRecord } from '../../../src/coordination/router/task-router';
import type { RunnerRecord } from '../../../src/coordination/task-runner';
import { eventually, INPUT, memberAssignment, newTaskManager, oneTaskTopology, quietRunner } from './task-manager-fixtures';

const CHANGELOG = 'app-store-changelog';

function changelogRecord(offset: number): RoutedRecord {
  return { topic: CHANGELOG, partition: 0, offset, timestamp: offset, key: Buffer.from(`k${offset}`), value: Buffer.from(String(offset)), headers: [] };
}

/** One stateful task 0_0 (input `in`-0, changelog partition 0) whose checkpoint says offset 9 was the last one restored. */
function harness(options: { checkpointOffset: number | null; changelogEnd: () => number }) {
  const calls: string[] = [];
  const restoredOffsets: number[] = [];
  const runner = quietRunner({
    assign: async (tasks) =>
      tasks.map((t) => {
        calls.push(`assign ${t.taskId}`);
        return {
          ok: true as const,
          taskId: t.taskId,
          status: { state: 'restoring' as const, threadId: 1, changelogs: [{ store: 'store', topic: CHANGELOG, partition: 0, checkpointOffset: options.checkpointOffset, isSourceTopic: false }] },
        };
      }),
    restore: async (_taskId: string, records: readonly RunnerRecord[]) => {
      restoredOffsets.push(...records.map((r) => r.offset));
      return { restoredCount: records.length };
    },
    completeRestore: async (taskId) => void calls.push(`completeRestore ${taskId}`),
    process: async (taskId: string, records: readonly RunnerRecord[]) => {
      calls.push(`process ${taskId}`);
      return { outputs: [], consumedOffsets: [{ topic: INPUT, partition: 0, offset: records[records.length - 1].offset + 1 }], commitRequested: false, processedCount: records.length };
    },
    closeTask: async (taskId, mode) => void calls.push(`close ${taskId} ${mode}`),
  });
  const reading = new Map<string, number>();
  const topology = oneTaskTopology([CHANGELOG]);
  const progress: string[] = [];
  const { manager } = newTaskManager({
    runner,
    tasks: () => topology,
    restoreConsumer: {
      add: async (ref, offset) => void reading.set(`${ref.topic}-${ref.partition}`, offset),
      remove: async (refs) => {
        for (const ref of refs) reading.delete(`${ref.topic}-${ref.partition}`);
      },
    },
    admin: {
      fetchOffsets: async () => [],
      fetchTopicOffsets: async (topic) => (topic === CHANGELOG ? [{ partition: 0, offset: String(options.changelogEnd()), high: String(options.changelogEnd()), low: '0' }] : []),
    },
    onProgress: (state) => void progress.push(state),
  });
  let generation = 0;
  const assign = (role: 'active' | 'standby' | 'warmup' | 'none'): Promise<void> =>
    manager.assigned(memberAssignment(++generation, role === 'none' ? {} : { [role]: ['0_0'] }));
  const restore = (from: number, to: number): Promise<void> => {
    const records: RoutedRecord[] = [];
    for (let offset = from; offset < to; offset++) records.push(changelogRecord(offset));
    return manager.restoreRecords({ topic: CHANGELOG, partition: 0 }, records, to);
  };
  return { manager, assign, restore, calls, restoredOffsets, reading, progress };
}

describe('TaskManager: standby replicas', () => {
  it('opens a standby that reads its changelog from the checkpoint on, past any end, and never runs', async () => {
    const { manager, assign, restore, calls, restoredOffsets, reading, progress } = harness({ checkpointOffset: 9, changelogEnd: () => 20 });
    await assign('standby');
    expect(reading.get(`${CHANGELOG}-0`)).to.equal(10);
    expect(manager.activeTaskIds()).to.deep.equal([]);
    expect(manager.standbyTaskIds()).to.deep.equal(['0_0']);
    await restore(10, 30);
    await restore(30, 35);
    expect(restoredOffsets).to.have.length(25);
    expect(restoredOffsets[0]).to.equal(10);
    expect(restoredOffsets[24]).to.equal(34);
    // applied past the end it had when opened, still a standby: nothing completed, nothing processed
    expect(calls).to.deep.equal(['assign 0_0']);
    expect(manager.taskPhases().get('0_0')).to.equal('standby');
    expect(manager.taskOffsetSums().get('0_0')).to.equal(34);
    expect(manager.restoreRemainingRecords().size).to.equal(0);
    expect(progress[progress.length - 1]).to.equal('RUNNING');
    await manager.close();
    expect(calls).to.deep.equal(['assign 0_0', 'close 0_0 clean']);
  });

  it('treats a warm-up replica as a standby', async () => {
    const { manager, assign, reading } = harness({ checkpointOffset: null, changelogEnd: () => 5 });
    await assign('warmup');
    expect(manager.standbyTaskIds()).to.deep.equal(['0_0']);
    expect(reading.get(`${CHANGELOG}-0`)).to.equal(0);
    await manager.close();
  });

  it('promotes a standby in place: it restores only the tail written since its last batch, then runs', async () => {
    let end = 100;
    const { manager, assign, restore, calls, restoredOffsets, reading } = harness({ checkpointOffset: null, changelogEnd: () => end });
    await assign('standby');
    await restore(0, 100);
    end = 130; // written by the active task elsewhere, after the standby's last batch
    await assign('active');
    expect(manager.activeTaskIds()).to.deep.equal(['0_0']);
    expect(manager.taskPhases().get('0_0')).to.equal('restoring');
    expect(manager.restoreRemainingRecords().get('0_0')).to.equal(30);
    expect(manager.taskOffsetSums().get('0_0'), 'a restoring task reports where it stands').to.equal(99);
    expect(calls).to.deep.equal(['assign 0_0']); // not closed and opened again
    // records the restore consumer already had before the promotion are applied once only
    await restore(90, 130);
    await eventually(() => calls.includes('completeRestore 0_0'), 'the restore to complete');
    expect(manager.restoredRecords().get('0_0')).to.equal(130);
    expect(restoredOffsets.filter((o) => o >= 100)).to.have.length(30);
    expect(restoredOffsets.filter((o) => o >= 90 && o < 100)).to.have.length(10);
    expect(manager.taskPhases().get('0_0')).to.equal('running');
    expect(manager.taskOffsetSums().get('0_0'), 'a running active task is LATEST_OFFSET').to.equal(-2);
    expect(reading.has(`${CHANGELOG}-0`)).to.equal(false);
    await manager.close();
  });

  it('promotes a caught-up standby straight to running', async () => {
    const { manager, assign, restore, calls } = harness({ checkpointOffset: null, changelogEnd: () => 50 });
    await assign('standby');
    await restore(0, 50);
    await assign('active');
    await eventually(() => calls.includes('completeRestore 0_0'), 'the task to run');
    expect(manager.taskPhases().get('0_0')).to.equal('running');
    await manager.close();
  });

  it('closes an active task that becomes a standby clean and opens it again as a standby', async () => {
    const { manager, assign, restore, calls } = harness({ checkpointOffset: null, changelogEnd: () => 0 });
    await assign('active');
    await eventually(() => calls.includes('completeRestore 0_0'), 'the task to run');
    await assign('standby');
    expect(calls).to.deep.equal(['assign 0_0', 'completeRestore 0_0', 'close 0_0 clean', 'assign 0_0']);
    expect(manager.standbyTaskIds()).to.deep.equal(['0_0']);
    await restore(0, 3);
    expect(manager.taskOffsetSums().get('0_0')).to.equal(2);
    await manager.close();
  });

  it('closes a standby that is no longer assigned and stops reading its changelog', async () => {
    const { manager, assign, calls, reading } = harness({ checkpointOffset: 4, changelogEnd: () => 10 });
    await assign('standby');
    expect(reading.size).to.equal(1);
    await assign('none');
    expect(calls).to.deep.equal(['assign 0_0', 'close 0_0 clean']);
    expect(reading.size).to.equal(0);
    expect(manager.standbyTaskIds()).to.deep.equal([]);
    await manager.close();
  });
});
