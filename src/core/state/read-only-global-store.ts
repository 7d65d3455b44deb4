// What a task's processors get for a global store (Java's AbstractReadOnlyDecorator, which
// ProcessorContextImpl#getStateStore hands out for global stores): reads go through, writes and
// the store's life-cycle calls throw. Only the global store's own update processor writes it.
import { IllegalStateError } from '../../errors';
import type { StateStore } from './state-store';

/** The methods of any store kind that change it or its life: Java's decorators throw for each. */
const WRITES = new Set(['put', 'putIfAbsent', 'putAll', 'delete', 'init', 'flush', 'close']);

const views = new WeakMap<StateStore, StateStore>();

/** A read-only view of `store` (one per store, so every processor gets the same object). */
export function readOnlyGlobalStore<S extends StateStore>(store: S): S {
  let view = views.get(store);
  if (view === undefined) {
    view = new Proxy(store, {
      get(target, property, receiver) {
        if (typeof property === 'string' && WRITES.has(property)) {
          return () => {
            throw new IllegalStateError(`Global store ${target.name()} is read only: only its update processor writes it (${property} is not allowed).`, {
              context: { store: target.name() },
            });
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    views.set(store, view);
  }
  return view as S;
}
