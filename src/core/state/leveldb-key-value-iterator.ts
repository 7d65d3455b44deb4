// A scan of one store of a task's LevelDB: the store's committed entries, read from a LevelDB
// iterator in growing batches, merged with the store's pending writes (a pending write replaces
// the committed value of its key; a pending delete hides it).
//
// What a scan sees: LevelDB as it was when the scan was opened (LevelDB iterators read a
// snapshot), and the pending writes as they are when the scan reaches each key: a key written
// after the scan opened is seen if the scan has not yet looked past it. A commit while the scan is
// open does not disturb it: the scan keeps the pending writes it was merging, which the commit
// moved to LevelDB behind its snapshot.
import type { KeyValue } from '../key-value';
import type { PendingWrite, PendingWritesCursor } from './pending-writes';
import { PeekingKeyValueIterator } from './peeking-key-value-iterator';

/** The part of a classic-level iterator a scan uses (entries as [key, value] with the store prefix). */
export interface LevelDbEntrySource {
  nextv(size: number): Promise<Array<[Buffer, Buffer]>>;
  close(): Promise<void>;
}

export interface LevelDbScanHooks {
  /** The scan released its LevelDB iterator (closed, ended or failed). */
  released(scan: LevelDbKeyValueIterator): void;
  /** What a failed LevelDB read becomes (the task's corruption). */
  readFailed(cause: unknown): Error;
}

// One entry first (a scan often wants just the first key), then larger batches: each nextv is one
// round trip to LevelDB's thread pool.
const FIRST_BATCH_SIZE = 1;
const BATCH_GROWTH = 16;
const MAX_BATCH_SIZE = 1024;

export class LevelDbKeyValueIterator extends PeekingKeyValueIterator<Buffer, Buffer> {
  private batch: Array<[Buffer, Buffer]> = [];
  private position = 0;
  private committedDone = false;
  private nextBatchSize = FIRST_BATCH_SIZE;
  /** The pending write the merge looks at next; undefined: not fetched yet. */
  private pendingHead: PendingWrite | null | undefined = undefined;

  constructor(
    storeName: string,
    private readonly committed: LevelDbEntrySource,
    private readonly pending: PendingWritesCursor,
    private readonly prefixLength: number,
    private readonly descending: boolean,
    private readonly hooks: LevelDbScanHooks,
  ) {
    super(storeName);
  }

  protected fetch(): KeyValue<Buffer, Buffer> | null | Promise<KeyValue<Buffer, Buffer> | null> {
    for (;;) {
      if (this.position === this.batch.length && !this.committedDone) return this.refill().then(() => this.fetch());
      const entry = this.position < this.batch.length ? this.batch[this.position] : null;
      if (this.pendingHead === undefined) this.pendingHead = this.pending.next();
      const write = this.pendingHead;
      if (write === null) {
        if (entry === null) return null;
        this.position += 1;
        return { key: entry[0].subarray(this.prefixLength), value: entry[1] };
      }
      if (entry !== null) {
        // The committed key without its store prefix, against the pending key.
        const order = entry[0].compare(write.key, 0, write.key.length, this.prefixLength);
        if (this.descending ? order > 0 : order < 0) {
          this.position += 1;
          return { key: entry[0].subarray(this.prefixLength), value: entry[1] };
        }
        if (order === 0) this.position += 1; // the pending write replaces it
      }
      this.pendingHead = undefined;
      // Read now, not when it was fetched: a later write to the key changed it in place.
      if (write.value !== null) return { key: write.key, value: write.value };
    }
  }

  protected override async release(): Promise<void> {
    try {
      await this.committed.close();
    } finally {
      this.batch = [];
      this.committedDone = true; // a fetch still in flight must not read the closed iterator again
      this.hooks.released(this);
    }
  }

  private async refill(): Promise<void> {
    let entries: Array<[Buffer, Buffer]>;
    try {
      entries = await this.committed.nextv(this.nextBatchSize);
    } catch (err) {
      throw this.hooks.readFailed(err);
    }
    this.nextBatchSize = Math.min(MAX_BATCH_SIZE, this.nextBatchSize * BATCH_GROWTH);
    // nextv may return fewer entries than asked for (a byte limit) without being at the end.
    if (entries.length === 0) this.committedDone = true;
    this.batch = entries;
    this.position = 0;
  }
}
