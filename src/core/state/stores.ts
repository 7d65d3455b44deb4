// Factories for stores and their builders, with Java's names (Java's Stores).
import { TopologyError } from '../../errors';
import type { Serde } from '../serde/serde';
import { InMemoryKeyValueStore } from './in-memory-key-value-store';
import type { KeyValueBytesStoreSupplier } from './key-value-bytes-store-supplier';
import type { KeyValueStore } from './key-value-store';
import { LevelDbKeyValueStore } from './leveldb-key-value-store';
import { KeyValueStoreBuilder } from './key-value-store-builder';
import { MemoryLruKeyValueStore } from './memory-lru-key-value-store';
import type { StoreBuilder } from './store-builder';
import type { TimestampedKeyValueStore } from './timestamped-key-value-store';
import { TimestampedKeyValueStoreBuilder } from './timestamped-key-value-store-builder';

export const Stores = {
  inMemoryKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkName(name);
    return supplier(name, 'in-memory', () => new InMemoryKeyValueStore(name));
  },

  /**
   * A store kept in the task's LevelDB (Java's RocksDB store): its data survives a restart, and
   * only the changelog records after the task's checkpoint are restored.
   */
  persistentKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkName(name);
    return supplier(name, 'leveldb', () => new LevelDbKeyValueStore(name));
  },

  /**
   * The same LevelDB store, for ValueAndTimestamp values (what the DSL materializes by default):
   * the timestamped builder stores timestamp and value bytes, and converts changelog records on restore.
   */
  persistentTimestampedKeyValueStore(name: string): KeyValueBytesStoreSupplier {
    checkName(name);
    return supplier(name, 'leveldb', () => new LevelDbKeyValueStore(name));
  },

  /** An in-memory store of at most `maxCacheSize` entries, dropping the least recently used. */
  lruMap(name: string, maxCacheSize: number): KeyValueBytesStoreSupplier {
    checkName(name);
    if (!Number.isSafeInteger(maxCacheSize) || maxCacheSize < 0) {
      throw new TopologyError(`maxCacheSize of store ${name} must be a whole number >= 0, got ${maxCacheSize}`, { context: { store: name } });
    }
    return supplier(name, 'in-memory-lru', () => new MemoryLruKeyValueStore(name, maxCacheSize));
  },

  /** A builder for a key-value store; null serdes are taken from default.key.serde / default.value.serde. */
  keyValueStoreBuilder<K, V>(supplier: KeyValueBytesStoreSupplier, keySerde: Serde<K> | null, valueSerde: Serde<V> | null): StoreBuilder<KeyValueStore<K, V>> {
    return new KeyValueStoreBuilder(supplier, keySerde, valueSerde);
  },

  /** A builder for a store of ValueAndTimestamp values; `valueSerde` is the plain value's serde. */
  timestampedKeyValueStoreBuilder<K, V>(
    supplier: KeyValueBytesStoreSupplier,
    keySerde: Serde<K> | null,
    valueSerde: Serde<V> | null,
  ): StoreBuilder<TimestampedKeyValueStore<K, V>> {
    return new TimestampedKeyValueStoreBuilder(supplier, keySerde, valueSerde);
  },
};

function supplier(name: string, metricsScope: string, get: KeyValueBytesStoreSupplier['get']): KeyValueBytesStoreSupplier {
  return { name: () => name, get, metricsScope: () => metricsScope };
}

/** A store name becomes part of its changelog topic's name, so it must be a legal topic name. */
function checkName(name: string): void {
  if (typeof name !== 'string' || !/^[a-zA-Z0-9._-]+$/.test(name)) {
    throw new TopologyError(`Store name ${JSON.stringify(name)} is not valid: use only ASCII letters, digits, '.', '_' and '-'.`, {
      context: { store: String(name) },
    });
  }
}
