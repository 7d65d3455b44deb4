// A task's local state (Java's ProcessorStateManager with its StateDirectory lock): the task
// directory `<state.dir>/<application.id>/<task id>/` and its lock, one LevelDB shared by the
// task's persistent stores (a key prefix each, see leveldb-key-layout.ts), the pending writes of
// those stores, the checkpoint, and the restore callbacks of all the task's stores.
//
// Nothing touches the disk until a persistent store opens the storage in its init: a stateless
// task or one with only in-memory stores never creates its directory.
//
// The commit (design notes §6, step 4) writes the pending writes of every store and the new
// checkpoint in one atomic LevelDB batch. A crash before that batch leaves LevelDB at the previous
// commit with the previous checkpoint; after it, at this one with this one. Either way restoring
// from checkpoint + 1 replays exactly what LevelDB is missing. Uncommitted writes never reach
// LevelDB, so a crash never makes local state unusable (design notes §6, EOS).
//
// The runtime's calls, in a task's life:
//   new TaskStorage(...) → task.init() (stores open the storage) → changelogs() / checkpoint()
//   → restore(store, records)* → [process → flush → produce → commit offsets → commit(offsets)]*
//   → close(); on TaskCorruptedError: close the task dirty, wipe(), and start over.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { IllegalStateError, InvalidStateStoreError, LockError, ProcessorStateError, TaskCorruptedError } from '../../errors';
import type { TaskId } from '../processor/task-id';
import { prefixUpperBound } from './byte-order';
import { CHECKPOINT_KEY, entryCountKey, storeKeyPrefix } from './leveldb-key-layout';
import type { ChangelogRecord } from './state-store';
import { TaskCheckpoint, type ChangelogOffset } from './task-checkpoint';
import { LOCK_FILE_NAME, TaskDirectoryLock } from './task-directory-lock';
import { StoreKeyspace, type ChangelogPartition, type KeyspaceHost, type LevelDbOperation, type TaskLevelDb } from './store-keyspace';

export interface TaskStorageOptions {
  /** `state.dir`. */
  readonly stateDir: string;
  readonly applicationId: string;
  readonly taskId: TaskId;
  /** `statestore.pending.writes.max.bytes`: the pending writes at which the task is asked to commit early. */
  readonly pendingWritesMaxBytes: number;
}

/** A changelog partition of one of the task's stores, and where restoring it starts. */
export interface StoreChangelog {
  readonly store: string;
  readonly topic: string;
  readonly partition: number;
  /** Whether the store keeps its data in the task's LevelDB (so its checkpoint means something). */
  readonly persistent: boolean;
  /** The last changelog offset the local data includes: restore from the next one; null: from the start. */
  readonly checkpointOffset: number | null;
}

export interface TaskStorageCloseReport {
  /** Scans over the task's LevelDB that were still open, and that closing closed. */
  readonly unclosedIterators: number;
}

type RestoreCallback = (records: ChangelogRecord[]) => void | Promise<void>;

export class TaskStorage {
  /** `<state.dir>/<application.id>/<task id>`: the LevelDB's directory, with the lock file in it. */
  readonly directory: string;
  private readonly taskIdText: string;
  private opening: Promise<void> | null = null;
  private closed = false;
  private lock: TaskDirectoryLock | null = null;
  private db: TaskLevelDb | null = null;
  private checkpointState = TaskCheckpoint.EMPTY;
  private readonly keyspaces = new Map<string, StoreKeyspace>();
  private readonly registered = new Map<string, { changelogTopic: string | null; restore: RestoreCallback }>();
  private pendingBytes = 0;
  private commitNeededFlag = false;
  private commitNeededListener: (() => void) | null = null;
  private batchInFlight = false;
  private readonly host: KeyspaceHost;

  constructor(private readonly options: TaskStorageOptions) {
    this.taskIdText = options.taskId.toString();
    this.directory = path.resolve(options.stateDir, options.applicationId, this.taskIdText);
    this.host = {
      database: () => this.database(),
      assertWritable: (storeName) => this.assertWritable(storeName),
      writing: () => this.batchInFlight,
      pendingBytesChanged: (deltaBytes) => this.pendingBytesChanged(deltaBytes),
      readFailed: (cause, storeName) => this.corrupted(`a read of store ${storeName} failed`, cause, storeName),
      writeRestored: (keyspace, operations, restored) => this.writeRestored(keyspace, operations, restored),
    };
  }

  /**
   * Creates the directory, takes its lock, opens the LevelDB and reads the checkpoint; once, however
   * often called (persistent stores call it in init). LockError when another live process holds the
   * directory; TaskCorruptedError when the LevelDB or its checkpoint cannot be read (the lock stays
   * held: wipe() or close()).
   */
  open(): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError('open'));
    this.opening ??= this.openNow();
    return this.opening;
  }

  isOpen(): boolean {
    return this.db !== null && !this.closed;
  }

  /** Called once each time the pending writes reach `statestore.pending.writes.max.bytes` (the task requests a commit). */
  onCommitNeeded(listener: () => void): void {
    this.commitNeededListener = listener;
  }

  /** Whether the pending writes reached their bound since the last commit. */
  commitNeeded(): boolean {
    return this.commitNeededFlag;
  }

  /** The estimated heap bytes of the pending writes of all stores. */
  pendingWritesBytes(): number {
    return this.pendingBytes;
  }

  /** The task registers each of its stores, with how to restore it (StateStoreContext#register). */
  register(storeName: string, changelogTopic: string | null, restore: RestoreCallback): void {
    this.registered.set(storeName, { changelogTopic, restore });
  }

  /** The changelog partitions of the task's logged stores, with where restoring each starts. */
  changelogs(): StoreChangelog[] {
    const changelogs: StoreChangelog[] = [];
    for (const [store, { changelogTopic }] of this.registered) {
      if (changelogTopic === null) continue;
      const partition = this.options.taskId.partition;
      const persistent = this.keyspaces.has(store);
      changelogs.push({ store, topic: changelogTopic, partition, persistent, checkpointOffset: persistent ? this.checkpointState.offsetOf(changelogTopic, partition) : null });
    }
    return changelogs;
  }

  /** The checkpoint: for each changelog partition of the persistent stores, the last offset the local data includes. */
  checkpoint(): ChangelogOffset[] {
    return this.checkpointState.entries();
  }

  /**
   * Applies changelog records to store `storeName`, below its caching and change-logging layers
   * (nothing is forwarded or logged again). A persistent store writes them as one LevelDB batch,
   * with its checkpoint advanced to the last record's `offset`: hand over large batches. Runs
   * before the task processes (or for a standby, which never does): a store with uncommitted
   * writes cannot be restored.
   */
  async restore(storeName: string, records: ChangelogRecord[]): Promise<void> {
    const registration = this.registered.get(storeName);
    if (registration === undefined) {
      throw new IllegalStateError(`Task ${this.taskIdText} has no store ${storeName} to restore: stores register when the task initialises them.`, {
        context: { taskId: this.taskIdText, store: storeName },
      });
    }
    await registration.restore(records);
  }

  /**
   * Commit step 4: writes every store's pending writes and the checkpoint advanced by
   * `changelogOffsets` (offsets of any topics may be given: only the changelogs of the persistent
   * stores are kept) as one atomic LevelDB batch, then starts new pending writes. Nothing to write,
   * nothing written. No store may be written while the commit is in flight.
   */
  async commit(changelogOffsets: Iterable<ChangelogOffset> = []): Promise<void> {
    if (this.opening === null) return; // no persistent store: nothing on disk
    if (this.closed) throw this.closedError('commit');
    // Only while opening: once open, nothing may yield before the batch is marked in flight.
    if (this.db === null) await this.opening;
    const db = this.database();
    this.assertNoBatchInFlight('commit');
    const next = this.checkpointState.advancedBy(changelogOffsets, this.checkpointedChangelogs());
    const operations: LevelDbOperation[] = [];
    for (const keyspace of this.keyspaces.values()) keyspace.commitOperations(operations);
    if (operations.length > 0 || !next.equals(this.checkpointState)) {
      operations.push({ type: 'put', key: CHECKPOINT_KEY, value: next.encode() });
      this.batchInFlight = true;
      try {
        await this.writeBatch(db, operations, 'commit');
      } finally {
        this.batchInFlight = false;
      }
    }
    for (const keyspace of this.keyspaces.values()) keyspace.committed();
    this.checkpointState = next;
    this.pendingBytes = 0;
    this.commitNeededFlag = false;
  }

  /** Drops every store's pending writes: for uncommitted work that is thrown away (an aborted transaction). */
  discardPendingWrites(): void {
    for (const keyspace of this.keyspaces.values()) keyspace.discardPendingWrites();
    this.pendingBytes = 0;
    this.commitNeededFlag = false;
  }

  /**
   * Closes the LevelDB without committing (pending writes are dropped: commit first for a clean
   * close) and releases the lock. Scans still open are closed and counted. Closing twice is harmless.
   */
  async close(): Promise<TaskStorageCloseReport> {
    if (this.closed) return { unclosedIterators: 0 };
    this.closed = true;
    try {
      return { unclosedIterators: await this.closeDatabase() };
    } finally {
      await this.lock?.release();
      this.lock = null;
    }
  }

  /**
   * Deletes the task's local state (for a corrupted task: it is restored from the changelogs):
   * closes the storage, removes the directory's contents while still holding its lock, then the
   * lock and the directory. The storage stays closed; make a new one for the task.
   */
  async wipe(): Promise<void> {
    this.closed = true;
    await this.closeDatabase();
    const lock = this.lock ?? (await TaskDirectoryLock.acquire(this.directory, this.taskIdText));
    this.lock = null;
    try {
      for (const entry of await fs.readdir(this.directory)) {
        if (entry !== LOCK_FILE_NAME) await fs.rm(path.join(this.directory, entry), { recursive: true, force: true });
      }
    } finally {
      await lock.release();
    }
    await fs.rmdir(this.directory).catch(() => undefined); // someone else's file in it: leave it
  }

  /** @internal For a persistent store's init: opens the storage, and gives the store's part of the LevelDB. */
  async keyspace(storeName: string, changelog: ChangelogPartition | null): Promise<StoreKeyspace> {
    await this.open();
    let keyspace = this.keyspaces.get(storeName);
    if (keyspace === undefined) {
      const count = await this.readEntryCount(storeName);
      keyspace = this.keyspaces.get(storeName) ?? new StoreKeyspace(this.host, storeName, count);
      this.keyspaces.set(storeName, keyspace);
    }
    keyspace.attach(changelog);
    return keyspace;
  }

  // --- internals -------------------------------------------------------------------------------

  private async openNow(): Promise<void> {
    this.lock = await TaskDirectoryLock.acquire(this.directory, this.taskIdText);
    const db = new ClassicLevel<Buffer, Buffer>(this.directory, { keyEncoding: 'buffer', valueEncoding: 'buffer' });
    try {
      await db.open();
    } catch (err) {
      if (levelErrorCode(err) === 'LEVEL_LOCKED') {
        throw new LockError(
          `The LevelDB of task ${this.taskIdText} at ${this.directory} is open elsewhere in this process (${causeMessage(err)}): a task must be open on one thread at a time.`,
          { cause: err, context: { taskId: this.taskIdText, path: this.directory } },
        );
      }
      throw this.corrupted('its LevelDB could not be opened', err);
    }
    let checkpoint: Buffer | undefined;
    try {
      checkpoint = await db.get(CHECKPOINT_KEY);
      this.checkpointState = checkpoint === undefined ? TaskCheckpoint.EMPTY : TaskCheckpoint.decode(checkpoint);
    } catch (err) {
      await db.close().catch(() => undefined);
      throw this.corrupted('its checkpoint could not be read', err);
    }
    if (this.closed) {
      await db.close(); // closed while opening
      return;
    }
    this.db = db;
  }

  /**
   * The entry count LevelDB holds for a store; for a store without one, 0 when it has no entries
   * (it was never committed) and null when it has (restored since its last commit: to be counted).
   */
  private async readEntryCount(storeName: string): Promise<number | null> {
    const db = this.database();
    try {
      const count = await db.get(entryCountKey(storeName));
      if (count !== undefined) {
        const parsed = Number(count.toString('utf8'));
        if (Number.isSafeInteger(parsed) && parsed >= 0) return parsed;
      }
      const prefix = storeKeyPrefix(storeName);
      const keys = db.keys({ gte: prefix, lt: prefixUpperBound(prefix) as Buffer, limit: 1 });
      try {
        return (await keys.nextv(1)).length === 0 ? 0 : null;
      } finally {
        await keys.close();
      }
    } catch (err) {
      throw this.corrupted(`the entry count of store ${storeName} could not be read`, err, storeName);
    }
  }

  /** Closes the scans and the LevelDB, keeping the lock; returns how many scans were open. */
  private async closeDatabase(): Promise<number> {
    await this.opening?.catch(() => undefined);
    let unclosed = 0;
    for (const keyspace of this.keyspaces.values()) {
      unclosed += await keyspace.close();
      keyspace.discardPendingWrites();
    }
    this.pendingBytes = 0;
    const db = this.db;
    this.db = null;
    if (db !== null) {
      try {
        await db.close();
      } catch (err) {
        throw new ProcessorStateError(`Failed to close the LevelDB of task ${this.taskIdText} at ${this.directory}: ${causeMessage(err)}`, {
          cause: err,
          context: { taskId: this.taskIdText, path: this.directory },
        });
      }
    }
    return unclosed;
  }

  private database(): TaskLevelDb {
    if (this.db === null || this.closed) {
      throw new InvalidStateStoreError(`The state of task ${this.taskIdText} is not open (${this.directory}).`, {
        context: { taskId: this.taskIdText, path: this.directory },
      });
    }
    return this.db;
  }

  private async writeRestored(keyspace: StoreKeyspace, operations: LevelDbOperation[], restored: ChangelogOffset | null): Promise<void> {
    const db = this.database();
    this.assertNoBatchInFlight('restore');
    if (keyspace.hasPendingWrites()) {
      throw new IllegalStateError(
        `Store ${keyspace.storeName} of task ${this.taskIdText} has uncommitted writes and cannot be restored: restore runs before the task processes, or right after a commit.`,
        { context: { taskId: this.taskIdText, store: keyspace.storeName } },
      );
    }
    const next = restored === null ? this.checkpointState : this.checkpointState.advancedBy([restored], this.checkpointedChangelogs());
    if (!next.equals(this.checkpointState)) operations.push({ type: 'put', key: CHECKPOINT_KEY, value: next.encode() });
    this.batchInFlight = true;
    try {
      await this.writeBatch(db, operations, 'restore');
    } finally {
      this.batchInFlight = false;
    }
    this.checkpointState = next;
  }

  private async writeBatch(db: TaskLevelDb, operations: LevelDbOperation[], what: 'commit' | 'restore'): Promise<void> {
    try {
      await db.batch(operations);
    } catch (err) {
      throw new ProcessorStateError(
        `The ${what} of task ${this.taskIdText} failed to write to its LevelDB at ${this.directory}: ${causeMessage(err)}. ` +
          'Nothing of the batch was written; the data and checkpoint are as at the previous commit.',
        { cause: err, context: { taskId: this.taskIdText, path: this.directory } },
      );
    }
  }

  /** Which changelog partitions the checkpoint keeps: those of the persistent stores. */
  private checkpointedChangelogs(): (topic: string, partition: number) => boolean {
    const kept = new Set<string>();
    for (const keyspace of this.keyspaces.values()) {
      const changelog = keyspace.changelog;
      if (changelog !== null) kept.add(`${changelog.partition}\u0000${changelog.topic}`);
    }
    return (topic, partition) => kept.has(`${partition}\u0000${topic}`);
  }

  private pendingBytesChanged(deltaBytes: number): void {
    this.pendingBytes += deltaBytes;
    if (!this.commitNeededFlag && this.pendingBytes >= this.options.pendingWritesMaxBytes) {
      this.commitNeededFlag = true;
      this.commitNeededListener?.();
    }
  }

  private assertWritable(storeName: string): void {
    if (this.batchInFlight) {
      throw new IllegalStateError(
        `Store ${storeName} of task ${this.taskIdText} was written while the task's commit or restore was being written: wait for commit() before processing more records.`,
        { context: { taskId: this.taskIdText, store: storeName } },
      );
    }
  }

  private assertNoBatchInFlight(what: 'commit' | 'restore'): void {
    if (this.batchInFlight) {
      throw new IllegalStateError(`Task ${this.taskIdText} started a ${what} while another commit or restore was being written: one at a time.`, {
        context: { taskId: this.taskIdText },
      });
    }
  }

  private corrupted(what: string, cause: unknown, storeName?: string): TaskCorruptedError {
    return new TaskCorruptedError(
      `The local state of task ${this.taskIdText} at ${this.directory} is corrupted: ${what} (${causeMessage(cause)}). ` +
        `The task's state must be wiped and restored from its changelogs (the runtime does this; by hand: stop the instance and delete ${this.directory}).`,
      { cause, context: { taskId: this.taskIdText, path: this.directory, ...(storeName === undefined ? {} : { store: storeName }) } },
    );
  }

  private closedError(what: string): IllegalStateError {
    return new IllegalStateError(`Cannot ${what} the state of task ${this.taskIdText}: it was closed. Make a new TaskStorage.`, {
      context: { taskId: this.taskIdText, path: this.directory },
    });
  }
}

/** classic-level wraps LevelDB's failures: the code that says what happened may be on the cause. */
function levelErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'LEVEL_LOCKED' || code === 'LEVEL_CORRUPTION' || code === 'LEVEL_IO_ERROR') return code;
  }
  return undefined;
}

function causeMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
