// The lock on a task directory (what Java's StateDirectory#lock guards): a file `.lock` in the
// directory naming the process that holds it (pid, host, thread). It exists so that two processes
// given the same state.dir and application.id fail with a message that names the holder, rather
// than with LevelDB's bare "lock held" from deep inside an open.
//
// - A lock whose process is gone (a crash, kill -9) is stale and taken over.
// - A lock naming this process but not held by this thread is taken over too: it was left by a
//   thread of this process that died, or by an earlier incarnation with the same pid (pid 1 in a
//   restarted container). Within one process the runtime gives each task to one thread, and
//   LevelDB's own LOCK refuses a second open of a database in the same process anyway.
// - A lock from another host (a shared filesystem) cannot be checked: it is treated as held.
// - Pid reuse: a dead holder whose pid now belongs to an unrelated live process looks alive. The
//   error says how to clear it by hand.
// Taking over is not atomic across processes (two may both find the same stale lock); the LevelDB
// LOCK file, an fcntl lock the kernel drops when a process dies, is what finally keeps two
// processes out of one database.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { LockError } from '../../errors';

export const LOCK_FILE_NAME = '.lock';

interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  readonly threadId: number;
}

/** Lock files held by this thread (module state is per thread: each worker has its own). */
const heldByThisThread = new Set<string>();

const MAX_ATTEMPTS = 5;

export class TaskDirectoryLock {
  private released = false;

  private constructor(
    readonly directory: string,
    private readonly file: string,
    private readonly content: string,
  ) {}

  /** Creates `directory` if needed and locks it for this thread; LockError when someone else holds it. */
  static async acquire(directory: string, taskId: string): Promise<TaskDirectoryLock> {
    const dir = path.resolve(directory);
    const file = path.join(dir, LOCK_FILE_NAME);
    if (heldByThisThread.has(file)) {
      throw new LockError(
        `Task directory ${dir} (task ${taskId}) is already locked by this thread: a TaskStorage for it is open and was not closed. Close it before opening the task again.`,
        { context: { taskId, path: dir, pid: process.pid } },
      );
    }
    await fs.mkdir(dir, { recursive: true });
    const content = `${JSON.stringify({ pid: process.pid, hostname: os.hostname(), threadId } satisfies LockOwner)}\n`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (await createExclusively(file, content)) {
        heldByThisThread.add(file);
        return new TaskDirectoryLock(dir, file, content);
      }
      const held = await readIfExists(file);
      if (held === null) continue; // released between our attempt and the read
      const owner = parseOwner(held);
      if (owner !== null && isLive(owner)) {
        const where = owner.hostname === os.hostname() ? '' : ` on host ${owner.hostname}`;
        throw new LockError(
          `Task directory ${dir} (task ${taskId}) is locked by process ${owner.pid}${where}: another instance with the same state.dir and ` +
            `application.id is running this task. Give each instance its own state.dir, or stop the other process. If process ${owner.pid} ` +
            `is not a kstreams instance (its pid was reused after a crash), delete ${file}.`,
          { context: { taskId, path: dir, pid: owner.pid, hostname: owner.hostname } },
        );
      }
      // Stale: take it over, unless it changed hands since we read it.
      if ((await readIfExists(file)) === held) await fs.rm(file, { force: true });
    }
    throw new LockError(`Could not lock task directory ${dir} (task ${taskId}): its lock file kept changing hands (${MAX_ATTEMPTS} attempts).`, {
      context: { taskId, path: dir },
    });
  }

  /** Removes the lock file if it is still ours. Releasing twice is harmless. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    heldByThisThread.delete(this.file);
    if ((await readIfExists(this.file)) === this.content) await fs.rm(this.file, { force: true });
  }
}

/** Creates `file` holding `content`, atomically (no one ever reads it half-written); false if it exists. */
async function createExclusively(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(temp, content);
  try {
    await fs.link(temp, file);
    return true;
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    if (errorCode(err) !== 'EPERM' && errorCode(err) !== 'ENOTSUP' && errorCode(err) !== 'ENOSYS') throw err;
    // A filesystem without hard links: an exclusive create, written right after.
    try {
      await fs.writeFile(file, content, { flag: 'wx' });
      return true;
    } catch (createError) {
      if (errorCode(createError) === 'EEXIST') return false;
      throw createError;
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
}

/** The owner a lock file names; null when it names none (garbage, or a half-written file from another tool): stale. */
function parseOwner(content: string): LockOwner | null {
  try {
    const parsed = JSON.parse(content) as Partial<LockOwner>;
    if (Number.isSafeInteger(parsed.pid) && typeof parsed.hostname === 'string' && Number.isSafeInteger(parsed.threadId)) return parsed as LockOwner;
  } catch {
    // not JSON
  }
  return null;
}

function isLive(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return true;
  if (owner.pid === process.pid) return false; // not this thread's (checked first): a dead thread's, or an earlier incarnation's
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) !== 'ESRCH'; // EPERM: alive, owned by another user
  }
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
