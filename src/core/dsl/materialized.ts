// Java's Materialized: how a KTable's store is made — its name (which makes the table queryable and
// names its changelog), or the supplier of its inner store; its serdes; whether it caches (the DSL
// default: yes) and change-logs (default: yes, with extra changelog topic config). As in Java, the
// `with...` methods change this object and return it. A serde left null falls back to the
// operation's own serde, then to `default.key.serde` / `default.value.serde`.
import { TopologyError } from '../../errors';
import type { KeyValueBytesStoreSupplier } from '../state/key-value-bytes-store-supplier';
import type { Serde } from '../serde/serde';
import { validateName, type NameProvider } from './named';

export class Materialized<K, V> {
  /** @internal */ storeSupplier: KeyValueBytesStoreSupplier | null = null;
  /** @internal */ storeName: string | null = null;
  /** @internal */ keySerde: Serde<K> | null = null;
  /** @internal */ valueSerde: Serde<V> | null = null;
  /** @internal */ loggingEnabled = true;
  /** @internal */ cachingEnabled = true;
  /** @internal */ topicConfig: { [key: string]: string } = {};
  /** @internal */ retentionMs: number | null = null;

  private constructor() {}

  /**
   * A store named `storeName` (the table becomes queryable under that name and its changelog is
   * `<application.id>-<storeName>-changelog`), or a store from `supplier` (named by the supplier).
   */
  static as<K, V>(storeNameOrSupplier: string | KeyValueBytesStoreSupplier): Materialized<K, V> {
    const materialized = new Materialized<K, V>();
    if (typeof storeNameOrSupplier === 'string') {
      validateName(storeNameOrSupplier);
      materialized.storeName = storeNameOrSupplier;
    } else if (isStoreSupplier(storeNameOrSupplier)) {
      materialized.storeSupplier = storeNameOrSupplier;
    } else {
      throw new TopologyError(
        storeNameOrSupplier === null || storeNameOrSupplier === undefined
          ? "supplier can't be null"
          : 'Materialized.as takes a store name or a KeyValueBytesStoreSupplier (Stores.persistentKeyValueStore(name) ...).',
      );
    }
    return materialized;
  }

  /** An unnamed store with these serdes (not queryable; its name is generated). */
  static with<K, V>(keySerde: Serde<K> | null, valueSerde: Serde<V> | null): Materialized<K, V> {
    return new Materialized<K, V>().withKeySerde(keySerde).withValueSerde(valueSerde);
  }

  withKeySerde(keySerde: Serde<K> | null): this {
    this.keySerde = keySerde ?? null;
    return this;
  }

  withValueSerde(valueSerde: Serde<V> | null): this {
    this.valueSerde = valueSerde ?? null;
    return this;
  }

  /** Logs changes to the changelog topic, with `config` added to its topic configuration. */
  withLoggingEnabled(config: Readonly<{ [key: string]: string }> = {}): this {
    this.loggingEnabled = true;
    this.topicConfig = { ...config };
    return this;
  }

  withLoggingDisabled(): this {
    this.loggingEnabled = false;
    this.topicConfig = {};
    return this;
  }

  withCachingEnabled(): this {
    this.cachingEnabled = true;
    return this;
  }

  withCachingDisabled(): this {
    this.cachingEnabled = false;
    return this;
  }

  /** How long a window or session store keeps its data; not used by key-value stores. */
  withRetention(retentionMs: number): this {
    if (typeof retentionMs !== 'number' || !Number.isFinite(retentionMs)) {
      throw new TopologyError(`retention must be a number of milliseconds, got ${String(retentionMs)}`);
    }
    if (retentionMs < 0) throw new TopologyError('Retention must not be negative.');
    this.retentionMs = retentionMs;
    return this;
  }
}

/**
 * Java's MaterializedInternal: the DSL's own copy of a Materialized, which it may fill in (serdes)
 * without touching the user's object. Given a name provider, an unnamed store gets a generated name
 * (`<prefix>STATE-STORE-<index>`), consuming one index of the name counter.
 * @internal
 */
export class MaterializedInternal<K, V> {
  readonly storeSupplier: KeyValueBytesStoreSupplier | null;
  keySerde: Serde<K> | null;
  valueSerde: Serde<V> | null;
  loggingEnabled: boolean;
  cachingEnabled: boolean;
  topicConfig: { [key: string]: string };
  readonly retentionMs: number | null;
  private readonly name: string | null;
  private readonly queryable: boolean;

  constructor(materialized: Materialized<K, V>, nameProvider?: NameProvider, generatedStorePrefix?: string) {
    this.storeSupplier = materialized.storeSupplier;
    this.keySerde = materialized.keySerde;
    this.valueSerde = materialized.valueSerde;
    this.loggingEnabled = materialized.loggingEnabled;
    this.cachingEnabled = materialized.cachingEnabled;
    this.topicConfig = { ...materialized.topicConfig };
    this.retentionMs = materialized.retentionMs;
    const given = materialized.storeSupplier?.name() ?? materialized.storeName;
    this.queryable = given !== null;
    this.name = given ?? (nameProvider !== undefined ? nameProvider.newStoreName(generatedStorePrefix ?? '') : null);
  }

  /** The store's name: the supplier's, the user's, or the generated one; null when none was generated. */
  storeName(): string | null {
    return this.name;
  }

  /** The store name when the user gave one (the table is then queryable), else null. */
  queryableStoreName(): string | null {
    return this.queryable ? this.name : null;
  }

  withKeySerde(keySerde: Serde<K> | null): this {
    this.keySerde = keySerde;
    return this;
  }

  withValueSerde(valueSerde: Serde<V> | null): this {
    this.valueSerde = valueSerde;
    return this;
  }

  withLoggingDisabled(): this {
    this.loggingEnabled = false;
    this.topicConfig = {};
    return this;
  }

  withCachingDisabled(): this {
    this.cachingEnabled = false;
    return this;
  }
}

function isStoreSupplier(value: unknown): value is KeyValueBytesStoreSupplier {
  const supplier = value as Partial<KeyValueBytesStoreSupplier> | null | undefined;
  return typeof supplier === 'object' && supplier !== null && typeof supplier.name === 'function' && typeof supplier.get === 'function';
}
