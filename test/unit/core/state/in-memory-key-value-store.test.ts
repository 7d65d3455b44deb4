import { expect } from 'chai';
import { InvalidStateStoreError } from '../../../../src/errors';
import { InMemoryKeyValueStore } from '../../../../src/core/state/in-memory-key-value-store';
import { FakeStateStoreContext } from './support/fake-state-store-context';

async function openStore(): Promise<InMemoryKeyValueStore> {
  const store = new InMemoryKeyValueStore('s');
  store.init(new FakeStateStoreContext(), store);
  return store;
}

async function keys(iterator: AsyncIterable<{ key: Buffer }>): Promise<string[]> {
  const seen: string[] = [];
  for await (const { key } of iterator) seen.push(key.toString());
  return seen;
}

describe('InMemoryKeyValueStore', () => {
  it('a scan sees keys written ahead of it and skips keys deleted ahead of it', async () => {
    const store = await openStore();
    for (const key of ['a', 'c', 'e']) store.put(Buffer.from(key), Buffer.from('v'));
    const iterator = store.range(null, null, 'ascending');
    expect((await iterator.next()).value?.key.toString()).to.equal('a');
    store.put(Buffer.from('b'), Buffer.from('v'));
    store.put(Buffer.from('c'), null);
    expect(await keys(iterator)).to.deep.equal(['b', 'e']);
  });

  it('keeps 100 000 keys written in random order sorted, with writes that do not slow down', async () => {
    const store = await openStore();
    const count = 100_000;
    const order = Array.from({ length: count }, (_, i) => (i * 7919) % count); // 7919 is prime: a permutation
    const started = process.hrtime.bigint();
    for (const i of order) {
      const key = Buffer.alloc(4);
      key.writeUInt32BE(i);
      store.put(key, key);
      if (i % 1000 === 0) await keys(store.range(key, key, 'ascending')); // scans between writes stay cheap
    }
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(store.approximateNumEntries()).to.equal(count);
    const from = Buffer.alloc(4);
    from.writeUInt32BE(count - 3);
    const tail: number[] = [];
    for await (const { key } of store.range(from, null, 'ascending')) tail.push(key.readUInt32BE());
    expect(tail).to.deep.equal([count - 3, count - 2, count - 1]);
    // Generous: an O(n)-per-write structure takes tens of seconds here.
    expect(elapsedMs).to.be.lessThan(5000);
  });

  it('refuses reads and writes once closed, and forgets its entries', async () => {
    const store = await openStore();
    store.put(Buffer.from('a'), Buffer.from('v'));
    store.close();
    expect(() => store.get(Buffer.from('a'))).to.throw(InvalidStateStoreError);
    store.init(new FakeStateStoreContext(), store);
    expect(store.get(Buffer.from('a'))).to.equal(null);
  });

  it('copies restored keys and values out of the buffers it was given', async () => {
    const store = new InMemoryKeyValueStore('s');
    const context = new FakeStateStoreContext();
    store.init(context, store);
    const batch = Buffer.from('keyvalue');
    await context.restore('s', [{ key: batch.subarray(0, 3), value: batch.subarray(3), timestamp: 0 }]);
    batch.fill(0);
    expect(store.get(Buffer.from('key'))?.toString()).to.equal('value');
  });
});
