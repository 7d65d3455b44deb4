// Turns a MaterializedInternal into the store builder the topology registers (Java's
// KeyValueStoreMaterializer): a timestamped key-value store from the user's supplier or, by
// default, the persistent one; logging and caching as the Materialized says. The topology reads
// name and logging settings when the node is written; each task builds its own store later.
import { IllegalStateError } from '../../errors';
import type { StoreBuilder } from '../state/store-builder';
import { Stores } from '../state/stores';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import type { MaterializedInternal } from './materialized';

export class KeyValueStoreMaterializer<K, V> implements StoreBuilder<TimestampedKeyValueStore<K, V>> {
  constructor(private readonly materialized: MaterializedInternal<K, V>) {}

  name(): string {
    const name = this.materialized.storeName();
    if (name === null) throw new IllegalStateError('a KTable store was materialized without a store name');
    return name;
  }

  withCachingEnabled(): this {
    this.materialized.cachingEnabled = true;
    return this;
  }

  withCachingDisabled(): this {
    this.materialized.withCachingDisabled();
    return this;
  }

  withLoggingEnabled(topicConfig: Readonly<{ [key: string]: string }> = {}): this {
    this.materialized.loggingEnabled = true;
    this.materialized.topicConfig = { ...topicConfig };
    return this;
  }

  withLoggingDisabled(): this {
    this.materialized.withLoggingDisabled();
    return this;
  }

  loggingEnabled(): boolean {
    return this.materialized.loggingEnabled;
  }

  logConfig(): Readonly<{ [key: string]: string }> {
    return { ...this.materialized.topicConfig };
  }

  build(): TimestampedKeyValueStore<K, V> {
    const m = this.materialized;
    // Java's default DSL store (default.dsl.store=rocksDB) is the persistent timestamped one.
    const supplier = m.storeSupplier ?? Stores.persistentTimestampedKeyValueStore(this.name());
    const builder = Stores.timestampedKeyValueStoreBuilder(supplier, m.keySerde, m.valueSerde);
    if (m.loggingEnabled) builder.withLoggingEnabled(m.topicConfig);
    else builder.withLoggingDisabled();
    if (m.cachingEnabled) builder.withCachingEnabled();
    return builder.build();
  }
}

