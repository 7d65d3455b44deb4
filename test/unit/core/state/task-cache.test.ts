import { expect } from 'chai';
import { ConfigError } from '../../../../src/errors';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import type { DirtyEntry } from '../../../../src/core/state/named-cache';
import { TaskCache } from '../../../../src/core/state/task-cache';

const context = { timestamp: 1, topic: 't', partition: 0, offset: 0, headers: new RecordHeaders() };

function write(value: string): [Buffer, typeof context, true] {
  return [Buffer.from(value), context, true];
}

describe('TaskCache', () => {
  it('estimates an entry as Java does: key, value, topic and headers plus a fixed overhead', () => {
    const cache = new TaskCache(1000);
    const named = cache.namedCache('s', () => {});
    named.put(Buffer.from('k'), 'k', ...write('vv'));
    // 24 (LRU node) + 1 (dirty) + 8 (timestamp) + 8 (offset) + 4 (partition) + 1 + 2 + 1 ('t')
    expect(cache.sizeBytes()).to.equal(49);
    named.put(Buffer.from('k'), 'k', ...write('v'));
    expect(cache.sizeBytes()).to.equal(48);
  });

  it('a write over the bound evicts from that store only, least recently used first', () => {
    const flushed: string[] = [];
    const cache = new TaskCache(48 * 3);
    const a = cache.namedCache('a', (entries) => flushed.push(...entries.map((e) => `a:${e.key.toString()}`)));
    const b = cache.namedCache('b', (entries) => flushed.push(...entries.map((e) => `b:${e.key.toString()}`)));
    a.put(Buffer.from('1'), '1', ...write('x'));
    a.put(Buffer.from('2'), '2', ...write('x'));
    b.put(Buffer.from('1'), '1', ...write('x'));
    expect(flushed).to.deep.equal([]);
    b.put(Buffer.from('2'), '2', ...write('x'));
    // b:1 is evicted; evicting a dirty entry flushes all of b's dirty entries (Java's NamedCache).
    expect(flushed).to.deep.equal(['b:1', 'b:2']);
    expect(a.size()).to.equal(2);
    expect(b.size()).to.equal(1);
    expect(cache.sizeBytes()).to.equal(48 * 3);
    expect(cache.evicts()).to.equal(1);
  });

  it('with 0 bytes, flushes every write as it is made and keeps nothing', () => {
    const flushed: DirtyEntry[][] = [];
    const cache = new TaskCache(0);
    const named = cache.namedCache('s', (entries) => flushed.push(entries));
    named.put(Buffer.from('k'), 'k', ...write('1'));
    named.put(Buffer.from('k'), 'k', ...write('2'));
    expect(flushed.map((entries) => entries.map((e) => e.newValue?.toString()))).to.deep.equal([['1'], ['2']]);
    expect(cache.size()).to.equal(0);
    expect(cache.sizeBytes()).to.equal(0);
  });

  it('shrinking evicts until the cache fits; clear() drops entries without flushing them', () => {
    const flushed: string[] = [];
    const cache = new TaskCache(1000);
    const named = cache.namedCache('s', (entries) => flushed.push(...entries.map((e) => e.key.toString())));
    for (const key of ['1', '2', '3']) named.put(Buffer.from(key), key, ...write('x'));
    cache.resize(48 * 2);
    expect(flushed).to.deep.equal(['1', '2', '3']);
    expect(cache.size()).to.equal(2);
    named.put(Buffer.from('4'), '4', ...write('x'));
    flushed.length = 0;
    cache.clear();
    named.flush();
    expect(flushed).to.deep.equal([]);
    expect(cache.size()).to.equal(0);
    expect(cache.sizeBytes()).to.equal(0);
  });

  it('evicts in exact LRU order after many hits, and flushes in the order of the last writes', () => {
    const flushed: string[] = [];
    const cache = new TaskCache(10_000);
    const named = cache.namedCache('s', (entries) => flushed.push(entries.map((e) => e.key.toString()).join(',')));
    for (const key of ['1', '2', '3', '4']) named.put(Buffer.from(key), key, ...write('x'));
    // Enough hits to compact the LRU and dirty logs several times over.
    for (let i = 0; i < 1000; i++) {
      named.get(String(1 + (i % 3)));
      named.put(Buffer.from(String(1 + (i % 2))), String(1 + (i % 2)), ...write('y'));
    }
    named.get('4');
    named.get('3');
    // Used last: 3, then 4, then 2 (i = 999 wrote 2), then 1. Written last: 2, then 1; 3 and 4 before.
    expect(named.size()).to.equal(4);
    named.evict();
    expect(flushed).to.deep.equal(['1,3,4,2']);
    expect(named.get('1')).to.equal(undefined);
    // Now least recently used first: 4, 3, then 2 written again (dirty).
    named.put(Buffer.from('2'), '2', ...write('z'));
    named.evict();
    named.evict();
    expect(flushed).to.have.length(1);
    expect(named.get('4')).to.equal(undefined);
    expect(named.get('3')).to.equal(undefined);
    named.evict();
    expect(flushed).to.deep.equal(['1,3,4,2', '2']);
    expect(named.isEmpty()).to.equal(true);
  });

  it('refuses a negative or fractional bound', () => {
    expect(() => new TaskCache(-1)).to.throw(ConfigError);
    expect(() => new TaskCache(1.5)).to.throw(ConfigError);
  });
});
