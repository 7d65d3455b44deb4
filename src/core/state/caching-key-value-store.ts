// The caching layer (Java's CachingKeyValueStore): writes go to the task's record cache and reach
// the store below (and through it the changelog) only when flushed, on commit or when evicted;
// repeated writes to one key in between reach it once. Reads look in the cache first. A flush
// listener, when set, hears about every flushed write with the value it replaced: a materialized
// KTable forwards from there, so downstream sees the same deduplicated updates as the changelog.
// A task whose cache has 0 bytes (`statestore.cache.max.bytes` 0) has no caching at all: the layer
// passes everything straight through and takes no flush listener, as Java strips its caching layers
// then (InternalTopologyBuilder#rewriteTopology). A 0-byte cache would still differ: it skips deletes
// of keys the store never had, which an uncached table forwards.
import { InvalidStateStoreError } from '../../errors';
import type { ProcessorRecordContext } from '../processor/processor-record-context';
import { latin1Key, prefixUpperBound } from './byte-order';
import type { CacheFlushListener, CachedStateStore } from './cache-flush-listener';
import { DelegatingStateStoreContext } from './delegating-state-store-context';
import type { KeyValueBytesStore, ScanOrder } from './key-value-bytes-store';
import type { KeyValueIterator } from './key-value-iterator';
import { MergedSortedCacheKeyValueIterator } from './merged-sorted-cache-key-value-iterator';
import { CLEAN_ENTRY_CONTEXT, type DirtyEntry, type NamedCache } from './named-cache';
import { emptyKeyValueIterator } from './peeking-key-value-iterator';
import type { StateStore, StateStoreContext } from './state-store';
import type { TaskCache } from './task-cache';
import type { MemoValue, ValueMemoCodec } from './value-memo';

/** Longer keys are not compared with the last one: comparing would cost about as much as a new string. */
const REUSED_KEY_MAX_BYTES = 64;

export class CachingKeyValueStore implements KeyValueBytesStore, CachedStateStore<Buffer, Buffer> {
  private taskCache: TaskCache | null = null;
  private namedCache: NamedCache | null = null;
  private context: FlushingStoreContext | null = null;
  private flushListener: CacheFlushListener<Buffer, Buffer> | null = null;
  private sendOldValues = false;
  /** No caching: the task's cache has 0 bytes. */
  private passThrough = false;
  /** The map key of the last get or put (see mapKey); '' matches only the empty key, whose string is ''. */
  private lastMapKey = '';

  constructor(private readonly wrapped: KeyValueBytesStore) {}

  name(): string {
    return this.wrapped.name();
  }

  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.context = new FlushingStoreContext(context);
    this.taskCache = context.cache();
    this.passThrough = this.taskCache.maxSizeBytes() === 0;
    this.namedCache = this.taskCache.namedCache(this.name(), (entries) => this.putAndMaybeForward(entries));
    return this.wrapped.init(this.context, root);
  }

  setFlushListener(listener: CacheFlushListener<Buffer, Buffer>, sendOldValues: boolean): boolean {
    if (this.passThrough) return false;
    this.flushListener = listener;
    this.sendOldValues = sendOldValues;
    return true;
  }

  get(key: Buffer): Buffer | null {
    const cache = this.cache();
    if (this.passThrough) return this.wrapped.get(key);
    const mapKey = this.mapKey(key);
    const entry = cache.get(mapKey);
    if (entry !== undefined) return entry.value;
    const value = this.wrapped.get(key);
    // Reads are cached too (clean: never flushed), as in Java; a miss is not.
    if (value !== null) cache.put(key, mapKey, value, CLEAN_ENTRY_CONTEXT, false);
    return value;
  }

  /**
   * For the metered layer, whose value serde `codec` stands for: the memo of the cached value when
   * it was written with `codec` (no deserializing needed), else the value's bytes as `get` returns them.
   */
  getMemoized(key: Buffer, codec: ValueMemoCodec): MemoValue | Buffer | null {
    const cache = this.cache();
    if (this.passThrough) return this.wrapped.get(key);
    const mapKey = this.mapKey(key);
    const entry = cache.get(mapKey);
    if (entry !== undefined) return entry.codec === codec ? entry.memo! : entry.value;
    const value = this.wrapped.get(key);
    if (value !== null) cache.put(key, mapKey, value, CLEAN_ENTRY_CONTEXT, false);
    return value;
  }

  /**
   * For the metered layer, which knows the map key without the key's bytes (an ASCII string key and
   * the built-in String serializer: the latin1 string of its bytes is the key itself): what
   * `getMemoized` returns when the cache holds the key, undefined when it does not (nothing done).
   */
  getMemoizedIfCached(mapKey: string, codec: ValueMemoCodec | null): MemoValue | Buffer | null | undefined {
    const cache = this.cache();
    if (this.passThrough) return undefined;
    const entry = cache.get(mapKey);
    if (entry === undefined) return undefined;
    return entry.codec === codec && codec !== null ? entry.memo! : entry.value;
  }

  /**
   * As getMemoizedIfCached, for a write: when the cache holds the key, writes `memo` (with `codec`)
   * or else `bytes` over it as putMemo or put would, and returns true; false (nothing done) otherwise.
   */
  putIfCached(mapKey: string, bytes: Buffer | null, memo: MemoValue | undefined, codec: ValueMemoCodec | null): boolean {
    const cache = this.cache();
    if (this.passThrough) return false;
    const key = cache.keyOf(mapKey);
    if (key === undefined) return false;
    const context = this.storeContext().outerRecordContext();
    if (codec !== null && memo !== undefined) cache.putMemo(key, mapKey, memo, codec, context);
    else cache.put(key, mapKey, bytes, context, true);
    return true;
  }

  /** For the metered layer: `put` of `codec.serialize(memo)`, whose bytes the cache makes when it needs them. */
  putMemo(key: Buffer, memo: MemoValue, codec: ValueMemoCodec): void {
    const cache = this.cache();
    if (this.passThrough) return this.wrapped.put(key, codec.serialize(memo));
    cache.putMemo(key, this.mapKey(key), memo, codec, this.storeContext().outerRecordContext());
  }

  /** Caches the write, null included: a cached delete hides the store's value until it is flushed. */
  put(key: Buffer, value: Buffer | null): void {
    const cache = this.cache();
    if (this.passThrough) return this.wrapped.put(key, value);
    cache.put(key, this.mapKey(key), value, this.storeContext().outerRecordContext(), true);
  }

  range(from: Buffer | null, to: Buffer | null, order: ScanOrder): KeyValueIterator<Buffer, Buffer> {
    const cache = this.cache();
    if (this.passThrough) return this.wrapped.range(from, to, order);
    if (from !== null && to !== null && Buffer.compare(from, to) > 0) return emptyKeyValueIterator(this.name());
    const bounds = { from: from === null ? null : latin1Key(from), to: to === null ? null : latin1Key(to), toInclusive: true };
    const descending = order === 'descending';
    const cached = cache.scan(bounds, descending);
    return new MergedSortedCacheKeyValueIterator(this.name(), cached, this.wrapped.range(from, to, order), descending);
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    const cache = this.cache();
    if (this.passThrough) return this.wrapped.prefixScan(prefix);
    const upper = prefixUpperBound(prefix);
    const cached = cache.scan({ from: latin1Key(prefix), to: upper === null ? null : latin1Key(upper), toInclusive: false }, false);
    return new MergedSortedCacheKeyValueIterator(this.name(), cached, this.wrapped.prefixScan(prefix), false);
  }

  /** The store's count: keys written but not yet flushed are not counted, as in Java. */
  approximateNumEntries(): number {
    this.cache();
    return this.wrapped.approximateNumEntries();
  }

  flush(): void | Promise<void> {
    this.cache().flush();
    return this.wrapped.flush();
  }

  close(): void | Promise<void> {
    const cache = this.namedCache;
    if (cache === null) return this.wrapped.close();
    try {
      cache.flush();
    } finally {
      this.taskCache?.removeNamedCache(this.name());
      this.namedCache = null;
    }
    return this.wrapped.close();
  }

  persistent(): boolean {
    return this.wrapped.persistent();
  }

  isOpen(): boolean {
    return this.namedCache !== null && this.wrapped.isOpen();
  }

  /**
   * The cache's map key for `key`. A put usually follows a get of the same key (read, modify,
   * write): the string of the last key is reused when the bytes are the same, which saves making
   * a string and hashing it again. The bytes are compared, not the Buffer: a caller may reuse one
   * Buffer for different keys.
   */
  private mapKey(key: Buffer): string {
    const last = this.lastMapKey;
    const length = key.length;
    if (length === last.length && length <= REUSED_KEY_MAX_BYTES) {
      let i = 0;
      while (i < length && key[i] === last.charCodeAt(i)) i++;
      if (i === length) return last;
    }
    const mapKey = latin1Key(key);
    this.lastMapKey = mapKey;
    return mapKey;
  }

  /** Writes flushed entries down, each in the record context it was written in, and tells the listener. */
  private putAndMaybeForward(entries: readonly DirtyEntry[]): void {
    const context = this.storeContext();
    const saved = context.flushing;
    try {
      for (const entry of entries) {
        context.flushing = entry.context;
        this.writeDown(entry);
      }
    } finally {
      context.flushing = saved;
    }
  }

  private writeDown(entry: DirtyEntry): void {
    const listener = this.flushListener;
    if (listener === null) {
      this.wrapped.put(entry.key, entry.newValue);
      return;
    }
    const newValue = entry.newValue;
    const oldValue = newValue === null || this.sendOldValues ? this.wrapped.get(entry.key) : null;
    // Deleting a key the store never had changes nothing: no write, no changelog, no forward.
    if (newValue === null && oldValue === null) return;
    this.wrapped.put(entry.key, newValue);
    listener(entry.key, newValue, this.sendOldValues ? oldValue : null, entry.context.timestamp, entry.context);
  }

  private cache(): NamedCache {
    if (this.namedCache === null) {
      throw new InvalidStateStoreError(`Store ${this.name()} is currently closed.`, { context: { store: this.name() } });
    }
    return this.namedCache;
  }

  private storeContext(): FlushingStoreContext {
    if (this.context === null) {
      throw new InvalidStateStoreError(`Store ${this.name()} is not initialised.`, { context: { store: this.name() } });
    }
    return this.context;
  }
}

/**
 * What the layers below see while a flushed entry is written: that entry's record context, as
 * Java's caching store sets it, so the changelog record carries the timestamp of the write.
 */
class FlushingStoreContext extends DelegatingStateStoreContext {
  /** The context of the entry being flushed; null when not flushing. */
  flushing: ProcessorRecordContext | null = null;

  override recordContext(): ProcessorRecordContext {
    return this.flushing ?? this.outer.recordContext();
  }

  outerRecordContext(): ProcessorRecordContext {
    return this.outer.recordContext();
  }
}
