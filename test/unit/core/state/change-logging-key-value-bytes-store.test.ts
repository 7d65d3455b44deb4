import { expect } from 'chai';
import { Stores } from '../../../../src/core/state/stores';
import type { KeyValueStore } from '../../../../src/core/state/key-value-store';
import type { StoreBuilder } from '../../../../src/core/state/store-builder';
import { FakeStateStoreContext, type LoggedChange } from './support/fake-state-store-context';
import { stringSerde } from './support/test-serdes';

function readable(changes: LoggedChange[]): Array<[string, string, string | null, number]> {
  return changes.map((c) => [c.store, c.key.toString(), c.value?.toString() ?? null, c.timestamp]);
}

async function open(builder: StoreBuilder<KeyValueStore<string, string>>, cacheMaxBytes = 0): Promise<{ store: KeyValueStore<string, string>; context: FakeStateStoreContext }> {
  const store = builder.build();
  const context = new FakeStateStoreContext({ cacheMaxBytes });
  await store.init(context, store);
  return { store, context };
}

describe('ChangeLoggingKeyValueBytesStore', () => {
  it('logs every write with the timestamp of the record being processed', async () => {
    const { store, context } = await open(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde));
    context.processing(5);
    store.put('a', '1');
    context.processing(7);
    store.put('b', '2');
    store.delete('a');
    store.putAll([
      { key: 'c', value: '3' },
      { key: 'b', value: null },
    ]);
    expect(readable(context.changelog)).to.deep.equal([
      ['s', 'a', '1', 5],
      ['s', 'b', '2', 7],
      ['s', 'a', null, 7],
      ['s', 'c', '3', 7],
      ['s', 'b', null, 7],
    ]);
  });

  it('logs a putIfAbsent only when it writes', async () => {
    const { store, context } = await open(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde));
    store.putIfAbsent('a', '1');
    store.putIfAbsent('a', '2');
    expect(readable(context.changelog)).to.deep.equal([['s', 'a', '1', 0]]);
  });

  it('logs nothing when logging is disabled, cached or not', async () => {
    for (const caching of [false, true]) {
      const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde).withLoggingDisabled();
      if (caching) builder.withCachingEnabled();
      const { store, context } = await open(builder, 0);
      store.put('a', '1');
      store.delete('a');
      await store.flush();
      expect(context.changelog).to.deep.equal([]);
    }
  });

  it('under a cache, logs only flushed values, each with the timestamp of its write', async () => {
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde).withCachingEnabled();
    const { store, context } = await open(builder, 10_000);
    context.processing(1);
    store.put('a', '1');
    context.processing(2);
    store.put('a', '2');
    context.processing(3);
    store.put('b', '3');
    expect(context.changelog).to.deep.equal([]);
    context.processing(9);
    await store.flush();
    expect(readable(context.changelog)).to.deep.equal([
      ['s', 'a', '2', 2],
      ['s', 'b', '3', 3],
    ]);
  });

  it('logs a delete for an entry an lruMap drops', async () => {
    const { store, context } = await open(Stores.keyValueStoreBuilder(Stores.lruMap('s', 2), stringSerde, stringSerde));
    context.processing(4);
    store.put('a', '1');
    store.put('b', '2');
    store.get('a'); // b is now the least recently used
    store.put('c', '3');
    expect(store.get('b')).to.equal(null);
    expect(readable(context.changelog)).to.deep.equal([
      ['s', 'a', '1', 4],
      ['s', 'b', '2', 4],
      ['s', 'b', null, 4],
      ['s', 'c', '3', 4],
    ]);
  });

  it('does not log what an lruMap drops while restoring', async () => {
    const { store, context } = await open(Stores.keyValueStoreBuilder(Stores.lruMap('s', 1), stringSerde, stringSerde));
    await context.restore('s', [
      { key: Buffer.from('a'), value: Buffer.from('1'), timestamp: 1 },
      { key: Buffer.from('b'), value: Buffer.from('2'), timestamp: 2 },
    ]);
    expect(store.get('a')).to.equal(null);
    expect(store.get('b')).to.equal('2');
    expect(context.changelog).to.deep.equal([]);
  });
});
