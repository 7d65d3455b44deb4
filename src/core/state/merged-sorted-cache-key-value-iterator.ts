// A scan of a caching store (Java's MergedSortedCacheKeyValueBytesStoreIterator): the cache's
// entries and the store's, merged in key order. Where both have a key the cache's entry wins, and
// a delete in the cache hides the store's entry.
import type { KeyValue } from '../key-value';
import type { KeyValueIterator } from './key-value-iterator';
import type { NamedCacheIterator } from './named-cache';
import { PeekingKeyValueIterator } from './peeking-key-value-iterator';

export class MergedSortedCacheKeyValueIterator extends PeekingKeyValueIterator<Buffer, Buffer> {
  constructor(
    storeName: string,
    private readonly cache: NamedCacheIterator,
    private readonly store: KeyValueIterator<Buffer, Buffer>,
    private readonly descending: boolean,
  ) {
    super(storeName);
  }

  protected async fetch(): Promise<KeyValue<Buffer, Buffer> | null> {
    while (true) {
      const storeKey = await this.store.peekNextKey();
      // Peek the cache after the await, so that what it says is current when we act on it.
      const cached = this.cache.peek();
      if (cached === null) return storeKey === null ? null : this.nextFromStore();
      const comparison = storeKey === null ? -1 : this.inScanOrder(Buffer.compare(cached.key, storeKey));
      if (comparison > 0) return this.nextFromStore();
      this.cache.next();
      if (comparison === 0) await this.store.next(); // the cache's entry replaces the store's
      if (cached.value === null) continue; // deleted in the cache, not yet in the store
      return { key: cached.key, value: cached.value };
    }
  }

  protected override release(): Promise<void> {
    return this.store.close();
  }

  private async nextFromStore(): Promise<KeyValue<Buffer, Buffer> | null> {
    const result = await this.store.next();
    return result.done ? null : result.value;
  }

  private inScanOrder(comparison: number): number {
    return this.descending ? -comparison : comparison;
  }
}
