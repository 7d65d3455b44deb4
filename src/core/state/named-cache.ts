// One store's part of a task's record cache (Java's NamedCache): entries by key, in LRU order for
// eviction, in key order for scans, and the dirty ones (written since the last flush) in the order
// they were last written, which is the order a flush sends them down.
//
// Java quirk kept on purpose: evicting one dirty entry flushes every dirty entry of the store (the
// evicted one first), not just the evicted one. Downstream sees the same records and changelog
// either way, but the timing of forwards under memory pressure matches Java's.
import { IllegalStateError } from '../../errors';
import type { ProcessorRecordContext } from '../processor/processor-record-context';
import { RecordHeaders } from '../processor/record-headers';
import type { KeyBounds, SortedKeyCursor } from './sorted-key-set';
import { SortedKeySet } from './sorted-key-set';

/** What the cache remembers of a write: the value (null: a delete) and the record it came from. */
export interface CacheEntry {
  readonly value: Buffer | null;
  readonly context: ProcessorRecordContext;
  /** True until the entry has been flushed to the store below. */
  dirty: boolean;
}

/** A written entry on its way down to the store below, with the record context it was written in. */
export interface DirtyEntry {
  readonly key: Buffer;
  readonly newValue: Buffer | null;
  readonly context: ProcessorRecordContext;
}

export type DirtyEntryFlushListener = (entries: DirtyEntry[]) => void;

/** What a NamedCache tells the cache it belongs to (the TaskCache), which keeps the byte bound. */
export interface CacheBudget {
  sizeChanged(deltaBytes: number): void;
  maybeEvict(cache: NamedCache): void;
}

/** The context of clean entries (read from the store, never flushed), like Java's LRUCacheEntry(value). */
export const CLEAN_ENTRY_CONTEXT: ProcessorRecordContext = Object.freeze({
  timestamp: -1,
  topic: null,
  partition: -1,
  offset: -1,
  headers: new RecordHeaders(),
});

// Java's per-entry estimate, so that statestore.cache.max.bytes holds about as many entries here:
// LRUNode (entry, previous, next references: 3 x 8) + dirty flag (1) + timestamp (8) + offset (8) +
// partition (4), plus key, value, topic and header sizes.
const ENTRY_OVERHEAD_BYTES = 3 * 8 + 1 + 8 + 8 + 4;

class LruNode {
  previous: LruNode | null = null;
  next: LruNode | null = null;
  sizeBytes: number;

  constructor(
    readonly key: Buffer,
    readonly mapKey: string,
    public entry: CacheEntry,
  ) {
    this.sizeBytes = entrySizeBytes(key, entry);
  }

  update(entry: CacheEntry): void {
    this.entry = entry;
    this.sizeBytes = entrySizeBytes(this.key, entry);
  }
}

export class NamedCache {
  private readonly nodes = new Map<string, LruNode>();
  private readonly keys = new SortedKeySet();
  /** Insertion-ordered: a re-written key is removed and added again, so it moves to the end. */
  private readonly dirtyKeys = new Set<string>();
  /** Most recently used. */
  private head: LruNode | null = null;
  /** Least recently used: the next to evict. */
  private tail: LruNode | null = null;
  private currentSizeBytes = 0;

  constructor(
    readonly name: string,
    private readonly budget: CacheBudget,
    private listener: DirtyEntryFlushListener,
  ) {}

  setListener(listener: DirtyEntryFlushListener): void {
    this.listener = listener;
  }

  sizeBytes(): number {
    return this.currentSizeBytes;
  }

  size(): number {
    return this.nodes.size;
  }

  isEmpty(): boolean {
    return this.nodes.size === 0;
  }

  /** The cached entry of `mapKey`, marked most recently used; undefined on a miss. */
  get(mapKey: string): CacheEntry | undefined {
    const node = this.nodes.get(mapKey);
    if (node === undefined) return undefined;
    this.moveToHead(node);
    return node.entry;
  }

  /** Caches `entry` (dirty: a write; clean: a read from the store), then evicts while the task's cache is over its bound. */
  put(key: Buffer, mapKey: string, entry: CacheEntry): void {
    if (!entry.dirty && this.dirtyKeys.has(mapKey)) {
      throw new IllegalStateError(
        `Attempting to put a clean entry into cache ${this.name} over a dirty entry for the same key: a bug in the caching layer.`,
        { context: { store: this.name } },
      );
    }
    let node = this.nodes.get(mapKey);
    if (node !== undefined) {
      this.resize(-node.sizeBytes);
      node.update(entry);
      this.moveToHead(node);
    } else {
      node = new LruNode(key, mapKey, entry);
      this.nodes.set(mapKey, node);
      this.keys.add(mapKey);
      this.linkAtHead(node);
    }
    this.resize(node.sizeBytes);
    if (entry.dirty) {
      this.dirtyKeys.delete(mapKey);
      this.dirtyKeys.add(mapKey);
    }
    this.budget.maybeEvict(this);
  }

  /** Sends every dirty entry to the listener, in the order they were written, and marks them clean. */
  flush(): void {
    this.flushWith(null);
  }

  /** Drops the least recently used entry; a dirty one is flushed first (with all other dirty entries). */
  evict(): void {
    const eldest = this.tail;
    if (eldest === null) return;
    this.remove(eldest);
    if (eldest.entry.dirty) this.flushWith(eldest);
  }

  /** The entries within `bounds` (deletes included, as null values), following later changes. */
  scan(bounds: KeyBounds, descending: boolean): NamedCacheIterator {
    return new NamedCacheIterator(this.keys.cursor(bounds, descending), this);
  }

  /** Drops every entry without flushing (their writes are discarded). */
  clear(): void {
    this.nodes.clear();
    this.keys.clear();
    this.dirtyKeys.clear();
    this.head = this.tail = null;
    this.resize(-this.currentSizeBytes);
  }

  /** For scans: the node of `mapKey`, marked most recently used, as Java's cache iterator does. */
  node(mapKey: string): { readonly key: Buffer; readonly entry: CacheEntry } | undefined {
    const node = this.nodes.get(mapKey);
    if (node !== undefined) this.moveToHead(node);
    return node;
  }

  private flushWith(evicted: LruNode | null): void {
    if (this.dirtyKeys.size === 0 && evicted === null) return;
    const entries: DirtyEntry[] = [];
    const deleted: LruNode[] = [];
    if (evicted !== null) {
      entries.push({ key: evicted.key, newValue: evicted.entry.value, context: evicted.entry.context });
      this.dirtyKeys.delete(evicted.mapKey);
    }
    for (const mapKey of this.dirtyKeys) {
      const node = this.nodes.get(mapKey);
      if (node === undefined) {
        throw new IllegalStateError(`Key found in the dirty key set of cache ${this.name}, but its entry is missing: a bug in the record cache.`, {
          context: { store: this.name },
        });
      }
      entries.push({ key: node.key, newValue: node.entry.value, context: node.entry.context });
      node.entry.dirty = false;
      if (node.entry.value === null) deleted.push(node);
    }
    // Cleared before the listener runs: it forwards downstream, and downstream may write here again.
    this.dirtyKeys.clear();
    this.listener(entries);
    for (const node of deleted) {
      // A flushed delete need not stay cached, unless the listener wrote the key again meanwhile.
      if (this.nodes.get(node.mapKey) === node && !node.entry.dirty && node.entry.value === null) this.remove(node);
    }
  }

  private remove(node: LruNode): void {
    this.unlink(node);
    this.nodes.delete(node.mapKey);
    this.keys.delete(node.mapKey);
    this.dirtyKeys.delete(node.mapKey);
    this.resize(-node.sizeBytes);
  }

  private resize(deltaBytes: number): void {
    this.currentSizeBytes += deltaBytes;
    this.budget.sizeChanged(deltaBytes);
  }

  private moveToHead(node: LruNode): void {
    if (this.head === node) return;
    this.unlink(node);
    this.linkAtHead(node);
  }

  private linkAtHead(node: LruNode): void {
    node.previous = null;
    node.next = this.head;
    if (this.head !== null) this.head.previous = node;
    this.head = node;
    if (this.tail === null) this.tail = node;
  }

  private unlink(node: LruNode): void {
    if (node.previous !== null) node.previous.next = node.next;
    else this.head = node.next;
    if (node.next !== null) node.next.previous = node.previous;
    else this.tail = node.previous;
    node.previous = node.next = null;
  }
}

/** A synchronous scan over a NamedCache, skipping keys that left the cache after it started. */
export class NamedCacheIterator {
  private peeked: { readonly key: Buffer; readonly entry: CacheEntry } | null | undefined = undefined;

  constructor(
    private readonly cursor: SortedKeyCursor,
    private readonly cache: NamedCache,
  ) {}

  peek(): { readonly key: Buffer; readonly value: Buffer | null } | null {
    if (this.peeked === undefined) this.peeked = this.fetch();
    return this.peeked === null ? null : { key: this.peeked.key, value: this.peeked.entry.value };
  }

  next(): void {
    if (this.peeked === undefined) this.fetch();
    this.peeked = undefined;
  }

  private fetch(): { readonly key: Buffer; readonly entry: CacheEntry } | null {
    for (let mapKey = this.cursor.next(); mapKey !== null; mapKey = this.cursor.next()) {
      const node = this.cache.node(mapKey);
      if (node !== undefined) return node;
    }
    return null;
  }
}

function entrySizeBytes(key: Buffer, entry: CacheEntry): number {
  let size = ENTRY_OVERHEAD_BYTES + key.length + (entry.value?.length ?? 0) + (entry.context.topic?.length ?? 0);
  for (const header of entry.context.headers) size += header.key.length + (header.value?.length ?? 0);
  return size;
}
