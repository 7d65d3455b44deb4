// The offset sums a member puts in its subscription for the tasks it has state of on disk but does
// not run (Java: TaskManager#getTaskOffsetSums over the task directories), so that after a restart
// the leader sees which process holds a task's state and how far behind it is (design-notes §5).
//
// Each directory is locked only while its checkpoint is read, as Java locks unowned directories
// briefly: a directory another process (or a thread of this one) holds is skipped, and so is one
// whose LevelDB cannot be opened or read (its owner will find out when it opens the task). Tasks
// this process runs are left out by the caller's `skip`: their directories belong to a worker
// thread, and they are reported as running (LATEST_OFFSET) instead.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { CHECKPOINT_KEY } from '../core/state/leveldb-key-layout';
import { TaskCheckpoint, type ChangelogOffset } from '../core/state/task-checkpoint';
import { LOCK_FILE_NAME, TaskDirectoryLock } from '../core/state/task-directory-lock';

const TASK_DIRECTORY = /^\d+_\d+$/;

export interface TaskOffsetSumsOptions {
  readonly stateDir: string;
  readonly applicationId: string;
  /** Tasks not to read: those this process runs or is opening. Asked just before each directory is locked. */
  readonly skip: (taskId: string) => boolean;
  /** Only these tasks (the topology's stateful ones) are reported. */
  readonly include: (taskId: string) => boolean;
  /** The threads of this process that may hold task directories (the executor's). */
  readonly liveThreadIds: () => readonly number[];
  readonly onDebug?: (message: string) => void;
}

/** The sum of a checkpoint's changelog offsets (Java's sumOfChangelogOffsets); null when it holds none. */
export function sumCheckpointOffsets(offsets: readonly ChangelogOffset[]): number | null {
  if (offsets.length === 0) return null;
  let sum = 0;
  for (const { offset } of offsets) sum = Math.min(Number.MAX_SAFE_INTEGER, sum + offset);
  return sum;
}

/** Task id → offset sum of every task directory under `<state.dir>/<application.id>` with a checkpoint. */
export async function readTaskOffsetSums(options: TaskOffsetSumsOptions): Promise<Map<string, number>> {
  const appDir = path.join(options.stateDir, options.applicationId);
  let entries: string[];
  try {
    entries = await readdir(appDir);
  } catch {
    return new Map(); // no state yet
  }
  const sums = new Map<string, number>();
  for (const taskId of entries.filter((e) => TASK_DIRECTORY.test(e)).sort()) {
    if (!options.include(taskId) || options.skip(taskId)) continue;
    try {
      const checkpoint = await readCheckpoint(path.join(appDir, taskId), taskId, options.liveThreadIds());
      const sum = checkpoint === null ? null : sumCheckpointOffsets(checkpoint.entries());
      if (sum !== null) sums.set(taskId, sum);
    } catch (error) {
      options.onDebug?.(`offset sums: task directory ${taskId} skipped (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return sums;
}

async function readCheckpoint(directory: string, taskId: string, liveThreadIds: readonly number[]): Promise<TaskCheckpoint | null> {
  // TaskDirectoryLock takes over a lock of this process held by another thread (it takes it for a
  // dead thread's): a live worker thread of ours that is opening or closing the task must keep it.
  if (await lockedByLiveThread(directory, liveThreadIds)) throw new Error('a thread of this process holds it');
  const lock = await TaskDirectoryLock.acquire(directory, taskId);
  try {
    // createIfMissing false: a directory without a LevelDB stays without one
    const db = new ClassicLevel<Buffer, Buffer>(directory, { keyEncoding: 'buffer', valueEncoding: 'buffer', createIfMissing: false });
    await db.open();
    try {
      const bytes = await db.get(CHECKPOINT_KEY);
      return bytes === undefined ? null : TaskCheckpoint.decode(bytes);
    } finally {
      await db.close();
    }
  } finally {
    await lock.release();
  }
}

async function lockedByLiveThread(directory: string, liveThreadIds: readonly number[]): Promise<boolean> {
  let content: string;
  try {
    content = await readFile(path.join(directory, LOCK_FILE_NAME), 'utf8');
  } catch {
    return false;
  }
  try {
    const owner = JSON.parse(content) as { pid?: unknown; threadId?: unknown };
    return owner.pid === process.pid && typeof owner.threadId === 'number' && liveThreadIds.includes(owner.threadId);
  } catch {
    return false;
  }
}
