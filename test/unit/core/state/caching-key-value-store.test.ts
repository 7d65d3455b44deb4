import { expect } from 'chai';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import { InMemoryKeyValueStore } from '../../../../src/core/state/in-memory-key-value-store';
import { KeyValueStoreBuilder } from '../../../../src/core/state/key-value-store-builder';
import type { MeteredKeyValueStore } from '../../../../src/core/state/metered-key-value-store';
import { FakeStateStoreContext } from './support/fake-state-store-context';
import { bufferSerde, stringSerde } from './support/test-serdes';

interface Forwarded {
  key: string;
  newValue: string | null;
  oldValue: string | null;
  timestamp: number;
}

interface Harness {
  store: MeteredKeyValueStore<string, string>;
  inner: InMemoryKeyValueStore;
  context: FakeStateStoreContext;
  forwarded: Forwarded[];
}

async function cachedStore(options: { cacheMaxBytes: number; sendOldValues?: boolean; listener?: boolean; logging?: boolean }): Promise<Harness> {
  const inner = new InMemoryKeyValueStore('s');
  const supplier = { name: () => 's', get: () => inner, metricsScope: () => 'test' };
  const builder = new KeyValueStoreBuilder(supplier, stringSerde, stringSerde).withCachingEnabled();
  if (options.logging === false) builder.withLoggingDisabled();
  const store = builder.build();
  const context = new FakeStateStoreContext({ cacheMaxBytes: options.cacheMaxBytes });
  await store.init(context, store);
  const forwarded: Forwarded[] = [];
  if (options.listener !== false) {
    const caching = store.setFlushListener(
      (key, newValue, oldValue, timestamp) => forwarded.push({ key, newValue, oldValue, timestamp }),
      options.sendOldValues ?? true,
    );
    expect(caching).to.equal(true);
  }
  return { store, inner, context, forwarded };
}

function innerValue(inner: InMemoryKeyValueStore, key: string): string | null {
  return inner.get(Buffer.from(key))?.toString() ?? null;
}

describe('CachingKeyValueStore', () => {
  it('keeps writes in the cache until a flush, and reads them from there', async () => {
    const { store, inner, context, forwarded } = await cachedStore({ cacheMaxBytes: 10_000 });
    store.put('a', '1');
    expect(store.get('a')).to.equal('1');
    expect(innerValue(inner, 'a')).to.equal(null);
    expect(forwarded).to.deep.equal([]);
    expect(context.changelog).to.deep.equal([]);
    await store.flush();
    expect(innerValue(inner, 'a')).to.equal('1');
    expect(forwarded).to.have.length(1);
    expect(context.changelog).to.have.length(1);
  });

  it('sends repeated writes to one key down once, with the last value', async () => {
    const { store, context, forwarded } = await cachedStore({ cacheMaxBytes: 10_000 });
    context.processing(1);
    store.put('a', '1');
    context.processing(2);
    store.put('a', '2');
    store.put('b', 'x');
    context.processing(3);
    store.put('a', '3');
    context.processing(9);
    await store.flush();
    expect(forwarded).to.deep.equal([
      { key: 'b', newValue: 'x', oldValue: null, timestamp: 2 },
      { key: 'a', newValue: '3', oldValue: null, timestamp: 3 },
    ]);
    expect(context.changelog.map((r) => [r.key.toString(), r.value?.toString(), r.timestamp])).to.deep.equal([
      ['b', 'x', 2],
      ['a', '3', 3],
    ]);
  });

  it('flushes dirty entries in the order they were last written', async () => {
    const { store, forwarded } = await cachedStore({ cacheMaxBytes: 10_000 });
    for (const key of ['a', 'b', 'c', 'a']) store.put(key, 'v');
    await store.flush();
    expect(forwarded.map((f) => f.key)).to.deep.equal(['b', 'c', 'a']);
  });

  it('gives the listener the new value and the value the store held before the flush', async () => {
    const { store, forwarded } = await cachedStore({ cacheMaxBytes: 10_000, sendOldValues: true });
    store.put('a', '1');
    await store.flush();
    store.put('a', '2');
    store.put('a', '3');
    await store.flush();
    store.delete('a');
    await store.flush();
    expect(forwarded.map((f) => [f.newValue, f.oldValue])).to.deep.equal([
      ['1', null],
      ['3', '1'],
      [null, '3'],
    ]);
  });

  it('without sendOldValues the old value is always null', async () => {
    const { store, forwarded } = await cachedStore({ cacheMaxBytes: 10_000, sendOldValues: false });
    store.put('a', '1');
    await store.flush();
    store.put('a', '2');
    await store.flush();
    store.delete('a');
    await store.flush();
    expect(forwarded.map((f) => [f.newValue, f.oldValue])).to.deep.equal([
      ['1', null],
      ['2', null],
      [null, null],
    ]);
  });

  it('with a listener, deleting a key the store never had is neither written, logged nor forwarded', async () => {
    const { store, context, forwarded } = await cachedStore({ cacheMaxBytes: 10_000 });
    store.delete('never');
    store.put('new', '1');
    store.delete('new');
    await store.flush();
    expect(forwarded).to.deep.equal([]);
    expect(context.changelog).to.deep.equal([]);
  });

  it('without a listener, every flushed entry is written down, deletes of absent keys included (as Java)', async () => {
    const { store, context } = await cachedStore({ cacheMaxBytes: 10_000, listener: false });
    store.delete('never');
    await store.flush();
    expect(context.changelog.map((r) => [r.key.toString(), r.value])).to.deep.equal([['never', null]]);
  });

  it('gives the listener the timestamp and headers of the write, not of the record being processed at flush time', async () => {
    const { store, context } = await cachedStore({ cacheMaxBytes: 10_000 });
    const seen: Array<[number, string | undefined]> = [];
    store.setFlushListener((_k, _n, _o, timestamp, recordContext) => seen.push([timestamp, recordContext.headers.lastHeader('h')?.value?.toString()]), false);
    context.processing(10, new RecordHeaders().add('h', 'first'));
    store.put('a', '1');
    context.processing(20, new RecordHeaders().add('h', 'second'));
    store.put('b', '2');
    context.processing(30);
    await store.flush();
    expect(seen).to.deep.equal([
      [10, 'first'],
      [20, 'second'],
    ]);
    expect(context.changelog.map((r) => r.timestamp)).to.deep.equal([10, 20]);
  });

  it('evicts the least recently used entry when over its bound, flushing every dirty entry with it', async () => {
    const { store, inner, context, forwarded } = await cachedStore({ cacheMaxBytes: 10_000 });
    store.put('a', '1');
    const entryBytes = context.taskCache.sizeBytes();
    context.taskCache.resize(2 * entryBytes);
    store.put('b', '2');
    expect(store.get('a')).to.equal('1'); // a is now more recently used than b
    expect(forwarded).to.deep.equal([]);
    store.put('c', '3');
    // b was evicted; Java's NamedCache flushes all dirty entries on an eviction, the evicted one first.
    expect(forwarded.map((f) => f.key)).to.deep.equal(['b', 'a', 'c']);
    expect(context.taskCache.size()).to.equal(2);
    expect(['a', 'b', 'c'].map((key) => innerValue(inner, key))).to.deep.equal(['1', '2', '3']);
    // Only clean entries left: an eviction now forwards nothing.
    forwarded.length = 0;
    expect(store.get('b')).to.equal('2');
    expect(forwarded).to.deep.equal([]);
  });

  it('with a 0-byte cache is no cache at all (Java strips caching when statestore.cache.max.bytes is 0): writes go straight down, no flush listener', async () => {
    const { store, inner, context } = await cachedStore({ cacheMaxBytes: 0, listener: false });
    expect(store.setFlushListener(() => undefined, true)).to.equal(false);
    context.processing(1);
    store.put('a', '1');
    expect(innerValue(inner, 'a')).to.equal('1');
    context.processing(2);
    store.put('a', '2');
    store.delete('a');
    store.delete('never-there');
    expect(context.changelog.map((r) => [r.key.toString(), r.value?.toString() ?? null, r.timestamp])).to.deep.equal([
      ['a', '1', 1],
      ['a', '2', 2],
      ['a', null, 2],
      ['never-there', null, 2],
    ]);
    expect(context.taskCache.size()).to.equal(0);
  });

  it('a cleared cache forgets its writes: nothing is forwarded, logged or stored', async () => {
    const { store, inner, context, forwarded } = await cachedStore({ cacheMaxBytes: 10_000 });
    store.put('a', '1');
    context.taskCache.clear();
    await store.flush();
    expect(store.get('a')).to.equal(null);
    expect(innerValue(inner, 'a')).to.equal(null);
    expect(forwarded).to.deep.equal([]);
    expect(context.changelog).to.deep.equal([]);
  });

  it('closing the store flushes its cache and gives its bytes back to the task cache', async () => {
    const { store, context, forwarded } = await cachedStore({ cacheMaxBytes: 10_000 });
    store.put('a', '1');
    await store.close();
    expect(forwarded.map((f) => f.key)).to.deep.equal(['a']);
    expect(context.changelog).to.have.length(1);
    expect(context.taskCache.sizeBytes()).to.equal(0);
  });

  it('writes the bytes given, even when a caller changes the bytes of one Buffer between a get and a put', async () => {
    const bytesStore = new KeyValueStoreBuilder({ name: () => 'b', get: () => new InMemoryKeyValueStore('b'), metricsScope: () => 'test' }, bufferSerde, stringSerde).withCachingEnabled().build();
    await bytesStore.init(new FakeStateStoreContext({ cacheMaxBytes: 10_000 }), bytesStore);
    const key = Buffer.from('k1');
    expect(bytesStore.get(key)).to.equal(null);
    key[1] = 0x32; // now 'k2'
    bytesStore.put(key, 'two');
    expect(bytesStore.get(Buffer.from('k2'))).to.equal('two');
    expect(bytesStore.get(Buffer.from('k1'))).to.equal(null);
  });

  it("calls a store's own key serializer for every operation (only built-in serializers' bytes are reused)", async () => {
    let calls = 0;
    const counting = { serializer: () => ({ serialize: (_topic: string, data: string | null) => (calls++, data === null ? null : Buffer.from(data)) }), deserializer: stringSerde.deserializer };
    const store = new KeyValueStoreBuilder({ name: () => 's', get: () => new InMemoryKeyValueStore('s'), metricsScope: () => 'test' }, counting, stringSerde).withCachingEnabled().build();
    await store.init(new FakeStateStoreContext({ cacheMaxBytes: 10_000 }), store);
    store.put('a', '1');
    store.put('a', String(Number(store.get('a')) + 1));
    expect(store.get('a')).to.equal('2');
    expect(calls).to.equal(4);
  });

  it('a store without caching says so when given a flush listener', async () => {
    const store = new KeyValueStoreBuilder({ name: () => 's', get: () => new InMemoryKeyValueStore('s'), metricsScope: () => 'test' }, stringSerde, stringSerde).build();
    await store.init(new FakeStateStoreContext(), store);
    expect(store.setFlushListener(() => {}, true)).to.equal(false);
  });

  it('merges cached writes, cached deletes and flushed entries into one scan in key order', async () => {
    const { store } = await cachedStore({ cacheMaxBytes: 10_000 });
    for (const key of ['b', 'd', 'f', 'h']) store.put(key, 'stored');
    await store.flush();
    store.put('a', 'cached');
    store.put('d', 'cached');
    store.delete('f');
    store.put('g', 'cached');
    store.delete('h');
    const scan = async (reverse: boolean): Promise<string[]> => {
      const entries: string[] = [];
      for await (const { key, value } of reverse ? store.reverseAll() : store.all()) entries.push(`${key}=${value}`);
      return entries;
    };
    expect(await scan(false)).to.deep.equal(['a=cached', 'b=stored', 'd=cached', 'g=cached']);
    expect(await scan(true)).to.deep.equal(['g=cached', 'd=cached', 'b=stored', 'a=cached']);
  });
});
