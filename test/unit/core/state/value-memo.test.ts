// The record cache's memo of primitive values written through a built-in serde (value-memo.ts):
// a get after a put returns the value without deserializing, the bytes are made when needed and are
// the serializer's own, and nothing observable differs from the ordinary path.
import { expect } from 'chai';
import { IntegerSerializer } from '../../../../src/core/serde/integer-serde';
import { LongDeserializer, LongSerializer } from '../../../../src/core/serde/long-serde';
import type { Serde } from '../../../../src/core/serde/serde';
import { Serdes } from '../../../../src/core/serde/serdes';
import { StringDeserializer, StringSerializer } from '../../../../src/core/serde/string-serde';
import { InMemoryKeyValueStore } from '../../../../src/core/state/in-memory-key-value-store';
import { KeyValueStoreBuilder } from '../../../../src/core/state/key-value-store-builder';
import type { MeteredKeyValueStore } from '../../../../src/core/state/metered-key-value-store';
import { FakeStateStoreContext } from './support/fake-state-store-context';

const TOPIC = 'app-s-changelog';

interface Harness<V> {
  store: MeteredKeyValueStore<string, V>;
  inner: InMemoryKeyValueStore;
  context: FakeStateStoreContext;
  forwarded: { key: string; newValue: V | null; oldValue: V | null; timestamp: number }[];
}

async function cachedStore<V>(valueSerde: Serde<V>, cacheMaxBytes = 10_000, keySerde: Serde<string> = Serdes.String()): Promise<Harness<V>> {
  const inner = new InMemoryKeyValueStore('s');
  const store = new KeyValueStoreBuilder({ name: () => 's', get: () => inner, metricsScope: () => 'test' }, keySerde, valueSerde).withCachingEnabled().build();
  const context = new FakeStateStoreContext({ cacheMaxBytes });
  await store.init(context, store);
  const forwarded: Harness<V>['forwarded'] = [];
  store.setFlushListener((key, newValue, oldValue, timestamp) => forwarded.push({ key, newValue, oldValue, timestamp }), true);
  return { store, inner, context, forwarded };
}

/** A user's serde with exactly the built-in one's bytes (so never memoized), counting its calls. */
function userCopyOf<V>(serde: Serde<V>): Serde<V> & { calls: { serialize: number; deserialize: number } } {
  const calls = { serialize: 0, deserialize: 0 };
  const serializer = serde.serializer();
  const deserializer = serde.deserializer();
  return {
    calls,
    serializer: () => ({ serialize: (topic, data) => (calls.serialize++, serializer.serialize(topic, data)) }),
    deserializer: () => ({ deserialize: (topic, data) => (calls.deserialize++, deserializer.deserialize(topic, data)) }),
  };
}

/** Counts calls to a built-in class's method while `run` runs. */
async function counting(target: { prototype: object }, method: string, run: () => Promise<void> | void): Promise<number> {
  const prototype = target.prototype as Record<string, (...args: unknown[]) => unknown>;
  const original = prototype[method];
  let calls = 0;
  prototype[method] = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    prototype[method] = original;
  }
  return calls;
}

function changelog(context: FakeStateStoreContext): [string, string | null, number][] {
  return context.changelog.map((r) => [r.key.toString(), r.value?.toString('hex') ?? null, r.timestamp]);
}

describe('record cache value memo', () => {
  it('a get after a put of a Long returns the value without deserializing or serializing', async () => {
    const { store } = await cachedStore(Serdes.Long());
    let value: number | null = null;
    const serializations = await counting(LongSerializer, 'serialize', async () => {
      const deserializations = await counting(LongDeserializer, 'deserialize', () => {
        store.put('a', 41);
        store.put('a', (store.get('a') ?? 0) + 1);
        store.put('z', -0);
        value = store.get('a');
        expect(Object.is(store.get('z'), 0)).to.equal(true); // -0 comes back as the deserializer would return it
      });
      expect(deserializations).to.equal(0);
    });
    expect(value).to.equal(42);
    expect(serializations).to.equal(0);
  });

  it('a get after a put of a String returns the value; one with a surrogate takes the ordinary path', async () => {
    const { store } = await cachedStore(Serdes.String());
    const deserializations = await counting(StringDeserializer, 'deserialize', () => {
      store.put('a', 'héllo €');
      expect(store.get('a')).to.equal('héllo €');
    });
    expect(deserializations).to.equal(0);
    store.put('b', 'lone \ud800 surrogate');
    expect(store.get('b')).to.equal('lone ? surrogate'); // what Java's bytes give back, as before
    store.put('c', 'pair 😀');
    expect(store.get('c')).to.equal('pair 😀');
  });

  it("flushes the serializer's bytes, to the store below, the changelog and the listener", async () => {
    const longs = [0, -0, 1, -1, 255, 2 ** 32, -(2 ** 32) - 7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    const { store, inner, context, forwarded } = await cachedStore(Serdes.Long());
    longs.forEach((value, i) => store.put(`k${i}`, value));
    await store.flush();
    const serializer = new LongSerializer();
    longs.forEach((value, i) => {
      const expected = serializer.serialize(TOPIC, value)!;
      expect(inner.get(Buffer.from(`k${i}`))).to.deep.equal(expected);
      expect(context.changelog[i].value).to.deep.equal(expected);
      expect(forwarded[i].newValue).to.equal(value + 0);
    });

    const strings = ['', 'ascii', 'ünïcödé', '日本語', 'x'.repeat(100)];
    const text = await cachedStore(Serdes.String());
    strings.forEach((value, i) => text.store.put(`k${i}`, value));
    await text.store.flush();
    strings.forEach((value, i) => expect(text.context.changelog[i].value).to.deep.equal(new StringSerializer().serialize(TOPIC, value)));
  });

  it('a value the built-in serializer refuses still throws at the put', async () => {
    const { store } = await cachedStore(Serdes.Long());
    expect(() => store.put('a', 1.5)).to.throw(/LongSerializer/);
    expect(() => store.put('a', 2 ** 53)).to.throw(/LongSerializer/);
    const ints = await cachedStore(Serdes.Integer());
    expect(() => ints.store.put('a', 2 ** 31)).to.throw(/IntegerSerializer/);
    expect(ints.store.get('a')).to.equal(null);
  });

  for (const [name, serde, values] of [
    ['Long', Serdes.Long(), (i: number) => i * 1_000_003 - 5_000_000],
    ['String', Serdes.String(), (i: number) => `v${i}-${'é'.repeat(i % 4)}`],
  ] as const) {
    it(`under a small byte bound, evicts and flushes the same bytes in the same order as the ordinary path (${name})`, async () => {
      const keys = ['k0', 'k1', 'k2', 'é', 'k4', 'ключ', 'k6', 'Ã©', 'k8', 'pair 😀', 'k10', 'k11', 'k12'];
      const run = async (valueSerde: Serde<number | string>, keySerde: Serde<string>) => {
        const h = await cachedStore(valueSerde, 400, keySerde);
        const sizes: number[] = [];
        for (let i = 0; i < 200; i++) {
          h.context.processing(i);
          const key = keys[(i * 7) % 13];
          if (i % 5 === 0) h.store.get(key);
          if (i % 17 === 0) h.store.delete(key);
          else h.store.put(key, values(i));
          sizes.push(h.context.taskCache.sizeBytes());
        }
        const scanned: string[] = [];
        for await (const { key, value } of h.store.all()) scanned.push(`${key}=${value}`);
        await h.store.flush();
        return { changelog: changelog(h.context), forwarded: h.forwarded, sizes, evicts: h.context.taskCache.evicts(), scanned };
      };
      const memoized = await run(serde as Serde<number | string>, Serdes.String());
      const user = userCopyOf(serde as Serde<number | string>);
      const userKeys = userCopyOf(Serdes.String());
      const ordinary = await run(user, userKeys);
      expect(user.calls.serialize).to.be.greaterThan(0);
      expect(userKeys.calls.serialize).to.be.greaterThan(0);
      expect(memoized.evicts).to.be.greaterThan(10);
      expect(memoized).to.deep.equal(ordinary);
    });
  }

  it("a user's serde (or a subclass of a built-in one) never takes the memo path", async () => {
    const user = userCopyOf(Serdes.Long());
    const { store } = await cachedStore(user);
    store.put('a', 1);
    store.put('a', (store.get('a') ?? 0) + 1);
    expect(store.get('a')).to.equal(2);
    expect(user.calls).to.deep.equal({ serialize: 2, deserialize: 2 });

    class MyIntegerSerializer extends IntegerSerializer {}
    const sub: Serde<number> = { serializer: () => new MyIntegerSerializer(), deserializer: () => Serdes.Integer().deserializer() };
    const h = await cachedStore(sub);
    const serializations = await counting(IntegerSerializer, 'serialize', () => {
      h.store.put('a', 7);
    });
    expect(serializations).to.equal(1);
    expect(h.store.get('a')).to.equal(7);
  });

  it('memoized entries read the same through putIfAbsent, delete and scans', async () => {
    const { store } = await cachedStore(Serdes.Long());
    store.put('a', 1);
    store.put('b', 2);
    expect(store.putIfAbsent('a', 5)).to.equal(1);
    expect(store.delete('b')).to.equal(2);
    store.put('c', 3);
    const entries: string[] = [];
    for await (const { key, value } of store.all()) entries.push(`${key}=${value}`);
    expect(entries).to.deep.equal(['a=1', 'c=3']);
    expect(store.get('a')).to.equal(1);
  });

  it('finds an ASCII String key in the cache without its bytes, and tells non-ASCII keys apart', async () => {
    const { store, context } = await cachedStore(Serdes.Long());
    store.put('é', 1); // bytes c3 a9: the latin1 map key 'Ã©'
    store.put('Ã©', 2); // bytes c3 83 c2 a9
    store.put('ascii', 3);
    const serializations = await counting(StringSerializer, 'serialize', () => {
      store.put('ascii', (store.get('ascii') ?? 0) + 1); // cached: no key bytes needed
    });
    expect(serializations).to.equal(0);
    expect([store.get('é'), store.get('Ã©'), store.get('ascii'), store.get('missing')]).to.deep.equal([1, 2, 4, null]);
    await store.flush();
    expect(context.changelog.map((r) => [r.key.toString('hex'), r.value?.toString('hex')])).to.deep.equal([
      ['c3a9', '0000000000000001'],
      ['c383c2a9', '0000000000000002'],
      [Buffer.from('ascii').toString('hex'), '0000000000000004'],
    ]);
  });

  it('with a user value serde and String keys, a cached key is written with the serializer called once per put', async () => {
    const user = userCopyOf(Serdes.String());
    const { store, context } = await cachedStore(user);
    store.put('a', 'x');
    store.put('a', `${store.get('a')}y`);
    store.put('b', 'z');
    expect(user.calls).to.deep.equal({ serialize: 3, deserialize: 1 });
    await store.flush();
    expect(context.changelog.map((r) => [r.key.toString(), r.value?.toString()])).to.deep.equal([
      ['a', 'xy'],
      ['b', 'z'],
    ]);
  });
});
