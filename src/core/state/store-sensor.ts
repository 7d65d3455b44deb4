// What a metered store reports to the runtime (Java's StateStoreMetrics sensors, trimmed to what
// kstreams exposes). Core has no metrics library: the runtime injects an implementation through
// `StateStoreContext.storeSensor`, and a store without one measures nothing.

/** The operations a metered key-value store times; an iterator's lifetime counts as its operation. */
export type StoreOperation = 'get' | 'put' | 'put-if-absent' | 'put-all' | 'delete' | 'range' | 'all' | 'prefix-scan' | 'flush';

export interface StoreSensor {
  recordLatency(operation: StoreOperation, durationMs: number): void;
  /**
   * The store was closed while `count` of its iterators were still open; it closed them. A processor
   * forgot `close()` (Java's RocksDBStore logs a warning for the same thing).
   */
  recordUnclosedIterators(count: number): void;
}
