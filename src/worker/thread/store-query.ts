// Answers an interactive query (a `query-store` message) from one store of a task, in the thread
// that owns the store. The typed view (QueryableStoreTypes) deserializes here, with the store's own
// serdes; keys and values then cross to the main thread as structured-clone values. A scan sends at
// most `limit` entries per message and closes its iterator before answering: the next batch is a
// new scan that starts at the last key sent (inclusive bounds) and skips that key.
import { isDeepStrictEqual } from 'node:util';
import { QueryableStoreTypes } from '../../core/state/queryable-store-types';
import type { ReadOnlyKeyValueStore } from '../../core/state/read-only-key-value-store';
import type { StateStore } from '../../core/state/state-store';
import type { StoreQuery, StoreQueryResult, StoreQueryType } from '../protocol';

export async function answerStoreQuery(store: StateStore, storeType: StoreQueryType, query: StoreQuery): Promise<StoreQueryResult> {
  const type = storeType === 'key-value' ? QueryableStoreTypes.keyValueStore<unknown, unknown>() : QueryableStoreTypes.timestampedKeyValueStore<unknown, unknown>();
  // throws InvalidStateStoreError naming the store when it is not of the type asked for
  const view: ReadOnlyKeyValueStore<unknown, unknown> = type.view(store);
  switch (query.op) {
    case 'get':
      return { op: 'get', value: view.get(query.key) };
    case 'count':
      return { op: 'count', count: view.approximateNumEntries() };
    case 'scan':
      return scan(view, query);
  }
}

async function scan(view: ReadOnlyKeyValueStore<unknown, unknown>, query: Extract<StoreQuery, { op: 'scan' }>): Promise<StoreQueryResult> {
  const after = query.after;
  const from = (after !== undefined && !query.reverse ? after.key : query.from) ?? null;
  const to = (after !== undefined && query.reverse ? after.key : query.to) ?? null;
  const iterator = query.reverse ? view.reverseRange(from, to) : view.range(from, to);
  const entries: { key: unknown; value: unknown }[] = [];
  let done = true;
  try {
    let first = true;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      // Only the first entry can be the cursor's key. Compared as clones: the cursor came back
      // through a structured clone, which keeps data but not class prototypes.
      if (first && after !== undefined && isDeepStrictEqual(structuredClone(next.value.key), structuredClone(after.key))) {
        first = false;
        continue;
      }
      first = false;
      if (entries.length === query.limit) {
        done = false;
        break;
      }
      entries.push({ key: next.value.key, value: next.value.value });
    }
  } finally {
    await iterator.close();
  }
  return { op: 'scan', entries, done };
}
