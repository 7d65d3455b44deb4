import { expect } from 'chai';
import { InsertionComparedTreeSet, hashSetCopyOrder, hashSetOrder, javaStringHashCode } from '../../../../src/core/topology/java-iteration-order';
import { topicMatchesPattern } from '../../../../src/core/topology/topic-pattern';

// Expected values printed by OpenJDK 17.
describe('java-iteration-order', () => {
  it("computes Java's String.hashCode", () => {
    expect(javaStringHashCode('hello')).to.equal(99162322);
    expect(javaStringHashCode('KSTREAM-SOURCE-0000000000')).to.equal(1861603632);
    expect(javaStringHashCode('')).to.equal(0);
    expect(javaStringHashCode('\u00e9\ud83d\ude00')).to.equal(1996812);
    expect(javaStringHashCode('Aa')).to.equal(javaStringHashCode('BB'));
  });

  it("iterates like Java's HashSet, across resizes", () => {
    const topics = Array.from({ length: 30 }, (_, i) => `topic-${i}`);
    const java30 =
      'topic-6, topic-7, topic-8, topic-9, topic-0, topic-1, topic-2, topic-3, topic-10, topic-4, topic-11, topic-5, topic-12, topic-24, topic-25, ' +
      'topic-26, topic-27, topic-28, topic-29, topic-20, topic-21, topic-22, topic-23, topic-13, topic-14, topic-15, topic-16, topic-17, topic-18, topic-19';
    expect(hashSetOrder(topics).join(', ')).to.equal(java30);
    expect(hashSetCopyOrder(topics).join(', ')).to.equal(java30);
    expect(hashSetCopyOrder(topics.slice(0, 12)).join(', ')).to.equal('topic-6, topic-7, topic-8, topic-9, topic-0, topic-1, topic-2, topic-3, topic-10, topic-4, topic-11, topic-5');
  });

  it('keeps insertion order within a bucket and drops duplicates', () => {
    expect(hashSetOrder(['BB', 'Aa', 'BB'])).to.deep.equal(['BB', 'Aa']);
    expect(hashSetOrder(['Aa', 'BB'])).to.deep.equal(['Aa', 'BB']);
  });

  it('orders a tree set by the comparison made at insertion, even when the key changes later', () => {
    const size = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    const set = new InsertionComparedTreeSet<string>((x, y) => (size.get(y) as number) - (size.get(x) as number) || (x < y ? -1 : x > y ? 1 : 0));
    set.add('b');
    set.add('a');
    expect(set.add('a')).to.equal(false);
    size.set('b', 5); // b is now "larger" and would sort first, but the tree keeps a before b
    expect(set.values()).to.deep.equal(['a', 'b']);
  });

  it('stays a sorted set through rebalancing', () => {
    const set = new InsertionComparedTreeSet<number>((a, b) => a - b);
    const values = Array.from({ length: 200 }, (_, i) => (i * 7919) % 1000);
    for (const v of values) set.add(v);
    expect(set.values()).to.deep.equal([...new Set(values)].sort((a, b) => a - b));
  });
});

describe('topicMatchesPattern', () => {
  it("matches the whole topic name, as Java's Matcher.matches()", () => {
    expect(topicMatchesPattern(/topic-\d+/, 'topic-12')).to.equal(true);
    expect(topicMatchesPattern(/topic-\d+/, 'topic-12-dlq')).to.equal(false);
    expect(topicMatchesPattern(/a|b/, 'b')).to.equal(true);
    expect(topicMatchesPattern(/a|b/, 'ab')).to.equal(false);
    expect(topicMatchesPattern(/ORDERS/i, 'orders')).to.equal(true);
  });

  it('does not carry state between calls for a global pattern', () => {
    const pattern = /t.*/g;
    expect(topicMatchesPattern(pattern, 'topic')).to.equal(true);
    expect(topicMatchesPattern(pattern, 'topic')).to.equal(true);
  });
});
