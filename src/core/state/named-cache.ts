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
import type { MemoValue, ValueMemoCodec } from './value-memo';

/** What the cache remembers of a write: the value (null: a delete) and the record it came from. */
export interface CacheEntry {
  /** The bytes (made from the memo on first use when the entry was written with one). */
  readonly value: Buffer | null;
  /** The deserialized value, for an entry written through `putMemo`; undefined otherwise. */
  readonly memo: MemoValue | undefined;
  /** The codec of `memo` (null without a memo): a reader uses the memo only when it is its own. */
  readonly codec: ValueMemoCodec | null;
  readonly context: ProcessorRecordContext;
  /** True until the entry has been flushed to the store below. */
  readonly dirty: boolean;
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

// A node is its key's entry (get hands it out as the CacheEntry) and a link in two lists: the LRU
// order and the dirty order. Writes update it in place, so a hit allocates nothing and moves a node
// by relinking a few pointers, with no hashing beyond the one Map lookup. (Append-only logs with
// lazy deletion, which touch no neighbours, measured ~30% slower on a 10 000-entry cache.)
// A node written with a memo (see value-memo.ts) keeps the value and makes its bytes on first use.
class LruNode implements CacheEntry {
  previous: LruNode | null = null;
  next: LruNode | null = null;
  /** Dirty list links (written since the last flush, oldest write first); null when clean or at an end. */
  dirtyPrevious: LruNode | null = null;
  dirtyNext: LruNode | null = null;
  dirty = false;
  /** Overhead and key bytes: the part of the size estimate that never changes. */
  readonly fixedBytes: number;
  sizeBytes: number;
  /** The value's bytes; null for a delete, or while a memo's bytes are not made yet (codec set). */
  bytes: Buffer | null;
  memo: MemoValue | undefined = undefined;
  codec: ValueMemoCodec | null = null;

  constructor(
    readonly key: Buffer,
    readonly mapKey: string,
    value: Buffer | null,
    public context: ProcessorRecordContext,
  ) {
    this.bytes = value;
    this.fixedBytes = ENTRY_OVERHEAD_BYTES + key.length;
    this.sizeBytes = this.fixedBytes + variableSizeBytes(value === null ? 0 : value.length, context);
  }

  get value(): Buffer | null {
    const bytes = this.bytes;
    if (bytes !== null || this.codec === null) return bytes;
    return (this.bytes = this.codec.serialize(this.memo!));
  }
}

export class NamedCache {
  private readonly nodes = new Map<string, LruNode>();
  private readonly keys = new SortedKeySet();
  /** Most recently used. */
  private head: LruNode | null = null;
  /** Least recently used: the next to evict. */
  private tail: LruNode | null = null;
  /** The dirty entries in the order they were last written (Java's LinkedHashSet dirtyKeys): the oldest first. */
  private dirtyHead: LruNode | null = null;
  private dirtyTail: LruNode | null = null;
  private dirtyCount = 0;
  private currentSizeBytes = 0;
  /** The node the last get found: a put usually follows for the same key (read, modify, write). Null once removed. */
  private lastFound: LruNode | null = null;

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
    if (this.head !== node) this.moveToHead(node);
    this.lastFound = node;
    return node;
  }

  /**
   * Caches `value` (null: a delete) for `key`, whose latin1 string is `mapKey`: dirty for a write,
   * clean for a read from the store. Then evicts while the task's cache is over its bound.
   */
  put(key: Buffer, mapKey: string, value: Buffer | null, context: ProcessorRecordContext, dirty: boolean): void {
    this.write(key, mapKey, undefined, null, value, value === null ? 0 : value.length, context, dirty);
    this.budget.maybeEvict(this);
  }

  /**
   * Caches a dirty write of a value whose memo is `memo` (never a delete): its bytes, `codec`'s,
   * are made when first needed. Sized and ordered exactly as `put` of those bytes would be.
   */
  putMemo(key: Buffer, mapKey: string, memo: MemoValue, codec: ValueMemoCodec, context: ProcessorRecordContext): void {
    this.write(key, mapKey, memo, codec, null, codec.byteLength(memo), context, true);
    this.budget.maybeEvict(this);
  }

  /** Writes the entry in place (or makes it) and accounts for its size (`valueBytes`: the value's serialized length). */
  private write(
    key: Buffer,
    mapKey: string,
    memo: MemoValue | undefined,
    codec: ValueMemoCodec | null,
    bytes: Buffer | null,
    valueBytes: number,
    context: ProcessorRecordContext,
    dirty: boolean,
  ): LruNode {
    const last = this.lastFound;
    let node = last !== null && last.mapKey === mapKey ? last : this.nodes.get(mapKey);
    if (node !== undefined) {
      if (!dirty && node.dirty) throw this.cleanOverDirty();
      const sizeBytes = node.fixedBytes + variableSizeBytes(valueBytes, context);
      const deltaBytes = sizeBytes - node.sizeBytes;
      node.bytes = bytes;
      node.memo = memo;
      node.codec = codec;
      node.context = context;
      node.sizeBytes = sizeBytes;
      if (dirty) this.markDirty(node);
      if (this.head !== node) this.moveToHead(node);
      if (deltaBytes !== 0) this.resize(deltaBytes);
    } else {
      node = new LruNode(key, mapKey, bytes, context);
      if (codec !== null) {
        node.memo = memo;
        node.codec = codec;
        node.sizeBytes = node.fixedBytes + variableSizeBytes(valueBytes, context);
      }
      this.nodes.set(mapKey, node);
      this.keys.add(mapKey);
      this.linkAtHead(node);
      if (dirty) this.markDirty(node);
      this.resize(node.sizeBytes);
    }
    return node;
  }

  /** The key bytes of `mapKey`'s entry, without marking it used; undefined on a miss. */
  keyOf(mapKey: string): Buffer | undefined {
    const last = this.lastFound;
    if (last !== null && last.mapKey === mapKey) return last.key;
    return this.nodes.get(mapKey)?.key;
  }

  /** Sends every dirty entry to the listener, in the order they were written, and marks them clean. */
  flush(): void {
    this.flushWith(null);
  }

  /** Drops the least recently used entry; a dirty one is flushed first (with all other dirty entries). */
  evict(): void {
    const eldest = this.tail;
    if (eldest === null) return;
    const wasDirty = eldest.dirty;
    this.remove(eldest);
    if (wasDirty) this.flushWith(eldest);
  }

  /** The entries within `bounds` (deletes included, as null values), following later changes. */
  scan(bounds: KeyBounds, descending: boolean): NamedCacheIterator {
    return new NamedCacheIterator(this.keys.cursor(bounds, descending), this);
  }

  /** Drops every entry without flushing (their writes are discarded). */
  clear(): void {
    this.nodes.clear();
    this.keys.clear();
    this.head = this.tail = null;
    this.lastFound = null;
    this.dirtyHead = this.dirtyTail = null;
    this.dirtyCount = 0;
    this.resize(-this.currentSizeBytes);
  }

  /** For scans: the node of `mapKey`, marked most recently used, as Java's cache iterator does. */
  node(mapKey: string): { readonly key: Buffer; readonly entry: CacheEntry } | undefined {
    const node = this.nodes.get(mapKey);
    if (node === undefined) return undefined;
    if (this.head !== node) this.moveToHead(node);
    return { key: node.key, entry: node };
  }

  /** `evicted`: a dirty entry just removed from the cache, sent first. */
  private flushWith(evicted: LruNode | null): void {
    if (this.dirtyCount === 0 && evicted === null) return;
    const entries: DirtyEntry[] = new Array<DirtyEntry>(this.dirtyCount + (evicted === null ? 0 : 1));
    let n = 0;
    if (evicted !== null) entries[n++] = { key: evicted.key, newValue: evicted.value, context: evicted.context };
    const deleted: LruNode[] = [];
    // Cleared before the listener runs: it forwards downstream, and downstream may write here again.
    for (let node = this.dirtyHead; node !== null; ) {
      entries[n++] = { key: node.key, newValue: node.value, context: node.context };
      if (node.value === null) deleted.push(node);
      const next: LruNode | null = node.dirtyNext;
      node.dirty = false;
      node.dirtyPrevious = node.dirtyNext = null;
      node = next;
    }
    this.dirtyHead = this.dirtyTail = null;
    this.dirtyCount = 0;
    this.listener(entries);
    for (const node of deleted) {
      // A flushed delete need not stay cached, unless the listener wrote the key again meanwhile.
      if (this.nodes.get(node.mapKey) === node && !node.dirty && node.bytes === null && node.codec === null) this.remove(node);
    }
  }

  private remove(node: LruNode): void {
    if (this.lastFound === node) this.lastFound = null;
    this.unlink(node);
    if (node.dirty) this.unlinkDirty(node);
    this.nodes.delete(node.mapKey);
    this.keys.delete(node.mapKey);
    this.resize(-node.sizeBytes);
  }

  private resize(deltaBytes: number): void {
    this.currentSizeBytes += deltaBytes;
    this.budget.sizeChanged(deltaBytes);
  }

  /** Makes `node` dirty and the most recently written: the last to be flushed. */
  private markDirty(node: LruNode): void {
    if (node.dirty) {
      if (this.dirtyTail === node) return;
      this.unlinkDirty(node);
    }
    node.dirty = true;
    node.dirtyPrevious = this.dirtyTail;
    node.dirtyNext = null;
    if (this.dirtyTail !== null) this.dirtyTail.dirtyNext = node;
    else this.dirtyHead = node;
    this.dirtyTail = node;
    this.dirtyCount += 1;
  }

  private unlinkDirty(node: LruNode): void {
    if (node.dirtyPrevious !== null) node.dirtyPrevious.dirtyNext = node.dirtyNext;
    else this.dirtyHead = node.dirtyNext;
    if (node.dirtyNext !== null) node.dirtyNext.dirtyPrevious = node.dirtyPrevious;
    else this.dirtyTail = node.dirtyPrevious;
    node.dirtyPrevious = node.dirtyNext = null;
    node.dirty = false;
    this.dirtyCount -= 1;
  }

  private cleanOverDirty(): IllegalStateError {
    return new IllegalStateError(
      `Attempting to put a clean entry into cache ${this.name} over a dirty entry for the same key: a bug in the caching layer.`,
      { context: { store: this.name } },
    );
  }

  private moveToHead(node: LruNode): void {
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

/** The size estimate beyond the fixed part: the value, the topic and the headers of the entry's record. */
function variableSizeBytes(valueBytes: number, context: ProcessorRecordContext): number {
  let size = valueBytes + (context.topic === null ? 0 : context.topic.length);
  const headers = context.headers;
  if (headers.size > 0) for (const header of headers) size += header.key.length + (header.value?.length ?? 0);
  return size;
}
