// A timestamped store seen as a plain read-only key-value store (Java's ReadOnlyKeyValueStoreFacade):
// what QueryableStoreTypes.keyValueStore() gives for a KTable's store. Values lose their timestamps.
import type { KeyValue } from '../key-value';
import type { Serializer } from '../serde/serde';
import type { KeyValueIterator } from './key-value-iterator';
import { PeekingKeyValueIterator } from './peeking-key-value-iterator';
import type { ReadOnlyKeyValueStore } from './read-only-key-value-store';
import type { TimestampedKeyValueStore } from './timestamped-key-value-store';
import { ValueAndTimestamp } from './value-and-timestamp';

export class ReadOnlyKeyValueStoreFacade<K, V> implements ReadOnlyKeyValueStore<K, V> {
  constructor(private readonly inner: TimestampedKeyValueStore<K, V>) {}

  get(key: K): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.get(key));
  }

  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.plain(this.inner.range(from, to));
  }

  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.plain(this.inner.reverseRange(from, to));
  }

  all(): KeyValueIterator<K, V> {
    return this.plain(this.inner.all());
  }

  reverseAll(): KeyValueIterator<K, V> {
    return this.plain(this.inner.reverseAll());
  }

  prefixScan<P>(prefix: P, prefixKeySerializer: Serializer<P>): KeyValueIterator<K, V> {
    return this.plain(this.inner.prefixScan(prefix, prefixKeySerializer));
  }

  approximateNumEntries(): number {
    return this.inner.approximateNumEntries();
  }

  private plain(iterator: KeyValueIterator<K, ValueAndTimestamp<V>>): KeyValueIterator<K, V> {
    return new PlainValueIterator(this.inner.name(), iterator);
  }
}

class PlainValueIterator<K, V> extends PeekingKeyValueIterator<K, V> {
  constructor(
    storeName: string,
    private readonly inner: KeyValueIterator<K, ValueAndTimestamp<V>>,
  ) {
    super(storeName);
  }

  protected async fetch(): Promise<KeyValue<K, V> | null> {
    const result = await this.inner.next();
    return result.done ? null : { key: result.value.key, value: result.value.value.value };
  }

  protected override release(): Promise<void> {
    return this.inner.close();
  }
}
