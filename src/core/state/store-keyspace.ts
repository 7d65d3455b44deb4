// One store's part of its task's LevelDB (see leveldb-key-layout.ts): its pending writes over its
// committed entries. Point reads look at the pending writes, then read LevelDB synchronously
// (`getSync`), so `get` stays synchronous as Java's is; scans merge the two. The TaskStorage that
// owns the keyspace commits its pending writes, restores into it, and closes it.
//
// The entry count (approximateNumEntries) is exact as long as the store knows, for every key it
// writes, whether LevelDB had it: from a read just before the write (the usual get-then-put), or
// from an earlier write since the commit; a commit of a few writes looks the others up. Other blind
// writes (a caching layer flushing thousands of keys it read long ago, restored records) are not
// looked up, which would cost a LevelDB read per write and hold up the commit: the count becomes an
// estimate (a blind put counts as an overwrite, a blind delete as a removal) and a recount, a
// key-only scan in the background, makes it exact again. Recounts run when the blind writes since
// the last exact count reach the count itself (or 4096), so their cost per write stays constant and
// the estimate stays within a factor of two; a count request recounts a small store at once. Only
// exact counts are written to LevelDB.
import type { ClassicLevel } from 'classic-level';
import { InvalidStateStoreError } from '../../errors';
import { latin1Key, prefixUpperBound } from './byte-order';
import type { KeyValueIterator } from './key-value-iterator';
import { LevelDbKeyValueIterator } from './leveldb-key-value-iterator';
import { entryCountKey, storeKeyPrefix } from './leveldb-key-layout';
import { PendingWrites } from './pending-writes';
import type { ChangelogRecord } from './state-store';
import type { ChangelogOffset } from './task-checkpoint';

export type TaskLevelDb = ClassicLevel<Buffer, Buffer>;

export type LevelDbOperation = { type: 'put'; key: Buffer; value: Buffer } | { type: 'del'; key: Buffer };

/** The changelog partition a store writes to. */
export interface ChangelogPartition {
  readonly topic: string;
  readonly partition: number;
}

/** What a keyspace needs from the TaskStorage that owns it. */
export interface KeyspaceHost {
  /** The open database; throws when it is not open. */
  database(): TaskLevelDb;
  /** Throws unless writes are allowed now (the storage is open and no commit is in flight). */
  assertWritable(storeName: string): void;
  /** Whether a commit or restore batch is being written. */
  writing(): boolean;
  pendingBytesChanged(deltaBytes: number): void;
  /** What a failed LevelDB read becomes: the task's corruption, naming the store and the path. */
  readFailed(cause: unknown, storeName: string): Error;
  /** Writes restored records as one batch, advancing the checkpoint of `restored` with them. */
  writeRestored(keyspace: StoreKeyspace, operations: LevelDbOperation[], restored: ChangelogOffset | null): Promise<void>;
}

const RECOUNT_BATCH_SIZE = 1024;
/** A commit of at most this many writes to a store looks up the keys whose presence is unknown. */
const LOOKED_UP_AT_COMMIT = 1000;
/** Up to this many entries, a count request recounts an estimated count at once. */
const SMALL_STORE_ENTRIES = 4096;
/**
 * The blind writes of a store whose count is not known at all (opened without one): more than any
 * store holds, and small enough that writes added to it during a recount stay exact.
 */
const UNKNOWN_COUNT = 2 ** 40;

export class StoreKeyspace {
  readonly prefix: Buffer;
  readonly countKey: Buffer;
  private readonly upperBound: Buffer;
  /** The store prefix followed by the key of the last point read: LevelDB reads it synchronously, so one buffer serves every read. */
  private readKey: Buffer;
  private pending = new PendingWrites();
  private readonly scans = new Set<LevelDbKeyValueIterator>();
  /** The entries LevelDB holds for the store: exact when `blindWrites` is 0, else an estimate. */
  private committedCount: number;
  /** Writes that reached LevelDB since the last exact count without anyone knowing whether their key was there. */
  private blindWrites: number;
  /** The count LevelDB holds under `countKey` (null: none, because the count is not exact). */
  private persistedCount: number | null;
  /** What the commit being written changes: the count, and by how many blind writes. */
  private committing = { countDelta: 0, blindWrites: 0 };
  private recount: Promise<void> | null = null;
  private restores = 0;
  private lastReadKey: string | null = null;
  private lastReadFound = false;
  private changelogPartition: ChangelogPartition | null = null;
  private closed = false;

  constructor(
    private readonly host: KeyspaceHost,
    readonly storeName: string,
    persistedCount: number | null,
  ) {
    this.prefix = storeKeyPrefix(storeName);
    this.countKey = entryCountKey(storeName);
    // A prefix ends with a byte of UTF-8, which is never 0xff, so it has an upper bound.
    this.upperBound = prefixUpperBound(this.prefix) as Buffer;
    this.readKey = Buffer.alloc(this.prefix.length + 64);
    this.prefix.copy(this.readKey);
    this.persistedCount = persistedCount;
    this.committedCount = persistedCount ?? 0;
    this.blindWrites = persistedCount === null ? UNKNOWN_COUNT : 0;
  }

  /** The changelog partition whose offsets the task checkpoints for this store; null: not logged. */
  get changelog(): ChangelogPartition | null {
    return this.changelogPartition;
  }

  /** (Re)opens the keyspace for a store instance, after `init` found its changelog. */
  attach(changelog: ChangelogPartition | null): void {
    this.changelogPartition = changelog;
    this.closed = false;
    this.maybeRecount(this.blindWrites >= UNKNOWN_COUNT);
  }

  isOpen(): boolean {
    return !this.closed;
  }

  get(key: Buffer): Buffer | null {
    this.assertOpen();
    const mapKey = latin1Key(key);
    const write = this.pending.get(mapKey);
    if (write !== undefined) return write.value;
    const value = this.readCommitted(key);
    this.lastReadKey = mapKey;
    this.lastReadFound = value !== null;
    return value;
  }

  put(key: Buffer, value: Buffer | null): void {
    this.assertOpen();
    this.host.assertWritable(this.storeName);
    const mapKey = latin1Key(key);
    const existed = mapKey === this.lastReadKey ? this.lastReadFound : undefined;
    this.host.pendingBytesChanged(this.pending.put(mapKey, key, value, existed));
  }

  /** Keys from `from` to `to` (inclusive when `toInclusive`), a null bound open. */
  scan(from: Buffer | null, to: Buffer | null, toInclusive: boolean, descending: boolean): KeyValueIterator<Buffer, Buffer> {
    this.assertOpen();
    const db = this.host.database();
    const lower = from === null ? this.prefix : Buffer.concat([this.prefix, from]);
    const upper = to === null ? this.upperBound : Buffer.concat([this.prefix, to]);
    const inclusiveUpper = to !== null && toInclusive;
    let committed;
    try {
      committed = inclusiveUpper ? db.iterator({ gte: lower, lte: upper, reverse: descending }) : db.iterator({ gte: lower, lt: upper, reverse: descending });
    } catch (err) {
      throw this.host.readFailed(err, this.storeName);
    }
    const bounds = { from: from === null ? null : latin1Key(from), to: to === null ? null : latin1Key(to), toInclusive };
    const scan = new LevelDbKeyValueIterator(this.storeName, committed, this.pending.cursor(bounds, descending), this.prefix.length, descending, {
      released: (released) => this.scans.delete(released),
      readFailed: (cause) => this.host.readFailed(cause, this.storeName),
    });
    this.scans.add(scan);
    return scan;
  }

  approximateNumEntries(): number {
    this.assertOpen();
    this.maybeRecount(this.committedCount <= SMALL_STORE_ENTRIES);
    return Math.max(0, this.countAfterPendingWrites());
  }

  /** Applies changelog records straight to LevelDB, in one batch with the checkpoint of the last one. */
  restore(records: readonly ChangelogRecord[]): Promise<void> {
    this.assertOpen();
    if (records.length === 0) return Promise.resolve();
    const operations: LevelDbOperation[] = new Array(records.length + 1);
    let countDelta = 0;
    for (let i = 0; i < records.length; i++) {
      const { key, value } = records[i];
      // Copies (dbKey does): restored records may be views into a whole fetched batch.
      if (value === null) {
        operations[i] = { type: 'del', key: this.dbKey(key) };
        countDelta -= 1;
      } else {
        operations[i] = { type: 'put', key: this.dbKey(key), value: Buffer.from(value) };
        countDelta += 1;
      }
    }
    // Written blind: a key restored twice counts twice, until a recount.
    operations[records.length] = { type: 'del', key: this.countKey };
    const blindWrites = records.length;
    const lastOffset = records[records.length - 1].offset;
    const restored = this.changelogPartition === null || lastOffset === undefined ? null : { ...this.changelogPartition, offset: lastOffset };
    return this.host.writeRestored(this, operations, restored).then(() => {
      this.committedCount = Math.max(0, this.committedCount + countDelta);
      this.blindWrites += blindWrites;
      this.persistedCount = null;
      this.restores += 1;
      this.lastReadKey = null;
    });
  }

  /** Closes the scans still open; returns how many there were. */
  async close(): Promise<number> {
    this.closed = true;
    const open = [...this.scans];
    await Promise.all(open.map((scan) => scan.close()));
    return open.length;
  }

  // --- for the owning TaskStorage ------------------------------------------------------------

  /** @internal */
  hasPendingWrites(): boolean {
    return this.pending.size > 0;
  }

  /** @internal Appends the LevelDB operations of the pending writes, with the count's. */
  commitOperations(operations: LevelDbOperation[]): void {
    let countDelta = 0;
    let blindWrites = 0;
    const lookUp = this.pending.size <= LOOKED_UP_AT_COMMIT;
    for (const write of this.pending.values()) {
      if (lookUp && write.existed === undefined) write.existed = this.readCommitted(write.key) !== null;
      const dbKey = this.dbKey(write.key);
      if (write.value === null) {
        operations.push({ type: 'del', key: dbKey });
        if (write.existed !== false) countDelta -= 1;
      } else {
        operations.push({ type: 'put', key: dbKey, value: write.value });
        if (write.existed === false) countDelta += 1;
      }
      if (write.existed === undefined) blindWrites += 1;
    }
    this.committing = { countDelta, blindWrites };
    if (this.blindWrites + blindWrites === 0) {
      const count = this.committedCount + countDelta;
      if (count !== this.persistedCount) operations.push({ type: 'put', key: this.countKey, value: Buffer.from(String(count)) });
    } else if (this.persistedCount !== null) {
      operations.push({ type: 'del', key: this.countKey }); // no longer exact
    }
  }

  /** @internal The commit wrote what commitOperations gave it. */
  committed(): void {
    this.committedCount = Math.max(0, this.committedCount + this.committing.countDelta);
    this.blindWrites += this.committing.blindWrites;
    this.persistedCount = this.blindWrites === 0 ? this.committedCount : null;
    this.committing = { countDelta: 0, blindWrites: 0 };
    this.pending = new PendingWrites(); // open scans keep the old ones: see leveldb-key-value-iterator.ts
    this.lastReadKey = null;
    this.maybeRecount(false);
  }

  /** @internal Drops the pending writes (an aborted transaction, a dirty close). */
  discardPendingWrites(): void {
    this.pending = new PendingWrites();
    this.lastReadKey = null;
  }

  // --- internals -----------------------------------------------------------------------------

  private countAfterPendingWrites(): number {
    let count = this.committedCount;
    for (const write of this.pending.values()) {
      if (write.existed === undefined) write.existed = this.readCommitted(write.key) !== null;
      count += (write.value === null ? 0 : 1) - (write.existed ? 1 : 0);
    }
    return count;
  }

  private readCommitted(key: Buffer): Buffer | null {
    const length = this.prefix.length + key.length;
    if (this.readKey.length < length) {
      this.readKey = Buffer.alloc(Math.max(length, 2 * this.readKey.length));
      this.prefix.copy(this.readKey);
    }
    key.copy(this.readKey, this.prefix.length);
    try {
      return this.host.database().getSync(this.readKey.subarray(0, length)) ?? null;
    } catch (err) {
      throw this.host.readFailed(err, this.storeName);
    }
  }

  private dbKey(key: Buffer): Buffer {
    const dbKey = Buffer.allocUnsafe(this.prefix.length + key.length);
    this.prefix.copy(dbKey);
    key.copy(dbKey, this.prefix.length);
    return dbKey;
  }

  /** Starts a recount if the count is an estimate and, unless `eager`, a recount is due. */
  private maybeRecount(eager: boolean): void {
    if (this.blindWrites === 0 || this.recount !== null || this.closed) return;
    if (!eager && this.blindWrites < Math.max(SMALL_STORE_ENTRIES, this.committedCount)) return;
    // Not while a batch is in flight: it might land on either side of the recount's snapshot.
    if (this.host.writing()) return;
    this.recount = this.recountCommitted()
      .catch(() => undefined) // a read failure here shows up in the task's own reads
      .finally(() => (this.recount = null));
  }

  /** Counts the store's keys in LevelDB, then takes that as the count (unless a restore came in between). */
  private async recountCommitted(): Promise<void> {
    const restores = this.restores;
    const before = this.committedCount;
    const blindBefore = this.blindWrites;
    const keys = this.host.database().keys({ gte: this.prefix, lt: this.upperBound });
    let counted = 0;
    try {
      for (;;) {
        const batch = await keys.nextv(RECOUNT_BATCH_SIZE);
        if (batch.length === 0) break;
        counted += batch.length;
      }
    } finally {
      await keys.close();
    }
    if (restores !== this.restores) return; // a restore came in between: still an estimate
    // Commits during the count moved the count by what they wrote after the count's snapshot, and
    // added their own blind writes.
    this.committedCount = Math.max(0, counted + (this.committedCount - before));
    this.blindWrites -= blindBefore;
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidStateStoreError(`Store ${this.storeName} is currently closed.`, { context: { store: this.storeName } });
  }
}
