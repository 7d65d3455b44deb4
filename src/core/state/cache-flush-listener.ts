// How a caching store tells its owner about writes leaving the cache (Java's CacheFlushListener and
// CachedStateStore). A materialized KTable forwards from this listener when caching is on, instead
// of forwarding each update itself: that is how the cache deduplicates what goes downstream.
import type { ProcessorRecordContext } from '../processor/processor-record-context';
import type { StateStore } from './state-store';

/**
 * Called once per flushed dirty entry, in the order the entries were written.
 * - `newValue`: the flushed value, null for a delete.
 * - `oldValue`: what the store below held before this flush wrote `newValue`; always null unless
 *   the listener was set with `sendOldValues`.
 * - `timestamp` and `recordContext`: those of the record whose write this was (not of the record
 *   being processed when the flush happens). For a timestamped store, Java forwards with
 *   `newValue.timestamp` when there is a new value, else with `timestamp`.
 */
export type CacheFlushListener<K, V> = (
  key: K,
  newValue: V | null,
  oldValue: V | null,
  timestamp: number,
  recordContext: ProcessorRecordContext,
) => void;

export interface CachedStateStore<K, V> extends StateStore {
  /**
   * Sets the listener for entries leaving the cache. Returns true when the store caches (the owner
   * must then forward only from the listener), false when it does not (the owner forwards itself).
   */
  setFlushListener(listener: CacheFlushListener<K, V>, sendOldValues: boolean): boolean;
}

export function isCachedStateStore<K, V>(store: StateStore): store is CachedStateStore<K, V> {
  return typeof (store as Partial<CachedStateStore<K, V>>).setFlushListener === 'function';
}
