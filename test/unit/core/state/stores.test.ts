import { expect } from 'chai';
import { ConfigError, InvalidStateStoreError, TopologyError } from '../../../../src/errors';
import type { Serde } from '../../../../src/core/serde/serde';
import { isCachedStateStore } from '../../../../src/core/state/cache-flush-listener';
import { LevelDbKeyValueStore } from '../../../../src/core/state/leveldb-key-value-store';
import type { MeteredKeyValueStore } from '../../../../src/core/state/metered-key-value-store';
import { QueryableStoreTypes } from '../../../../src/core/state/queryable-store-types';
import { Stores } from '../../../../src/core/state/stores';
import { ValueAndTimestamp } from '../../../../src/core/state/value-and-timestamp';
import { FakeStateStoreContext } from './support/fake-state-store-context';
import { bufferSerde, stringSerde } from './support/test-serdes';

describe('Stores', () => {
  it('makes suppliers with Java names; the persistent ones make LevelDB stores', () => {
    expect(Stores.inMemoryKeyValueStore('a').get().persistent()).to.equal(false);
    expect(Stores.persistentKeyValueStore('a').get()).to.be.instanceOf(LevelDbKeyValueStore);
    expect(Stores.persistentKeyValueStore('a').get().persistent()).to.equal(true);
    expect(Stores.persistentTimestampedKeyValueStore('a').get().persistent()).to.equal(true);
    expect(Stores.persistentTimestampedKeyValueStore('a').metricsScope()).to.equal('leveldb');
    expect(Stores.lruMap('a', 10).metricsScope()).to.equal('in-memory-lru');
    const supplier = Stores.inMemoryKeyValueStore('counts');
    expect([supplier.name(), supplier.metricsScope()]).to.deep.equal(['counts', 'in-memory']);
    expect(supplier.get()).to.not.equal(supplier.get());
  });

  it('refuses a store name that cannot name a changelog topic, and a negative lruMap size', () => {
    expect(() => Stores.inMemoryKeyValueStore('')).to.throw(TopologyError);
    expect(() => Stores.persistentKeyValueStore('a store')).to.throw(TopologyError);
    expect(() => Stores.lruMap('a', -1)).to.throw(TopologyError);
  });

  it('builders default to caching off and logging on, as Java', async () => {
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde);
    expect(builder.name()).to.equal('s');
    expect(builder.loggingEnabled()).to.equal(true);
    expect(builder.logConfig()).to.deep.equal({});
    const store = builder.build();
    await store.init(new FakeStateStoreContext(), store);
    expect(isCachedStateStore(store) && store.setFlushListener(() => {}, false)).to.equal(false);
    const cached = builder.withCachingEnabled().build();
    // a 0-byte cache means no caching at all, as in Java: give it room
    await cached.init(new FakeStateStoreContext({ cacheMaxBytes: 1024 }), cached);
    expect(isCachedStateStore(cached) && cached.setFlushListener(() => {}, false)).to.equal(true);
  });

  it('withLoggingEnabled adds changelog topic config; withLoggingDisabled drops it', () => {
    const builder = Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore('s'), stringSerde, stringSerde);
    builder.withLoggingEnabled({ 'retention.ms': '100' }).withLoggingEnabled({ 'segment.bytes': '1000' });
    expect(builder.logConfig()).to.deep.equal({ 'retention.ms': '100', 'segment.bytes': '1000' });
    builder.withLoggingDisabled();
    expect(builder.loggingEnabled()).to.equal(false);
    expect(builder.logConfig()).to.deep.equal({});
  });

  it('every build makes a new, independent store', async () => {
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde);
    const first = builder.build();
    const second = builder.build();
    await first.init(new FakeStateStoreContext(), first);
    await second.init(new FakeStateStoreContext(), second);
    first.put('k', 'v');
    expect(second.get('k')).to.equal(null);
  });

  it('registers the outermost store, and restores into the inner store past the cache and the changelog', async () => {
    const builder = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde).withCachingEnabled();
    const store = builder.build();
    const context = new FakeStateStoreContext({ cacheMaxBytes: 10_000 });
    await store.init(context, store);
    expect(context.registered.get('s')?.store).to.equal(store);
    const forwarded: string[] = [];
    expect(isCachedStateStore<string, string>(store) && store.setFlushListener((key) => forwarded.push(key), true)).to.equal(true);

    await context.restore('s', [
      { key: Buffer.from('a'), value: Buffer.from('1'), timestamp: 1 },
      { key: Buffer.from('b'), value: Buffer.from('2'), timestamp: 2 },
      { key: Buffer.from('a'), value: null, timestamp: 3 },
    ]);

    expect(context.taskCache.size()).to.equal(0);
    expect(store.get('a')).to.equal(null);
    expect(store.get('b')).to.equal('2');
    await store.flush();
    expect(forwarded).to.deep.equal([]);
    expect(context.changelog).to.deep.equal([]);
    expect(store.approximateNumEntries()).to.equal(1);
  });

  it("uses the task's default serdes when built without serdes", async () => {
    const store = Stores.keyValueStoreBuilder<string, string>(Stores.inMemoryKeyValueStore('s'), null, null).build();
    await store.init(new FakeStateStoreContext({ keySerde: stringSerde, valueSerde: stringSerde }), store);
    store.put('k', 'v');
    expect(store.get('k')).to.equal('v');
  });

  it('fails init with a ConfigError naming the store when it has no serde and there is no default', async () => {
    const store = Stores.keyValueStoreBuilder<string, string>(Stores.inMemoryKeyValueStore('counts'), stringSerde, null).build();
    let failure: unknown;
    try {
      await store.init(new FakeStateStoreContext(), store);
    } catch (err) {
      failure = err;
    }
    expect(failure).to.be.instanceOf(ConfigError);
    expect((failure as ConfigError).message).to.match(/value serdes for store counts/);
    expect((failure as ConfigError).context?.configKey).to.equal('default.value.serde');
  });
});

describe('the metered store', () => {
  it('reports each operation, and an iterator when it closes, to the sensor', async () => {
    const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), bufferSerde, stringSerde).build();
    const context = new FakeStateStoreContext({ metered: true });
    await store.init(context, store);
    store.put(Buffer.from('a'), '1');
    store.get(Buffer.from('a'));
    store.putIfAbsent(Buffer.from('a'), '2');
    store.putAll([{ key: Buffer.from('b'), value: '2' }]);
    store.delete(Buffer.from('b'));
    for await (const _ of store.range(null, null)) break;
    for await (const _ of store.all());
    for await (const _ of store.prefixScan(Buffer.from('a'), bufferSerde.serializer()));
    await store.flush();
    expect(context.latencies).to.deep.equal(['put', 'get', 'put-if-absent', 'put-all', 'delete', 'range', 'all', 'prefix-scan', 'flush']);
  });

  it('closes an iterator whose entry fails to deserialize, so a for-await loop cannot leak it', async () => {
    const picky: Serde<string> = {
      serializer: stringSerde.serializer,
      deserializer: () => ({
        deserialize: (_topic, data) => {
          if (data?.toString() === 'bad') throw new Error('cannot read bad');
          return data === null ? null : data.toString();
        },
      }),
    };
    const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, picky).build();
    await store.init(new FakeStateStoreContext(), store);
    store.put('a', 'good');
    store.put('b', 'bad');
    const seen: string[] = [];
    let failure: unknown;
    try {
      for await (const { key } of store.all()) seen.push(key);
    } catch (err) {
      failure = err;
    }
    expect(seen).to.deep.equal(['a']);
    expect((failure as Error).message).to.equal('cannot read bad');
    expect((store as MeteredKeyValueStore<string, string>).numOpenIterators()).to.equal(0);
  });

  it('is unusable once closed', async () => {
    const store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('s'), stringSerde, stringSerde).withCachingEnabled().build();
    await store.init(new FakeStateStoreContext(), store);
    await store.close();
    expect(store.isOpen()).to.equal(false);
    expect(() => store.get('k')).to.throw(InvalidStateStoreError, /Store s is currently closed/);
  });
});

describe('QueryableStoreTypes', () => {
  async function openStores() {
    const plain = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('plain'), stringSerde, stringSerde).build();
    const timestamped = Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore('timestamped'), stringSerde, stringSerde).build();
    await plain.init(new FakeStateStoreContext(), plain);
    await timestamped.init(new FakeStateStoreContext(), timestamped);
    plain.put('k', 'v');
    timestamped.put('k', ValueAndTimestamp.make('v', 5));
    return { plain, timestamped };
  }

  it('keyValueStore() accepts both kinds and shows a timestamped store without timestamps', async () => {
    const { plain, timestamped } = await openStores();
    const type = QueryableStoreTypes.keyValueStore<string, string>();
    expect(type.accepts(plain) && type.accepts(timestamped)).to.equal(true);
    expect(type.view(plain).get('k')).to.equal('v');
    const view = type.view(timestamped);
    expect(view.get('k')).to.equal('v');
    const entries: unknown[] = [];
    for await (const entry of view.all()) entries.push(entry);
    expect(entries).to.deep.equal([{ key: 'k', value: 'v' }]);
  });

  it('timestampedKeyValueStore() accepts only timestamped stores', async () => {
    const { plain, timestamped } = await openStores();
    const type = QueryableStoreTypes.timestampedKeyValueStore<string, string>();
    expect(type.accepts(plain)).to.equal(false);
    expect(type.view(timestamped).get('k')).to.deep.equal(ValueAndTimestamp.make('v', 5));
    expect(() => type.view(plain)).to.throw(InvalidStateStoreError, /not a timestamped key-value store/);
  });
});
