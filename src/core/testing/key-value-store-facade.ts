// What TopologyTestDriver#getKeyValueStore returns for a timestamped store (Java's
// KeyValueStoreFacade): a plain key-value store whose reads drop the timestamps and whose writes
// stamp values with -1 (no timestamp), so tests written against a KTable's store read values.
import type { Serializer } from '../serde/serde';
import type { KeyValue } from '../key-value';
import type { KeyValueIterator } from '../state/key-value-iterator';
import type { KeyValueStore } from '../state/key-value-store';
import { ReadOnlyKeyValueStoreFacade } from '../state/read-only-key-value-store-facade';
import type { StateStore, StateStoreContext } from '../state/state-store';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { ValueAndTimestamp } from '../state/value-and-timestamp';

const NO_TIMESTAMP = -1;

export class KeyValueStoreFacade<K, V> implements KeyValueStore<K, V> {
  private readonly reads: ReadOnlyKeyValueStoreFacade<K, V>;

  constructor(private readonly inner: TimestampedKeyValueStore<K, V>) {
    this.reads = new ReadOnlyKeyValueStoreFacade(inner);
  }

  get(key: K): V | null {
    return this.reads.get(key);
  }
  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.reads.range(from, to);
  }
  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return this.reads.reverseRange(from, to);
  }
  all(): KeyValueIterator<K, V> {
    return this.reads.all();
  }
  reverseAll(): KeyValueIterator<K, V> {
    return this.reads.reverseAll();
  }
  prefixScan<P>(prefix: P, prefixKeySerializer: Serializer<P>): KeyValueIterator<K, V> {
    return this.reads.prefixScan(prefix, prefixKeySerializer);
  }
  approximateNumEntries(): number {
    return this.reads.approximateNumEntries();
  }

  put(key: K, value: V | null): void {
    this.inner.put(key, ValueAndTimestamp.make(value, NO_TIMESTAMP));
  }
  putIfAbsent(key: K, value: V | null): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.putIfAbsent(key, ValueAndTimestamp.make(value, NO_TIMESTAMP)));
  }
  putAll(entries: readonly KeyValue<K, V | null>[]): void {
    for (const { key, value } of entries) this.put(key, value);
  }
  delete(key: K): V | null {
    return ValueAndTimestamp.getValueOrNull(this.inner.delete(key));
  }

  name(): string {
    return this.inner.name();
  }
  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    return this.inner.init(context, root);
  }
  flush(): void | Promise<void> {
    return this.inner.flush();
  }
  close(): void | Promise<void> {
    return this.inner.close();
  }
  persistent(): boolean {
    return this.inner.persistent();
  }
  isOpen(): boolean {
    return this.inner.isOpen();
  }
}
