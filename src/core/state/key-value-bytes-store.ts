// The bytes-level store every layer below the metered store implements: the inner store (in
// memory now, LevelDB next) and the caching and change-logging layers around it. Deliberately
// small: putIfAbsent, putAll, delete and reverse scans are built from these by the metered store,
// so a new inner store implements six data methods. Keys order as unsigned bytes (see byte-order.ts).
import type { KeyValueIterator } from './key-value-iterator';
import type { StateStore } from './state-store';

export type ScanOrder = 'ascending' | 'descending';

export interface KeyValueBytesStore extends StateStore {
  /** The value of `key`, or null when it has none. */
  get(key: Buffer): Buffer | null;
  /** Writes `value` under `key`; null deletes the key. */
  put(key: Buffer, value: Buffer | null): void;
  /** Keys from `from` to `to`, both inclusive, a null bound open; empty when `from` is after `to`. */
  range(from: Buffer | null, to: Buffer | null, order: ScanOrder): KeyValueIterator<Buffer, Buffer>;
  /** Keys that start with `prefix`, ascending. */
  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer>;
  approximateNumEntries(): number;
}
