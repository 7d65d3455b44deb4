import { expect } from 'chai';
import { ClassicLevel } from 'classic-level';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTaskOffsetSums, sumCheckpointOffsets } from '../../../src/coordination/task-offset-sums';
import { CHECKPOINT_KEY } from '../../../src/core/state/leveldb-key-layout';
import { TaskCheckpoint, type ChangelogOffset } from '../../../src/core/state/task-checkpoint';
import { LOCK_FILE_NAME } from '../../../src/core/state/task-directory-lock';

describe('task offset sums from the state directory', () => {
  let stateDir: string;
  const appDir = (): string => join(stateDir, 'app');
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'kstreams-offset-sums-'))));
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  /** A task directory as TaskStorage leaves it: a LevelDB with (or without) a checkpoint. */
  async function taskDir(taskId: string, offsets: readonly ChangelogOffset[] | null): Promise<string> {
    const dir = join(appDir(), taskId);
    mkdirSync(dir, { recursive: true });
    const db = new ClassicLevel<Buffer, Buffer>(dir, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    await db.open();
    if (offsets !== null) await db.put(CHECKPOINT_KEY, TaskCheckpoint.EMPTY.advancedBy(offsets, () => true).encode());
    await db.close();
    return dir;
  }

  const lockAs = (dir: string, pid: number, threadId: number): string => {
    const content = `${JSON.stringify({ pid, hostname: hostname(), threadId })}\n`;
    writeFileSync(join(dir, LOCK_FILE_NAME), content);
    return content;
  };

  const read = (overrides: Partial<Parameters<typeof readTaskOffsetSums>[0]> = {}) =>
    readTaskOffsetSums({ stateDir, applicationId: 'app', include: () => true, skip: () => false, liveThreadIds: () => [7], ...overrides });

  it('sums the checkpointed changelog offsets of every task directory, and reports none for a task without a checkpoint', async () => {
    await taskDir('0_0', [
      { topic: 'app-a-changelog', partition: 0, offset: 10 },
      { topic: 'app-b-changelog', partition: 0, offset: 5 },
    ]);
    await taskDir('1_3', [{ topic: 'app-c-changelog', partition: 3, offset: 0 }]);
    await taskDir('0_1', null);
    mkdirSync(join(appDir(), 'not-a-task'));
    expect(await read()).to.deep.equal(new Map([['0_0', 15], ['1_3', 0]]));
    // the read released its locks and created nothing
    expect(existsSync(join(appDir(), '0_0', LOCK_FILE_NAME))).to.equal(false);
  });

  it('leaves out tasks the caller runs, tasks that are not stateful, and an application without state', async () => {
    await taskDir('0_0', [{ topic: 'x', partition: 0, offset: 1 }]);
    await taskDir('0_1', [{ topic: 'x', partition: 1, offset: 2 }]);
    await taskDir('1_0', [{ topic: 'y', partition: 0, offset: 3 }]);
    expect(await read({ skip: (id) => id === '0_0', include: (id) => id.startsWith('0_') })).to.deep.equal(new Map([['0_1', 2]]));
    expect(await read({ applicationId: 'other-app' })).to.deep.equal(new Map());
  });

  it('skips a directory locked by another live process or a live thread of this one, leaving the lock; takes over a dead holder', async () => {
    const otherProcess = await taskDir('0_0', [{ topic: 'x', partition: 0, offset: 1 }]);
    const otherLock = lockAs(otherProcess, process.ppid, 1);
    const ourThread = await taskDir('0_1', [{ topic: 'x', partition: 1, offset: 2 }]);
    const ourLock = lockAs(ourThread, process.pid, 7);
    const deadThread = await taskDir('0_2', [{ topic: 'x', partition: 2, offset: 3 }]);
    lockAs(deadThread, process.pid, 99);
    const skipped: string[] = [];
    expect(await read({ onDebug: (m) => skipped.push(m) })).to.deep.equal(new Map([['0_2', 3]]));
    expect(readFileSync(join(otherProcess, LOCK_FILE_NAME), 'utf8')).to.equal(otherLock);
    expect(readFileSync(join(ourThread, LOCK_FILE_NAME), 'utf8')).to.equal(ourLock);
    expect(existsSync(join(deadThread, LOCK_FILE_NAME))).to.equal(false);
    expect(skipped).to.have.length(2);
    expect(skipped[0]).to.match(/task directory 0_0 skipped \(Task directory .* is locked by process \d+/);
    expect(skipped[1]).to.equal('offset sums: task directory 0_1 skipped (a thread of this process holds it)');
  });

  it('skips a directory whose LevelDB cannot be opened, without creating one', async () => {
    mkdirSync(join(appDir(), '0_0'), { recursive: true });
    expect(await read()).to.deep.equal(new Map());
    expect(existsSync(join(appDir(), '0_0', 'CURRENT'))).to.equal(false);
  });

  it('sums offsets as Java does, with no sum for an empty checkpoint', () => {
    expect(sumCheckpointOffsets([])).to.equal(null);
    expect(sumCheckpointOffsets([{ topic: 'a', partition: 0, offset: 4 }, { topic: 'a', partition: 1, offset: 6 }])).to.equal(10);
    expect(sumCheckpointOffsets([{ topic: 'a', partition: 0, offset: Number.MAX_SAFE_INTEGER }, { topic: 'a', partition: 1, offset: 6 }])).to.equal(Number.MAX_SAFE_INTEGER);
  });
});
