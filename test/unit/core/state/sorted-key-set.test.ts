import { expect } from 'chai';
import { SortedKeySet } from '../../../../src/core/state/sorted-key-set';

/** A small deterministic PRNG, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomKey(next: () => number): string {
  const length = Math.floor(next() * 4);
  let key = '';
  for (let i = 0; i < length; i++) key += String.fromCharCode(Math.floor(next() * 256));
  return key;
}

function ascending(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('SortedKeySet', () => {
  it('agrees with a sorted array through thousands of random adds and deletes', () => {
    const next = random(42);
    const set = new SortedKeySet();
    const reference = new Set<string>();
    for (let step = 0; step < 20_000; step++) {
      const key = randomKey(next);
      if (next() < 0.7) {
        expect(set.add(key)).to.equal(!reference.has(key));
        reference.add(key);
      } else {
        expect(set.delete(key)).to.equal(reference.has(key));
        reference.delete(key);
      }
    }
    const sorted = ascending(reference);
    expect(set.size).to.equal(sorted.length);
    const scanned: string[] = [];
    const cursor = set.cursor({ from: null, to: null, toInclusive: true }, false);
    for (let key = cursor.next(); key !== null; key = cursor.next()) scanned.push(key);
    expect(scanned).to.deep.equal(sorted);
    for (let probe = 0; probe < 500; probe++) {
      const key = randomKey(next);
      expect(set.higher(key, true)).to.equal(sorted.find((k) => k >= key) ?? null);
      expect(set.higher(key, false)).to.equal(sorted.find((k) => k > key) ?? null);
      expect(set.lower(key, true)).to.equal([...sorted].reverse().find((k) => k <= key) ?? null);
      expect(set.lower(key, false)).to.equal([...sorted].reverse().find((k) => k < key) ?? null);
    }
  });

  it('scans a bounded range in both directions, the upper bound inclusive or not', () => {
    const set = new SortedKeySet();
    for (const key of ['a', 'b', 'c', 'd']) set.add(key);
    const scan = (from: string | null, to: string | null, toInclusive: boolean, descending: boolean): string[] => {
      const cursor = set.cursor({ from, to, toInclusive }, descending);
      const keys: string[] = [];
      for (let key = cursor.next(); key !== null; key = cursor.next()) keys.push(key);
      return keys;
    };
    expect(scan('b', 'd', true, false)).to.deep.equal(['b', 'c', 'd']);
    expect(scan('b', 'd', false, false)).to.deep.equal(['b', 'c']);
    expect(scan('b', 'd', true, true)).to.deep.equal(['d', 'c', 'b']);
    expect(scan('b', 'd', false, true)).to.deep.equal(['c', 'b']);
    expect(scan('bb', 'cc', true, true)).to.deep.equal(['c']);
  });

  it('a scan sees keys added ahead of it and skips keys removed ahead of it', () => {
    const set = new SortedKeySet();
    for (let i = 0; i < 3000; i += 2) set.add(String(i).padStart(5, '0'));
    const cursor = set.cursor({ from: null, to: null, toInclusive: true }, false);
    expect(cursor.next()).to.equal('00000');
    set.add('00001');
    set.delete('00002');
    set.add('02999'); // far ahead, in another chunk
    expect(cursor.next()).to.equal('00001');
    expect(cursor.next()).to.equal('00004');
    let last = '';
    for (let key = cursor.next(); key !== null; key = cursor.next()) last = key;
    expect(last).to.equal('02999');
  });
});
