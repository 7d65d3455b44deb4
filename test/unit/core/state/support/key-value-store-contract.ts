// The behaviour every key-value store stack must have, whatever its inner store and layers: run
// once per configuration (in-memory and LevelDB, with and without caching and logging).
import { expect } from 'chai';
import { InvalidStateStoreError } from '../../../../../src/errors';
import type { KeyValueIterator } from '../../../../../src/core/state/key-value-iterator';
import type { KeyValueStore } from '../../../../../src/core/state/key-value-store';
import type { FakeStateStoreContext } from './fake-state-store-context';
import { bufferSerde, bytes } from './test-serdes';

export interface KeyValueStoreUnderTest {
  /** An initialised store of Buffer keys (serialized as they are) and string values. */
  readonly store: KeyValueStore<Buffer, string>;
  readonly context: FakeStateStoreContext;
  /** Iterators opened on the store and not closed. */
  openIterators(): number;
  /** Releases what the store was opened in (a task's storage and its directory), after the store closed. */
  dispose?(): Promise<void>;
}

/** Every entry of a scan, keys as spaced hex ('01 ff'), closing the iterator. */
export async function drain(iterator: KeyValueIterator<Buffer, string>): Promise<Array<[string, string]>> {
  const entries: Array<[string, string]> = [];
  for await (const { key, value } of iterator) entries.push([hex(key), value]);
  return entries;
}

export function hex(key: Buffer): string {
  return (key.toString('hex').match(/../g) ?? []).join(' ');
}

// In unsigned byte order: empty first, a prefix before its extensions, 0x80 and up after 0x7f.
const ORDERED_KEYS = ['', '00', '01', '01 00', '01 ff', '02', '7f', '80', '80 01', 'ff', 'ff ff'];

export function keyValueStoreContract(title: string, open: () => Promise<KeyValueStoreUnderTest>): void {
  describe(`${title}: the key-value store contract`, () => {
    let underTest: KeyValueStoreUnderTest;
    let store: KeyValueStore<Buffer, string>;

    beforeEach(async () => {
      underTest = await open();
      store = underTest.store;
    });

    afterEach(async () => {
      if (store.isOpen()) await store.close();
      await underTest.dispose?.();
    });

    /** Puts every key of ORDERED_KEYS, in a shuffled order, with its hex as value ('<empty>' for the empty key). */
    function putOrderedKeys(): void {
      const shuffled = [5, 0, 9, 3, 10, 1, 7, 4, 8, 2, 6].map((i) => ORDERED_KEYS[i]);
      for (const key of shuffled) store.put(bytes(key), valueOf(key));
    }

    function valueOf(key: string): string {
      return key === '' ? '<empty>' : key;
    }

    function expected(keys: string[]): Array<[string, string]> {
      return keys.map((key) => [key, valueOf(key)]);
    }

    describe('point reads and writes', () => {
      it('returns null for a key it does not have', () => {
        expect(store.get(bytes('01'))).to.equal(null);
      });

      it('returns the last value put for a key', () => {
        store.put(bytes('01'), 'a');
        expect(store.get(bytes('01'))).to.equal('a');
        store.put(bytes('01'), 'b');
        expect(store.get(bytes('01'))).to.equal('b');
      });

      it('deletes a key when null is put', async () => {
        store.put(bytes('01'), 'a');
        store.put(bytes('01'), null);
        expect(store.get(bytes('01'))).to.equal(null);
        await store.flush();
        expect(store.get(bytes('01'))).to.equal(null);
        expect(await drain(store.all())).to.deep.equal([]);
      });

      it('delete returns the value the key had and removes it; a missing key gives null', async () => {
        store.put(bytes('01'), 'a');
        await store.flush();
        expect(store.delete(bytes('01'))).to.equal('a');
        expect(store.get(bytes('01'))).to.equal(null);
        expect(store.delete(bytes('01'))).to.equal(null);
        expect(store.delete(bytes('02'))).to.equal(null);
      });

      it('putIfAbsent writes only when the key has no value, and returns the value it has', () => {
        expect(store.putIfAbsent(bytes('01'), 'a')).to.equal(null);
        expect(store.get(bytes('01'))).to.equal('a');
        expect(store.putIfAbsent(bytes('01'), 'b')).to.equal('a');
        expect(store.get(bytes('01'))).to.equal('a');
      });

      it('putAll writes every entry in order, null values deleting', () => {
        store.put(bytes('03'), 'old');
        store.putAll([
          { key: bytes('01'), value: 'a' },
          { key: bytes('02'), value: 'b' },
          { key: bytes('01'), value: 'c' },
          { key: bytes('03'), value: null },
        ]);
        expect(store.get(bytes('01'))).to.equal('c');
        expect(store.get(bytes('02'))).to.equal('b');
        expect(store.get(bytes('03'))).to.equal(null);
      });

      it('keeps its data across flushes', async () => {
        store.put(bytes('01'), 'a');
        await store.flush();
        store.put(bytes('02'), 'b');
        store.put(bytes('01'), 'c');
        await store.flush();
        await store.flush();
        expect(store.get(bytes('01'))).to.equal('c');
        expect(await drain(store.all())).to.deep.equal([
          ['01', 'c'],
          ['02', 'b'],
        ]);
      });

      it('rejects a null key', () => {
        expect(() => store.put(null as unknown as Buffer, 'a')).to.throw(/key cannot be null/);
        expect(() => store.get(null as unknown as Buffer)).to.throw(/key cannot be null/);
      });
    });

    describe('scans', () => {
      it('all() returns every entry in unsigned byte order, a prefix before its extensions', async () => {
        putOrderedKeys();
        expect(await drain(store.all())).to.deep.equal(expected(ORDERED_KEYS));
      });

      it('reverseAll() returns every entry in descending unsigned byte order', async () => {
        putOrderedKeys();
        expect(await drain(store.reverseAll())).to.deep.equal(expected([...ORDERED_KEYS].reverse()));
      });

      it('keeps the order between flushed entries and entries written since', async () => {
        for (const key of ORDERED_KEYS.filter((_, i) => i % 2 === 0)) store.put(bytes(key), valueOf(key));
        await store.flush();
        for (const key of ORDERED_KEYS.filter((_, i) => i % 2 === 1)) store.put(bytes(key), valueOf(key));
        expect(await drain(store.all())).to.deep.equal(expected(ORDERED_KEYS));
        expect(await drain(store.reverseAll())).to.deep.equal(expected([...ORDERED_KEYS].reverse()));
      });

      it('range() includes both of its bounds', async () => {
        putOrderedKeys();
        expect(await drain(store.range(bytes('01'), bytes('7f')))).to.deep.equal(expected(['01', '01 00', '01 ff', '02', '7f']));
        expect(await drain(store.range(bytes('80'), bytes('80')))).to.deep.equal(expected(['80']));
      });

      it('range() takes bounds that are not keys', async () => {
        putOrderedKeys();
        expect(await drain(store.range(bytes('01 01'), bytes('7f ff')))).to.deep.equal(expected(['01 ff', '02', '7f']));
        expect(await drain(store.range(bytes('03'), bytes('04')))).to.deep.equal([]);
      });

      it('range() with a null bound is open at that end', async () => {
        putOrderedKeys();
        expect(await drain(store.range(null, bytes('01 00')))).to.deep.equal(expected(['', '00', '01', '01 00']));
        expect(await drain(store.range(bytes('80 01'), null))).to.deep.equal(expected(['80 01', 'ff', 'ff ff']));
        expect(await drain(store.range(null, null))).to.deep.equal(expected(ORDERED_KEYS));
      });

      it('range() and reverseRange() are empty when from is after to', async () => {
        putOrderedKeys();
        expect(await drain(store.range(bytes('7f'), bytes('01')))).to.deep.equal([]);
        expect(await drain(store.reverseRange(bytes('7f'), bytes('01')))).to.deep.equal([]);
      });

      it('reverseRange() returns the entries of range(from, to), descending', async () => {
        putOrderedKeys();
        expect(await drain(store.reverseRange(bytes('01'), bytes('7f')))).to.deep.equal(expected(['7f', '02', '01 ff', '01 00', '01']));
        expect(await drain(store.reverseRange(null, bytes('01')))).to.deep.equal(expected(['01', '00', '']));
        expect(await drain(store.reverseRange(bytes('ff'), null))).to.deep.equal(expected(['ff ff', 'ff']));
      });

      it('prefixScan() returns exactly the keys that start with the prefix, ascending', async () => {
        putOrderedKeys();
        const serializer = bufferSerde.serializer();
        expect(await drain(store.prefixScan(bytes('01'), serializer))).to.deep.equal(expected(['01', '01 00', '01 ff']));
        // [0x02] is not a key with prefix [0x01, 0xff] (Java's Bytes.increment would let it in).
        expect(await drain(store.prefixScan(bytes('01 ff'), serializer))).to.deep.equal(expected(['01 ff']));
        expect(await drain(store.prefixScan(bytes('ff'), serializer))).to.deep.equal(expected(['ff', 'ff ff']));
        expect(await drain(store.prefixScan(bytes('03'), serializer))).to.deep.equal([]);
        expect(await drain(store.prefixScan(bytes(''), serializer))).to.deep.equal(expected(ORDERED_KEYS));
      });

      it('does not return deleted keys, deleted before or after a flush', async () => {
        putOrderedKeys();
        await store.flush();
        store.delete(bytes('01'));
        store.put(bytes('7f'), null);
        store.put(bytes('03'), 'new');
        store.put(bytes('03'), null);
        const remaining = ORDERED_KEYS.filter((key) => key !== '01' && key !== '7f');
        expect(await drain(store.all())).to.deep.equal(expected(remaining));
        expect(await drain(store.reverseRange(bytes('00'), bytes('80')))).to.deep.equal(expected(['80', '02', '01 ff', '01 00', '00']));
        await store.flush();
        expect(await drain(store.all())).to.deep.equal(expected(remaining));
      });

      it('returns the latest value of a key overwritten since the last flush', async () => {
        store.put(bytes('01'), 'a');
        store.put(bytes('02'), 'b');
        await store.flush();
        store.put(bytes('02'), 'c');
        expect(await drain(store.all())).to.deep.equal([
          ['01', 'a'],
          ['02', 'c'],
        ]);
      });
    });

    describe('iterators', () => {
      it('peekNextKey() shows the next key without moving, and null at the end', async () => {
        store.put(bytes('01'), 'a');
        store.put(bytes('02'), 'b');
        const iterator = store.all();
        expect(hex((await iterator.peekNextKey()) as Buffer)).to.equal('01');
        expect(hex((await iterator.peekNextKey()) as Buffer)).to.equal('01');
        expect((await iterator.next()).value).to.deep.equal({ key: bytes('01'), value: 'a' });
        expect(hex((await iterator.peekNextKey()) as Buffer)).to.equal('02');
        await iterator.next();
        expect(await iterator.peekNextKey()).to.equal(null);
        expect((await iterator.next()).done).to.equal(true);
      });

      it('leaving a for-await loop early closes the iterator', async () => {
        putOrderedKeys();
        const iterator = store.all();
        expect(underTest.openIterators()).to.equal(1);
        for await (const entry of iterator) {
          expect(hex(entry.key)).to.equal('');
          break;
        }
        expect(underTest.openIterators()).to.equal(0);
        let failure: unknown;
        await iterator.next().catch((err: unknown) => (failure = err));
        expect(failure).to.be.instanceOf(InvalidStateStoreError);
      });

      it('an iterator closes itself at its end and then keeps answering done', async () => {
        store.put(bytes('01'), 'a');
        const iterator = store.range(bytes('01'), bytes('02'));
        expect((await iterator.next()).done).to.equal(false);
        expect((await iterator.next()).done).to.equal(true);
        expect(underTest.openIterators()).to.equal(0);
        expect((await iterator.next()).done).to.equal(true);
      });

      it('next() after close() throws InvalidStateStoreError; closing twice is harmless', async () => {
        store.put(bytes('01'), 'a');
        const iterator = store.all();
        await iterator.close();
        await iterator.close();
        expect(underTest.openIterators()).to.equal(0);
        let failure: unknown;
        await iterator.next().catch((err: unknown) => (failure = err));
        expect(failure).to.be.instanceOf(InvalidStateStoreError);
      });

      it('counts iterators left open; closing the store closes them and reports how many', async () => {
        putOrderedKeys();
        const forgotten = store.all();
        await forgotten.next();
        const alsoForgotten = store.prefixScan(bytes('01'), bufferSerde.serializer());
        await drain(store.range(bytes('01'), bytes('02')));
        expect(underTest.openIterators()).to.equal(2);
        await store.close();
        expect(underTest.openIterators()).to.equal(0);
        expect(underTest.context.unclosedIteratorReports).to.deep.equal([2]);
        let failure: unknown;
        await alsoForgotten.next().catch((err: unknown) => (failure = err));
        expect(failure).to.be.instanceOf(InvalidStateStoreError);
      });
    });

    describe('approximateNumEntries', () => {
      it('counts the entries once they are flushed', async () => {
        expect(store.approximateNumEntries()).to.equal(0);
        putOrderedKeys();
        store.delete(bytes('ff'));
        await store.flush();
        expect(store.approximateNumEntries()).to.equal(ORDERED_KEYS.length - 1);
      });
    });
  });
}
