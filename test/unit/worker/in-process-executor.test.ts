import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { IllegalStateError, ProcessingError, StreamsError, TopologyError } from '../../../src/errors';
import { InProcessExecutor } from '../../../src/worker/in-process-executor';
import type { ConsumedBatchRecord, TaskCorruptedEvent, TaskExecutor } from '../../../src/worker/task-executor';
import { config, countTopology, readLong, silent, str, upperTopology } from './support/topologies';

function input(value: string, offset: number, partition = 0): ConsumedBatchRecord {
  return { topic: 'in', partition, offset, timestamp: offset, key: str('k'), value: str(value), headers: [] };
}

describe('InProcessExecutor', () => {
  let stateDir: string;
  let executor: TaskExecutor | undefined;
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'kstreams-in-process-'))));
  afterEach(async () => {
    await executor?.close();
    executor = undefined;
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('runs tasks on the main thread through the same protocol as the pool', async () => {
    executor = await InProcessExecutor.start(upperTopology(), config(stateDir), { logger: silent });
    expect(executor.threadIds()).to.deep.equal([threadId]);
    const [outcome] = await executor.assign([{ taskId: '0_0' }]);
    expect(outcome).to.deep.equal({ ok: true, taskId: '0_0', status: { taskId: '0_0', state: 'running', threadId, changelogs: [] } });
    const result = await executor.process('0_0', [input('a', 0), input('b', 1)]);
    expect(result.outputs.map((r) => [r.topic, r.partition, r.value?.toString()])).to.deep.equal([
      ['out', null, 'A'],
      ['out', null, 'B'],
    ]);
    expect(result).to.deep.include({ taskId: '0_0', threadId, consumedOffsets: [{ topic: 'in', partition: 0, offset: 2 }], processedCount: 2, commitRequested: false });
    expect((await executor.flush('0_0')).outputs).to.deep.equal([]);
    await executor.commit('0_0', []);
    await executor.closeTask('0_0', 'clean');
    expect(executor.threadOf('0_0')).to.equal(undefined);
  });

  it('runs the commit sequence of a stateful task and closes it dirty', async () => {
    executor = await InProcessExecutor.start(countTopology({ caching: true }), config(stateDir), { logger: silent });
    const [assigned] = await executor.assign([{ taskId: '0_0' }]);
    expect(assigned.ok && assigned.status.changelogs.map((c) => c.topic)).to.deep.equal(['app-counts-changelog']);
    await executor.completeRestore('0_0');
    await executor.process('0_0', [input('x', 0), input('x', 1)]);
    const flushed = await executor.flush('0_0');
    expect(flushed.outputs.filter((r) => r.topic === 'app-counts-changelog').map((r) => readLong(r.value))).to.deep.equal([2]);
    await executor.commit('0_0', [{ topic: 'app-counts-changelog', partition: 0, offset: 0 }]);
    await executor.process('0_0', [input('x', 2)]);
    await executor.closeTask('0_0', 'dirty');
    const [again] = await executor.assign([{ taskId: '0_0' }]);
    expect(again.ok && again.status.changelogs[0].checkpointOffset).to.equal(0);
  });

  it('on REPLACE_THREAD closes every task dirty and reports them lost, then takes them again as the new thread', async () => {
    executor = await InProcessExecutor.start(countTopology({ caching: false }), config(stateDir), { logger: silent });
    await executor.assign([{ taskId: '0_0' }, { taskId: '0_1' }]);
    await executor.completeRestore('0_0');
    await executor.process('0_0', [input('x', 0)]);
    await executor.flush('0_0');
    await executor.commit('0_0', [{ topic: 'app-counts-changelog', partition: 0, offset: 0 }]);
    await executor.process('0_0', [input('x', 1)]);

    const lost: TaskCorruptedEvent[] = [];
    executor.onTaskCorrupted((event) => lost.push(event));
    await executor.replaceThread(threadId, new StreamsError('a processor failed'));
    expect(lost.map((e) => [e.threadId, e.taskIds])).to.deep.equal([[threadId, ['0_0', '0_1']]]);
    expect(executor.threadOf('0_0')).to.equal(undefined);
    expect(executor.threadIds()).to.deep.equal([threadId]);
    const [again] = await executor.assign([{ taskId: '0_0' }]);
    expect(again.ok && again.status.changelogs[0].checkpointOffset).to.equal(0);
  });

  it('rebuilds a thread error as its own class, and settles assignments one by one', async () => {
    executor = await InProcessExecutor.start(upperTopology(), config(stateDir), { logger: silent });
    const outcomes = await executor.assign([{ taskId: '0_0' }, { taskId: '4_0' }, { taskId: '0_0' }]);
    expect(outcomes.map((o) => o.ok)).to.deep.equal([true, false, false]);
    expect(!outcomes[1].ok && outcomes[1].error).to.be.instanceOf(TopologyError);
    expect(!outcomes[2].ok && outcomes[2].error.message).to.match(/already assigned/);
    expect(executor.tasksByThread()).to.deep.equal(new Map([[threadId, ['0_0']]]));

    let error: unknown;
    await executor.process('0_0', [input('boom', 0)]).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ProcessingError);
    expect((error as ProcessingError).fatal).to.equal(true);
    expect((error as ProcessingError).context).to.deep.include({ taskId: '0_0', processor: 'upper', offset: 0 });

    let refused: unknown;
    await executor.closeTask('0_0', 'clean').catch((e: unknown) => (refused = e));
    expect(refused).to.be.instanceOf(IllegalStateError);
    expect(executor.threadOf('0_0')).to.equal(threadId); // a refused clean close leaves the task open
    await executor.closeTask('0_0', 'dirty');
    await executor.closeTask('0_0', 'dirty'); // nothing to close: nothing happens
  });

  it('refuses calls for tasks it does not hold, and everything once closed', async () => {
    const closed = await InProcessExecutor.start(upperTopology(), config(stateDir), { logger: silent });
    let error: unknown;
    await closed.flush('0_9').catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('cannot flush task 0_9: it is not assigned to this executor');
    await closed.close();
    await closed.assign([{ taskId: '0_0' }]).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('the task executor is closed');
  });
});
