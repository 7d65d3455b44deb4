// Reads a KTable's current value for a key without being its processor (Java's KTableValueGetter and
// KTableValueGetterSupplier): joins and lookups use it. A materialized table reads its store; a
// table that is not materialized asks its parent's getter and applies its own operation on the fly.
import { IllegalStateError } from '../../errors';
import type { ProcessorContext } from './processor-context';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import type { ValueAndTimestamp } from '../state/value-and-timestamp';

export interface TableValueGetter<K, V> {
  /** Called from the init() of the processor that uses the getter: stores are opened by then. */
  init(context: ProcessorContext<unknown, unknown>): void;
  get(key: K): ValueAndTimestamp<V> | null;
  close?(): void;
}

export interface TableValueGetterSupplier<K, V> {
  get(): TableValueGetter<K, V>;
  /** The stores the getter reads: the processor using it must be connected to them. */
  storeNames(): string[];
}

/**
 * A getter over a table's own store (Java's KTableMaterializedValueGetterSupplier and
 * KTableSourceValueGetterSupplier, which are the same thing).
 */
export class StoreValueGetterSupplier<K, V> implements TableValueGetterSupplier<K, V> {
  constructor(private readonly storeName: string) {}

  get(): TableValueGetter<K, V> {
    const storeName = this.storeName;
    let store: TimestampedKeyValueStore<K, V> | null = null;
    return {
      init(context) {
        store = context.getStateStore<TimestampedKeyValueStore<K, V>>(storeName);
      },
      get(key) {
        if (store === null) throw new IllegalStateError(`the value getter of store ${storeName} was used before init()`, { context: { store: storeName } });
        return store.get(key);
      },
    };
  }

  storeNames(): string[] {
    return [this.storeName];
  }
}
