import { expect } from 'chai';
import { planInternalTopics } from '../../../src/coordination/internal-topics';
import { Serdes } from '../../../src/core/serde/serdes';
import { Stores } from '../../../src/core/state/stores';
import { InternalTopologyBuilder } from '../../../src/core/topology/internal-topology-builder';

const noop = () => ({ process: () => undefined });

/** input → sink into `rep`; `rep` → aggregate with store `counts`; optionally joined with `other`. */
function repartitioned(options: { fixed?: number; copartitionWith?: string } = {}): InternalTopologyBuilder {
  const b = new InternalTopologyBuilder();
  b.addSource({ name: 'src', topics: ['input'] });
  b.addProcessor('select', noop, ['src']);
  b.addInternalTopic('rep', { kind: 'repartition', partitions: options.fixed ?? null });
  b.addSink({ name: 'rep-sink', topic: 'rep', parentNames: ['select'] });
  b.addSource({ name: 'rep-src', topics: ['rep'] });
  b.addProcessor('agg', noop, ['rep-src']);
  b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore('counts'), Serdes.String(), Serdes.Long()), ['agg']);
  if (options.copartitionWith) {
    b.addSource({ name: 'other-src', topics: [options.copartitionWith] });
    b.addProcessor('join', noop, ['rep-src', 'other-src']);
    b.copartitionSources(['rep-src', 'other-src']);
  }
  return b;
}

describe('planInternalTopics', () => {
  it('gives a repartition topic the partition count of the sub-topology writing into it, and the changelog its reader\'s', () => {
    const plan = planInternalTopics('app', repartitioned().build(), new Map([['input', 4]]));
    expect(plan.internal.map((t) => [t.name, t.partitions])).to.deep.equal([
      ['app-rep', 4],
      ['app-counts-changelog', 4],
    ]);
    expect(plan.partitions.get('input')).to.equal(4);
  });

  it('keeps a fixed repartition count (Repartitioned.withNumberOfPartitions)', () => {
    const plan = planInternalTopics('app', repartitioned({ fixed: 2 }).build(), new Map([['input', 4]]));
    expect(plan.internal.map((t) => t.partitions)).to.deep.equal([2, 2]);
  });

  it('makes a repartition topic follow the user topic it is co-partitioned with', () => {
    const plan = planInternalTopics('app', repartitioned({ copartitionWith: 'other' }).build(), new Map([['input', 4], ['other', 6]]));
    expect(plan.partitions.get('app-rep')).to.equal(6);
  });

  it('fails with a TopologyError naming topics and counts when co-partitioned user topics differ', () => {
    const b = new InternalTopologyBuilder();
    b.addSource({ name: 'a', topics: ['left'] });
    b.addSource({ name: 'b', topics: ['right'] });
    b.addProcessor('join', noop, ['a', 'b']);
    b.copartitionSources(['a', 'b']);
    expect(() => planInternalTopics('app', b.build(), new Map([['left', 3], ['right', 5]])))
      .to.throw(/co-partitioned topics have different partition counts: left \(3 partitions\), right \(5 partitions\)/)
      .with.property('name', 'TopologyError');
  });

  it('fails naming the source topics that do not exist', () => {
    expect(() => planInternalTopics('app', repartitioned().build(), new Map())).to.throw(/source topic\(s\) input do not exist/);
  });
});
