// A key-value store as processors use it (Java's KeyValueStore): synchronous writes; a null
// value is a delete (a tombstone in the changelog).
import type { KeyValue } from '../key-value';
import type { ReadOnlyKeyValueStore } from './read-only-key-value-store';
import type { StateStore } from './state-store';

export interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {
  /** Writes `value` under `key`; null deletes the key. */
  put(key: K, value: V | null): void;
  /** Writes `value` only when `key` has none; returns the value it has (null when it wrote). */
  putIfAbsent(key: K, value: V | null): V | null;
  putAll(entries: readonly KeyValue<K, V | null>[]): void;
  /** Deletes `key` and returns the value it had. */
  delete(key: K): V | null;
}
