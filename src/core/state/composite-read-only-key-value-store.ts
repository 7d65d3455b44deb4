// One read-only view over every local store of one name (Java's CompositeReadOnlyKeyValueStore):
// a store name has one store per task, i.e. per input partition, and an instance holds several.
// The provider is asked again on every call, so a task that moved away or started restoring since
// the view was made is noticed (it throws InvalidStateStoreError or a subclass: rediscover the
// store's host from the metadata and retry).
//
// As Java's: `get` asks the stores in turn and returns the first value found (a key lives in one
// partition only); scans run through the stores one after another, so their order is per store,
// not global; `approximateNumEntries` adds the stores' counts up.
import type { KeyValue } from '../key-value';
import type { AsyncReadOnlyKeyValueStore } from './async-read-only-key-value-store';
import type { KeyValueIterator } from './key-value-iterator';
import { PeekingKeyValueIterator } from './peeking-key-value-iterator';

/** The stores to query now; throws an InvalidStateStoreError when they cannot be queried. */
export type StoreProvider<K, V> = () => readonly AsyncReadOnlyKeyValueStore<K, V>[];

export class CompositeReadOnlyKeyValueStore<K, V> implements AsyncReadOnlyKeyValueStore<K, V> {
  constructor(
    private readonly storeName: string,
    private readonly provider: StoreProvider<K, V>,
  ) {}

  async get(key: K): Promise<V | null> {
    for (const store of this.provider()) {
      const value = await store.get(key);
      if (value !== null) return value;
    }
    return null;
  }

  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.chain((store) => store.range(from, to));
  }

  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.chain((store) => store.reverseRange(from, to));
  }

  all(): KeyValueIterator<K, V> {
    return this.chain((store) => store.all());
  }

  reverseAll(): KeyValueIterator<K, V> {
    return this.chain((store) => store.reverseAll());
  }

  async approximateNumEntries(): Promise<number> {
    let total = 0;
    for (const store of this.provider()) total += await store.approximateNumEntries();
    // Java caps the sum at Long.MAX_VALUE; a JS number is exact up to MAX_SAFE_INTEGER
    return Math.min(total, Number.MAX_SAFE_INTEGER);
  }

  /** The stores are looked up when the scan is opened, as Java's composite does. */
  private chain(open: (store: AsyncReadOnlyKeyValueStore<K, V>) => KeyValueIterator<K, V>): KeyValueIterator<K, V> {
    return new ChainedIterator(this.storeName, this.provider(), open);
  }
}

class ChainedIterator<K, V> extends PeekingKeyValueIterator<K, V> {
  private index = 0;
  private current: KeyValueIterator<K, V> | null = null;

  constructor(
    storeName: string,
    private readonly stores: readonly AsyncReadOnlyKeyValueStore<K, V>[],
    private readonly open: (store: AsyncReadOnlyKeyValueStore<K, V>) => KeyValueIterator<K, V>,
  ) {
    super(storeName);
  }

  protected async fetch(): Promise<KeyValue<K, V> | null> {
    for (;;) {
      if (this.current === null) {
        if (this.index >= this.stores.length) return null;
        this.current = this.open(this.stores[this.index++]);
      }
      const next = await this.current.next();
      if (!next.done) return next.value;
      await this.current.close();
      this.current = null;
    }
  }

  protected override async release(): Promise<void> {
    const current = this.current;
    this.current = null;
    await current?.close();
  }
}
