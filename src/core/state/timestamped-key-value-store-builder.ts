// Builds a timestamped key-value store for one task (Java's TimestampedKeyValueStoreBuilder):
// Metered(Caching(ChangeLogging(inner))) with the timestamped metered and change-logging layers,
// over an inner store that restores timestamped bytes (wrapped in TimestampedRestoreAdapter when
// it does not do so itself).
import type { Serde } from '../serde/serde';
import { AbstractStoreBuilder } from './abstract-store-builder';
import { CachingKeyValueStore } from './caching-key-value-store';
import { ChangeLoggingTimestampedKeyValueBytesStore } from './change-logging-timestamped-key-value-bytes-store';
import type { KeyValueBytesStore } from './key-value-bytes-store';
import type { KeyValueBytesStoreSupplier } from './key-value-bytes-store-supplier';
import { MeteredTimestampedKeyValueStore } from './metered-timestamped-key-value-store';
import type { TimestampedKeyValueStore } from './timestamped-key-value-store';
import { isTimestampedBytesStore, TimestampedRestoreAdapter } from './timestamped-restore-adapter';

export class TimestampedKeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<TimestampedKeyValueStore<K, V>> {
  constructor(
    private readonly supplier: KeyValueBytesStoreSupplier,
    private readonly keySerde: Serde<K> | null,
    private readonly valueSerde: Serde<V> | null,
  ) {
    super(supplier.name());
  }

  build(): MeteredTimestampedKeyValueStore<K, V> {
    const inner = this.supplier.get();
    let store: KeyValueBytesStore = isTimestampedBytesStore(inner) ? inner : new TimestampedRestoreAdapter(inner);
    if (this.enableLogging) store = new ChangeLoggingTimestampedKeyValueBytesStore(store);
    if (this.enableCaching) store = new CachingKeyValueStore(store);
    return new MeteredTimestampedKeyValueStore(store, this.supplier.metricsScope(), this.keySerde, this.valueSerde);
  }
}
