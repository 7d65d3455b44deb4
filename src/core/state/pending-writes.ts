// One store's pending writes (design notes §6): every write since the task's last commit, what
// reads look at before LevelDB and what the commit writes to LevelDB in one batch. A write is a
// value or null (a delete), keyed by the latin1 string of the key bytes (see byte-order.ts).
//
// Writes are O(1) Map updates. The sorted index that scans need is built only when a scan asks
// for it, from the keys added since it was last brought up to date: a task that never scans never
// sorts, and a commit starts a fresh PendingWrites rather than clearing this one, so a scan opened
// before the commit keeps the writes it was merging.
import { SortedKeySet, type KeyBounds, type SortedKeyCursor } from './sorted-key-set';

export interface PendingWrite {
  readonly key: Buffer;
  /** The value written last; null: deleted. */
  value: Buffer | null;
  /**
   * Whether LevelDB held the key when it was first written here (for the store's entry count);
   * undefined until someone needed to know.
   */
  existed: boolean | undefined;
}

/** A rough heap cost of one pending write beyond its bytes: the Map slot, the entry, the string header. */
const WRITE_OVERHEAD_BYTES = 96;

export class PendingWrites {
  private readonly writes = new Map<string, PendingWrite>();
  private readonly index = new SortedKeySet();
  private unindexed: string[] = [];

  get size(): number {
    return this.writes.size;
  }

  get(mapKey: string): PendingWrite | undefined {
    return this.writes.get(mapKey);
  }

  /**
   * Records a write of `value` (null: delete) to `key`, whose latin1 string is `mapKey`; `existed`
   * is used only when the key had no pending write yet. Returns the change in estimated bytes.
   */
  put(mapKey: string, key: Buffer, value: Buffer | null, existed: boolean | undefined): number {
    const write = this.writes.get(mapKey);
    if (write !== undefined) {
      const delta = (value?.length ?? 0) - (write.value?.length ?? 0);
      write.value = value;
      return delta;
    }
    this.writes.set(mapKey, { key, value, existed });
    this.unindexed.push(mapKey);
    // The key is held twice: as the Buffer and as its latin1 string.
    return WRITE_OVERHEAD_BYTES + 2 * key.length + (value?.length ?? 0);
  }

  values(): IterableIterator<PendingWrite> {
    return this.writes.values();
  }

  /** A scan of the pending keys within `bounds` that sees keys written after it was opened. */
  cursor(bounds: KeyBounds, descending: boolean): PendingWritesCursor {
    return new PendingWritesCursor(this, this.indexed().cursor(bounds, descending));
  }

  /** @internal The index with every key written so far. */
  indexed(): SortedKeySet {
    if (this.unindexed.length > 0) {
      // Sorted first: added in order, keys go to the end of the index's last chunk (no splicing)
      // when the index was empty, the usual case for the first scan after a commit.
      const added = this.unindexed.sort();
      this.unindexed = [];
      for (const mapKey of added) this.index.add(mapKey);
    }
    return this.index;
  }
}

export class PendingWritesCursor {
  constructor(
    private readonly pending: PendingWrites,
    private readonly keys: SortedKeyCursor,
  ) {}

  /** The next pending write of the scan (deletes included), or null at its end. */
  next(): PendingWrite | null {
    this.pending.indexed();
    const mapKey = this.keys.next();
    return mapKey === null ? null : (this.pending.get(mapKey) ?? null);
  }
}
