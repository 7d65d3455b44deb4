import { expect } from 'chai';
import { InvalidStateStoreError, StateStoreMigratedError } from '../../../../src/errors';
import type { KeyValue } from '../../../../src/core/key-value';
import type { AsyncReadOnlyKeyValueStore } from '../../../../src/core/state/async-read-only-key-value-store';
import { CompositeReadOnlyKeyValueStore } from '../../../../src/core/state/composite-read-only-key-value-store';
import type { KeyValueIterator } from '../../../../src/core/state/key-value-iterator';
import { PeekingKeyValueIterator } from '../../../../src/core/state/peeking-key-value-iterator';

class ListIterator extends PeekingKeyValueIterator<string, number> {
  private index = 0;
  closed = false;
  constructor(private readonly entries: KeyValue<string, number>[]) {
    super('counts');
  }
  protected fetch(): KeyValue<string, number> | null {
    return this.index < this.entries.length ? this.entries[this.index++] : null;
  }
  protected override release(): void {
    this.closed = true;
  }
}

/** One partition's store: a sorted map. */
class PartitionStore implements AsyncReadOnlyKeyValueStore<string, number> {
  readonly opened: ListIterator[] = [];
  constructor(private readonly data: Record<string, number>) {}
  async get(key: string): Promise<number | null> {
    return Object.hasOwn(this.data, key) ? this.data[key] : null;
  }
  range(from: string | null, to: string | null): KeyValueIterator<string, number> {
    return this.open(this.sorted().filter((e) => (from === null || e.key >= from) && (to === null || e.key <= to)));
  }
  reverseRange(from: string | null, to: string | null): KeyValueIterator<string, number> {
    return this.open(this.sorted().filter((e) => (from === null || e.key >= from) && (to === null || e.key <= to)).reverse());
  }
  all(): KeyValueIterator<string, number> {
    return this.range(null, null);
  }
  reverseAll(): KeyValueIterator<string, number> {
    return this.reverseRange(null, null);
  }
  async approximateNumEntries(): Promise<number> {
    return Object.keys(this.data).length;
  }
  private sorted(): KeyValue<string, number>[] {
    return Object.keys(this.data)
      .sort()
      .map((key) => ({ key, value: this.data[key] }));
  }
  private open(entries: KeyValue<string, number>[]): ListIterator {
    const iterator = new ListIterator(entries);
    this.opened.push(iterator);
    return iterator;
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

async function drain(iterator: KeyValueIterator<string, number>): Promise<[string, number][]> {
  const out: [string, number][] = [];
  for await (const { key, value } of iterator) out.push([key, value]);
  return out;
}

describe('CompositeReadOnlyKeyValueStore', () => {
  const p0 = new PartitionStore({ a: 1, c: 3 });
  const p1 = new PartitionStore({ b: 2, d: 4 });
  const composite = new CompositeReadOnlyKeyValueStore<string, number>('counts', () => [p0, p1]);

  it('finds a key in whichever local store holds it, and null when none does', async () => {
    expect(await composite.get('a')).to.equal(1);
    expect(await composite.get('d')).to.equal(4);
    expect(await composite.get('z')).to.equal(null);
  });

  it('scans the stores one after another, as Java does (ordered per store, not globally)', async () => {
    expect(await drain(composite.all())).to.deep.equal([['a', 1], ['c', 3], ['b', 2], ['d', 4]]);
    expect(await drain(composite.range('b', 'c'))).to.deep.equal([['c', 3], ['b', 2]]);
    expect(await drain(composite.reverseAll())).to.deep.equal([['c', 3], ['a', 1], ['d', 4], ['b', 2]]);
    expect(await drain(composite.reverseRange('a', 'b'))).to.deep.equal([['a', 1], ['b', 2]]);
  });

  it('adds the counts of the stores up', async () => {
    expect(await composite.approximateNumEntries()).to.equal(4);
  });

  it('closes the store iterator it is in when closed early', async () => {
    const store = new PartitionStore({ a: 1, b: 2 });
    const iterator = new CompositeReadOnlyKeyValueStore<string, number>('counts', () => [store]).all();
    expect((await iterator.next()).value).to.deep.equal({ key: 'a', value: 1 });
    await iterator.close();
    expect(store.opened.map((i) => i.closed)).to.deep.equal([true]);
    const error = await rejection(iterator.next());
    expect(error).to.be.instanceOf(InvalidStateStoreError).with.property('message').match(/used after it was closed/);
  });

  it('asks the provider again on every call, so a store that became unavailable fails the next call', async () => {
    let available = true;
    const store = new CompositeReadOnlyKeyValueStore<string, number>('counts', () => {
      if (!available) throw new StateStoreMigratedError('The state store, counts, may have migrated to another instance.');
      return [p0];
    });
    expect(await store.get('a')).to.equal(1);
    available = false;
    expect(await rejection(store.get('a'))).to.be.instanceOf(StateStoreMigratedError).with.property('message').match(/may have migrated/);
    expect(() => store.all()).to.throw(StateStoreMigratedError);
  });
});
