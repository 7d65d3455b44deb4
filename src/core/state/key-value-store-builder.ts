// Builds a key-value store for one task (Java's KeyValueStoreBuilder):
// Metered(Caching(ChangeLogging(inner))), each middle layer only when switched on.
import type { Serde } from '../serde/serde';
import { AbstractStoreBuilder } from './abstract-store-builder';
import { CachingKeyValueStore } from './caching-key-value-store';
import { ChangeLoggingKeyValueBytesStore } from './change-logging-key-value-bytes-store';
import type { KeyValueBytesStore } from './key-value-bytes-store';
import type { KeyValueBytesStoreSupplier } from './key-value-bytes-store-supplier';
import type { KeyValueStore } from './key-value-store';
import { MeteredKeyValueStore } from './metered-key-value-store';

export class KeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<KeyValueStore<K, V>> {
  constructor(
    private readonly supplier: KeyValueBytesStoreSupplier,
    private readonly keySerde: Serde<K> | null,
    private readonly valueSerde: Serde<V> | null,
  ) {
    super(supplier.name());
  }

  build(): MeteredKeyValueStore<K, V> {
    let store: KeyValueBytesStore = this.supplier.get();
    if (this.enableLogging) store = new ChangeLoggingKeyValueBytesStore(store);
    if (this.enableCaching) store = new CachingKeyValueStore(store);
    return new MeteredKeyValueStore(store, this.supplier.metricsScope(), this.keySerde, this.valueSerde);
  }
}
