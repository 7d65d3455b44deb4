// The interactive-query view of a key-value store (what `KafkaStreams#store()` returns): Java's
// ReadOnlyKeyValueStore, but a point read returns a Promise. The stores live in the thread that
// owns their task (a Piscina worker, design-notes §4), so a query from the main thread is a message
// and its answer cannot be synchronous; the main-thread runtime answers through the same interface.
// Scans are the usual KeyValueIterator (asynchronous already), which must be closed.
import type { KeyValueIterator } from './key-value-iterator';

export interface AsyncReadOnlyKeyValueStore<K, V> {
  /** The value of `key`, or null when it has none. */
  get(key: K): Promise<V | null>;
  /** The entries from `from` to `to`, both inclusive; a null bound is open. Ascending within each partition (see the composite store). */
  range(from: K | null, to: K | null): KeyValueIterator<K, V>;
  /** The same entries as `range(from, to)`, descending within each partition. */
  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V>;
  all(): KeyValueIterator<K, V>;
  reverseAll(): KeyValueIterator<K, V>;
  /** The number of entries, possibly not counting writes still in the cache. */
  approximateNumEntries(): Promise<number>;
}
