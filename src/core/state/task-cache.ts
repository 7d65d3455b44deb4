// A task's record cache (Java's ThreadCache, which is per stream thread; ours is per task, and the
// runtime sizes it to `statestore.cache.max.bytes` divided by the number of tasks). Its only job is
// to deduplicate writes before they are forwarded and change-logged (design notes §6: it is not the
// task's pending writes). It holds one NamedCache per caching store of the task and keeps their
// total under `maxBytes`: a write that takes it over evicts from that store's cache, least recently
// used first. With 0 bytes every write is evicted, so flushed, as soon as it is made.
import { ConfigError } from '../../errors';
import { NamedCache, type CacheBudget, type DirtyEntryFlushListener } from './named-cache';

export class TaskCache implements CacheBudget {
  private readonly caches = new Map<string, NamedCache>();
  private totalBytes = 0;
  private evictions = 0;

  constructor(private maxBytes: number) {
    TaskCache.checkBound(maxBytes);
  }

  maxSizeBytes(): number {
    return this.maxBytes;
  }

  /** The estimated bytes held, across all stores of the task. */
  sizeBytes(): number {
    return this.totalBytes;
  }

  /** The number of entries held, across all stores of the task. */
  size(): number {
    let entries = 0;
    for (const cache of this.caches.values()) entries += cache.size();
    return entries;
  }

  /** How many entries were evicted since the cache was made (Java's ThreadCache#evicts). */
  evicts(): number {
    return this.evictions;
  }

  /**
   * Changes the bound, when the number of tasks sharing `statestore.cache.max.bytes` changes. Shrinking
   * evicts, a store at a time in turn, until the cache fits (flushing dirty entries as it goes).
   */
  resize(maxBytes: number): void {
    TaskCache.checkBound(maxBytes);
    const shrink = maxBytes < this.maxBytes;
    this.maxBytes = maxBytes;
    if (!shrink) return;
    while (this.totalBytes > this.maxBytes) {
      let evicted = false;
      for (const cache of [...this.caches.values()]) {
        if (this.totalBytes <= this.maxBytes) break;
        if (cache.isEmpty()) continue;
        cache.evict();
        this.evictions += 1;
        evicted = true;
      }
      if (!evicted) break;
    }
  }

  /**
   * The cache of store `storeName` (made on first use), whose dirty entries go to `listener` when
   * flushed or evicted. For caching layers: one store, one listener.
   */
  namedCache(storeName: string, listener: DirtyEntryFlushListener): NamedCache {
    let cache = this.caches.get(storeName);
    if (cache === undefined) {
      cache = new NamedCache(storeName, this, listener);
      this.caches.set(storeName, cache);
    } else {
      cache.setListener(listener);
    }
    return cache;
  }

  /** Drops a store's cache (when the store closes), without flushing it. */
  removeNamedCache(storeName: string): void {
    const cache = this.caches.get(storeName);
    if (cache === undefined) return;
    cache.clear();
    this.caches.delete(storeName);
  }

  /**
   * Drops every cached entry without flushing: for a task whose uncommitted work is thrown away
   * (an aborted transaction, a corrupted task), whose cached writes must never be forwarded.
   */
  clear(): void {
    for (const cache of this.caches.values()) cache.clear();
  }

  /** @internal NamedCache bookkeeping. */
  sizeChanged(deltaBytes: number): void {
    this.totalBytes += deltaBytes;
  }

  /** @internal Evicts from `cache` (the one just written) until the task's cache fits or `cache` is empty. */
  maybeEvict(cache: NamedCache): void {
    while (this.totalBytes > this.maxBytes) {
      // A flush may have made other stores' caches grow (forwards write downstream); only `cache`
      // is ours to shrink here, as in Java.
      if (cache.isEmpty()) return;
      cache.evict();
      this.evictions += 1;
    }
  }

  private static checkBound(maxBytes: number): void {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new ConfigError(`A task's record cache needs a whole number of bytes >= 0 (statestore.cache.max.bytes divided by the task count), got ${maxBytes}`, {
        context: { configKey: 'statestore.cache.max.bytes' },
      });
    }
  }
}
