// The reading half of a key-value store (Java's ReadOnlyKeyValueStore): what processors read and
// what interactive queries will see. Point reads are synchronous; scans are async iterators that
// must be closed. Scans run in the order of the serialized keys (unsigned bytes), which is the
// order of the typed keys only when the key serde preserves it.
import type { Serializer } from '../serde/serde';
import type { KeyValueIterator } from './key-value-iterator';

export interface ReadOnlyKeyValueStore<K, V> {
  /** The value of `key`, or null when it has none. */
  get(key: K): V | null;
  /**
   * The entries from `from` to `to`, both inclusive, in ascending key order; a null bound is open.
   * Empty when `from` is after `to`.
   */
  range(from: K | null, to: K | null): KeyValueIterator<K, V>;
  /** The same entries as `range(from, to)` (note: the arguments keep their order), descending. */
  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V>;
  all(): KeyValueIterator<K, V>;
  reverseAll(): KeyValueIterator<K, V>;
  /** The entries whose serialized key starts with `prefixKeySerializer`'s bytes of `prefix`, ascending. */
  prefixScan<P>(prefix: P, prefixKeySerializer: Serializer<P>): KeyValueIterator<K, V>;
  /** The number of entries, possibly not counting writes still in the cache. */
  approximateNumEntries(): number;
}
