// What `KafkaStreams#store()` takes (Java's StoreQueryParameters, as a plain object).
import type { QueryableStoreType } from './queryable-store-types';
import type { ReadOnlyKeyValueStore } from './read-only-key-value-store';

export interface StoreQueryParameters<K, V> {
  readonly storeName: string;
  /** QueryableStoreTypes.keyValueStore<K, V>() or QueryableStoreTypes.timestampedKeyValueStore<K, V>(). */
  readonly queryableStoreType: QueryableStoreType<ReadOnlyKeyValueStore<K, V>>;
  /**
   * Java's enableStaleStores(): also read tasks that are restoring (or suspended across a
   * rebalance), whose state may lag. Standby tasks would count too; kstreams has none yet.
   */
  readonly enableStaleStores?: boolean;
  /** Java's withPartition(): only the store of this input partition. */
  readonly partition?: number;
}
