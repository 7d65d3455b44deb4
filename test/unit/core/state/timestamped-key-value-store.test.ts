import { expect } from 'chai';
import { isCachedStateStore } from '../../../../src/core/state/cache-flush-listener';
import { InMemoryKeyValueStore } from '../../../../src/core/state/in-memory-key-value-store';
import { Stores } from '../../../../src/core/state/stores';
import type { TimestampedKeyValueStore } from '../../../../src/core/state/timestamped-key-value-store';
import { ValueAndTimestamp } from '../../../../src/core/state/value-and-timestamp';
import { ValueAndTimestampDeserializer, ValueAndTimestampSerde } from '../../../../src/core/state/value-and-timestamp-serde';
import { FakeStateStoreContext } from './support/fake-state-store-context';
import { bytes, stringSerde } from './support/test-serdes';

/** What Java's LongSerializer writes for `timestamp`, then the value's UTF-8 bytes. */
function javaBytes(timestamp: number, value: string): Buffer {
  const long = Buffer.alloc(8);
  long.writeBigInt64BE(BigInt(timestamp));
  return Buffer.concat([long, Buffer.from(value, 'utf8')]);
}

async function timestampedStore(options: { caching?: boolean; cacheMaxBytes?: number; valueSerde?: boolean } = {}) {
  const inner = new InMemoryKeyValueStore('s');
  const supplier = { name: () => 's', get: () => inner, metricsScope: () => 'test' };
  const builder = Stores.timestampedKeyValueStoreBuilder(supplier, stringSerde, options.valueSerde === false ? null : stringSerde);
  if (options.caching) builder.withCachingEnabled();
  const store: TimestampedKeyValueStore<string, string> = builder.build();
  const context = new FakeStateStoreContext({ cacheMaxBytes: options.cacheMaxBytes ?? 0, valueSerde: stringSerde });
  await store.init(context, store);
  return { store, inner, context };
}

describe('ValueAndTimestamp', () => {
  it('make() gives null for a null value, and getValueOrNull() unwraps or gives null', () => {
    expect(ValueAndTimestamp.make(null, 5)).to.equal(null);
    const made = ValueAndTimestamp.make('v', 5);
    expect(made?.value).to.equal('v');
    expect(made?.timestamp).to.equal(5);
    expect(ValueAndTimestamp.getValueOrNull(made)).to.equal('v');
    expect(ValueAndTimestamp.getValueOrNull(null)).to.equal(null);
    expect(ValueAndTimestamp.makeAllowNullable(null, 5)?.timestamp).to.equal(5);
    expect(made?.equals(ValueAndTimestamp.make('v', 5))).to.equal(true);
    expect(String(made)).to.equal('<v,5>');
  });
});

describe('ValueAndTimestampSerde', () => {
  const serde = new ValueAndTimestampSerde(stringSerde);

  it('writes the timestamp as an 8-byte big-endian long, then the value bytes, as Java does', () => {
    for (const timestamp of [0, 1, -1, 1_700_000_000_123, 2 ** 40 + 7, -(2 ** 35) - 3]) {
      const written = serde.serializer().serialize('t', ValueAndTimestamp.make('abc', timestamp));
      expect(written, String(timestamp)).to.deep.equal(javaBytes(timestamp, 'abc'));
    }
    expect(serde.serializer().serialize('t', ValueAndTimestamp.make('abc', 1))).to.deep.equal(bytes('00 00 00 00 00 00 00 01 61 62 63'));
    expect(serde.serializer().serialize('t', ValueAndTimestamp.make('', -1))).to.deep.equal(bytes('ff ff ff ff ff ff ff ff'));
  });

  it('reads back what it wrote, and null for null', () => {
    const written = serde.serializer().serialize('t', ValueAndTimestamp.make('value', 1_700_000_000_123));
    expect(serde.deserializer().deserialize('t', written)).to.deep.equal(ValueAndTimestamp.make('value', 1_700_000_000_123));
    expect(serde.deserializer().deserialize('t', javaBytes(-5, 'x'))).to.deep.equal(ValueAndTimestamp.make('x', -5));
    expect(serde.serializer().serialize('t', null)).to.equal(null);
    expect(serde.deserializer().deserialize('t', null)).to.equal(null);
    expect(ValueAndTimestampDeserializer.timestamp(javaBytes(2 ** 41, 'x'))).to.equal(2 ** 41);
  });
});

describe('a timestamped key-value store', () => {
  it('holds timestamp+value bytes in its inner store', async () => {
    const { store, inner } = await timestampedStore();
    store.put('k', ValueAndTimestamp.make('v', 42));
    expect(inner.get(Buffer.from('k'))).to.deep.equal(javaBytes(42, 'v'));
    expect(store.get('k')).to.deep.equal(ValueAndTimestamp.make('v', 42));
  });

  it("change-logs the plain value with the value's timestamp; a delete with the record's", async () => {
    const { store, context } = await timestampedStore();
    context.processing(100);
    store.put('k', ValueAndTimestamp.make('v', 42));
    store.delete('k');
    expect(context.changelog.map((r) => [r.key.toString(), r.value?.toString() ?? null, r.timestamp])).to.deep.equal([
      ['k', 'v', 42],
      ['k', null, 100],
    ]);
  });

  it('restores plain changelog values into timestamp+value bytes, bypassing cache and changelog', async () => {
    const { store, inner, context } = await timestampedStore({ caching: true, cacheMaxBytes: 10_000 });
    const forwarded: string[] = [];
    expect(isCachedStateStore<string, ValueAndTimestamp<string>>(store) && store.setFlushListener((key) => forwarded.push(key), true)).to.equal(true);
    await context.restore('s', [
      { key: Buffer.from('a'), value: Buffer.from('1'), timestamp: 7 },
      { key: Buffer.from('b'), value: Buffer.from('2'), timestamp: 8 },
      { key: Buffer.from('a'), value: null, timestamp: 9 },
    ]);
    expect(inner.get(Buffer.from('b'))).to.deep.equal(javaBytes(8, '2'));
    expect(store.get('a')).to.equal(null);
    expect(store.get('b')).to.deep.equal(ValueAndTimestamp.make('2', 8));
    await store.flush();
    expect(forwarded).to.deep.equal([]);
    expect(context.changelog).to.deep.equal([]);
  });

  it("wraps the task's default value serde when built without one", async () => {
    const { store, inner } = await timestampedStore({ valueSerde: false });
    store.put('k', ValueAndTimestamp.make('v', 3));
    expect(inner.get(Buffer.from('k'))).to.deep.equal(javaBytes(3, 'v'));
  });

  it('gives a flush listener ValueAndTimestamp values', async () => {
    const { store, context } = await timestampedStore({ caching: true, cacheMaxBytes: 10_000 });
    const forwarded: Array<[string, ValueAndTimestamp<string> | null, ValueAndTimestamp<string> | null, number]> = [];
    // How a KTable processor finds out whether it must forward itself or leave it to the cache.
    const caching = isCachedStateStore<string, ValueAndTimestamp<string>>(store) && store.setFlushListener((key, newValue, oldValue, timestamp) => forwarded.push([key, newValue, oldValue, timestamp]), true);
    expect(caching).to.equal(true);
    context.processing(10);
    store.put('k', ValueAndTimestamp.make('1', 10));
    await store.flush();
    context.processing(20);
    store.put('k', ValueAndTimestamp.make('2', 20));
    await store.flush();
    expect(forwarded).to.deep.equal([
      ['k', ValueAndTimestamp.make('1', 10), null, 10],
      ['k', ValueAndTimestamp.make('2', 20), ValueAndTimestamp.make('1', 10), 20],
    ]);
  });
});
