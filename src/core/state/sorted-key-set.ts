// An ordered set of keys (latin1 strings of the key bytes, see byte-order.ts) for range scans of
// the in-memory structures: the in-memory store and the record cache keep their entries in a Map
// (O(1) point reads and writes) and only new and removed keys touch this set.
//
// It is a list of sorted chunks of at most 2 * CHUNK_LOAD keys (the layout of Python's
// sortedcontainers): adding or removing a key is a binary search plus a splice within one chunk,
// O(log n + CHUNK_LOAD); finding the key after another is O(log n). Scans do not hold positions:
// each step asks for the key after the last one returned, so keys added or removed during a scan
// are seen or skipped as the set is at that step, and nothing can go stale.

const CHUNK_LOAD = 512;

export interface KeyBounds {
  /** Lowest key, inclusive; null: from the first key. */
  readonly from: string | null;
  /** Highest key; null: to the last key. */
  readonly to: string | null;
  readonly toInclusive: boolean;
}

export class SortedKeySet {
  private chunks: string[][] = [];
  /** The last (largest) key of each chunk. */
  private maxes: string[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds `key`; false when it was there already. */
  add(key: string): boolean {
    if (this.chunks.length === 0) {
      this.chunks.push([key]);
      this.maxes.push(key);
      this.count = 1;
      return true;
    }
    let c = lowerBound(this.maxes, key);
    let chunk: string[];
    if (c === this.chunks.length) {
      c -= 1;
      chunk = this.chunks[c];
      chunk.push(key);
      this.maxes[c] = key;
    } else {
      chunk = this.chunks[c];
      const i = lowerBound(chunk, key);
      if (chunk[i] === key) return false;
      chunk.splice(i, 0, key);
    }
    this.count += 1;
    if (chunk.length > 2 * CHUNK_LOAD) {
      const upper = chunk.splice(CHUNK_LOAD);
      this.chunks.splice(c + 1, 0, upper);
      this.maxes.splice(c, 1, chunk[chunk.length - 1], upper[upper.length - 1]);
    }
    return true;
  }

  /** Removes `key`; false when it was not there. */
  delete(key: string): boolean {
    const c = lowerBound(this.maxes, key);
    if (c === this.chunks.length) return false;
    const chunk = this.chunks[c];
    const i = lowerBound(chunk, key);
    if (chunk[i] !== key) return false;
    chunk.splice(i, 1);
    this.count -= 1;
    if (chunk.length === 0) {
      this.chunks.splice(c, 1);
      this.maxes.splice(c, 1);
    } else {
      this.maxes[c] = chunk[chunk.length - 1];
    }
    return true;
  }

  clear(): void {
    this.chunks = [];
    this.maxes = [];
    this.count = 0;
  }

  /** The smallest key after `key` (at or after it when `inclusive`); `key` null: the first key. */
  higher(key: string | null, inclusive: boolean): string | null {
    if (this.count === 0) return null;
    if (key === null) return this.chunks[0][0];
    const c = inclusive ? lowerBound(this.maxes, key) : upperBound(this.maxes, key);
    if (c === this.chunks.length) return null;
    const chunk = this.chunks[c];
    return chunk[inclusive ? lowerBound(chunk, key) : upperBound(chunk, key)];
  }

  /** The largest key before `key` (at or before it when `inclusive`); `key` null: the last key. */
  lower(key: string | null, inclusive: boolean): string | null {
    if (this.count === 0) return null;
    if (key === null) return this.maxes[this.maxes.length - 1];
    // The first chunk that may hold keys at or after `key`: every chunk before it is all below `key`.
    const c = lowerBound(this.maxes, key);
    if (c < this.chunks.length) {
      const chunk = this.chunks[c];
      const i = (inclusive ? upperBound(chunk, key) : lowerBound(chunk, key)) - 1;
      if (i >= 0) return chunk[i];
    }
    return c > 0 ? this.maxes[c - 1] : null;
  }

  /** A scan of the keys within `bounds`, ascending or descending, that follows later changes. */
  cursor(bounds: KeyBounds, descending: boolean): SortedKeyCursor {
    return new SortedKeyCursor(this, bounds, descending);
  }
}

export class SortedKeyCursor {
  private last: string | null = null;
  private started = false;
  private done = false;

  constructor(
    private readonly set: SortedKeySet,
    private readonly bounds: KeyBounds,
    private readonly descending: boolean,
  ) {}

  /** The next key in the scan, or null at its end (and from then on). */
  next(): string | null {
    if (this.done) return null;
    const key = this.descending ? this.nextDescending() : this.nextAscending();
    this.started = true;
    if (key === null) this.done = true;
    else this.last = key;
    return key;
  }

  private nextAscending(): string | null {
    const { from, to, toInclusive } = this.bounds;
    const key = this.started ? this.set.higher(this.last, false) : this.set.higher(from, true);
    if (key === null || to === null) return key;
    return key < to || (toInclusive && key === to) ? key : null;
  }

  private nextDescending(): string | null {
    const { from, to, toInclusive } = this.bounds;
    const key = this.started ? this.set.lower(this.last, false) : this.set.lower(to, toInclusive);
    if (key === null || from === null) return key;
    return key >= from ? key : null;
  }
}

/** The first index whose element is >= `key` (sorted.length when none). */
function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index whose element is > `key` (sorted.length when none). */
function upperBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] <= key) low = mid + 1;
    else high = mid;
  }
  return low;
}
