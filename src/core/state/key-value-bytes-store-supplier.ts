// Makes the inner bytes store of a key-value store, one per task (Java's KeyValueBytesStoreSupplier).
// Stores.inMemoryKeyValueStore, Stores.persistentKeyValueStore ... return these; a user with a
// store of their own implements one and hands it to Stores.keyValueStoreBuilder.
import type { KeyValueBytesStore } from './key-value-bytes-store';

export interface KeyValueBytesStoreSupplier {
  /** The store's name; also names its changelog topic, so only [a-zA-Z0-9._-]. */
  name(): string;
  /** A new inner store. */
  get(): KeyValueBytesStore;
  /** The metrics scope of the stores it makes ("in-memory", "leveldb" ...). */
  metricsScope(): string;
}
