// Type tokens for asking a running application for a store by type (Java's QueryableStoreTypes),
// for interactive queries: each says which stores it accepts and gives the typed view of one.
import { InvalidStateStoreError } from '../../errors';
import { MeteredTimestampedKeyValueStore } from './metered-timestamped-key-value-store';
import { ReadOnlyKeyValueStoreFacade } from './read-only-key-value-store-facade';
import type { ReadOnlyKeyValueStore } from './read-only-key-value-store';
import type { StateStore } from './state-store';
import type { ValueAndTimestamp } from './value-and-timestamp';

/** What an interactive query asks for, by name (it travels to the thread that owns the store). */
export type QueryableStoreKind = 'key-value' | 'timestamped-key-value';

export interface QueryableStoreType<T> {
  readonly kind: QueryableStoreKind;
  /** For messages: what kind of store this asks for. */
  readonly description: string;
  accepts(store: StateStore): boolean;
  /** The typed, read-only view of `store`; throws when the store is not of this type. */
  view(store: StateStore): T;
}

const KEY_VALUE_METHODS = ['get', 'range', 'reverseRange', 'all', 'reverseAll', 'prefixScan', 'approximateNumEntries'] as const;

function isReadOnlyKeyValueStore(store: StateStore): boolean {
  const methods = store as unknown as { readonly [method: string]: unknown };
  return KEY_VALUE_METHODS.every((method) => typeof methods[method] === 'function');
}

function token<T>(kind: QueryableStoreKind, description: string, accepts: (store: StateStore) => boolean, view: (store: StateStore) => T): QueryableStoreType<T> {
  return {
    kind,
    description,
    accepts,
    view(store: StateStore): T {
      if (!accepts(store)) {
        throw new InvalidStateStoreError(`Store ${store.name()} is not a ${description}.`, { context: { store: store.name() } });
      }
      return view(store);
    },
  };
}

export const QueryableStoreTypes = {
  /** Any key-value store; a timestamped one is seen without its timestamps. */
  keyValueStore<K, V>(): QueryableStoreType<ReadOnlyKeyValueStore<K, V>> {
    return token('key-value', 'key-value store', isReadOnlyKeyValueStore, (store) =>
      store instanceof MeteredTimestampedKeyValueStore
        ? new ReadOnlyKeyValueStoreFacade<K, V>(store as MeteredTimestampedKeyValueStore<K, V>)
        : (store as unknown as ReadOnlyKeyValueStore<K, V>),
    );
  },

  /** A timestamped key-value store (a KTable's), values with their timestamps. */
  timestampedKeyValueStore<K, V>(): QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> {
    return token(
      'timestamped-key-value',
      'timestamped key-value store',
      (store) => store instanceof MeteredTimestampedKeyValueStore,
      (store) => store as MeteredTimestampedKeyValueStore<K, V>,
    );
  },
};
