import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { Consumed, Grouped, Materialized, Produced, Serdes, StreamsBuilder } from '../../../../src/index';
import { optimizationsOf } from '../../../../src/core/dsl/topology-optimizations';
import { internalTopologyBuilder } from '../../../../src/core/topology/topology';

function twoAggregations(config?: { [key: string]: unknown }): string {
  const builder = new StreamsBuilder();
  const grouped = builder
    .stream('in', Consumed.with(Serdes.String(), Serdes.Long()))
    .selectKey((key) => key.slice(0, 1))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()));
  grouped.count().toStream().to('count', Produced.with(Serdes.String(), Serdes.Long()));
  grouped.reduce((a, b) => a + b).toStream().to('sum', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build(config).describe().toString();
}

describe('topology.optimization (StreamsBuilder#build(config))', () => {
  it('reads none, all, or a list of optimizations, and refuses anything else', () => {
    expect([...optimizationsOf(undefined)]).to.deep.equal([]);
    expect([...optimizationsOf({ 'topology.optimization': 'none' })]).to.deep.equal([]);
    expect([...optimizationsOf({ 'topology.optimization': 'all' })]).to.have.members(['reuse.ktable.source.topics', 'merge.repartition.topics', 'single.store.self.join']);
    expect([...optimizationsOf({ 'topology.optimization': 'merge.repartition.topics, reuse.ktable.source.topics' })]).to.deep.equal([
      'merge.repartition.topics',
      'reuse.ktable.source.topics',
    ]);
    expect(() => optimizationsOf({ 'topology.optimization': 'merge' })).to.throw(TopologyError, /topology.optimization/);
  });

  it('without optimization, gives each aggregation after a key change its own repartition topic', () => {
    const text = twoAggregations();
    expect(text).to.contain('(topic: KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition)');
    expect(text).to.contain('(topic: KSTREAM-REDUCE-STATE-STORE-0000000009-repartition)');
  });

  it('with merge.repartition.topics, makes them share the first one, named after it as Java names it', () => {
    const text = twoAggregations({ 'topology.optimization': 'all' });
    expect(text).to.contain('Source: KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition-source (topics: [KSTREAM-AGGREGATE-STATE-STORE-0000000002-repartition])\n      --> KSTREAM-AGGREGATE-0000000003, KSTREAM-REDUCE-0000000010');
    expect(text).not.to.contain('KSTREAM-REDUCE-STATE-STORE-0000000009-repartition');
  });

  it('with reuse.ktable.source.topics, restores a source table from its topic: no changelog of its own', () => {
    const topics = (optimization: string): string[] => {
      const builder = new StreamsBuilder();
      builder.table('users', Consumed.with(Serdes.String(), Serdes.String()), Materialized.as<string, string>('users-store')).toStream().to('out');
      const topology = builder.build({ 'topology.optimization': optimization });
      return internalTopologyBuilder(topology).build().internalTopics.map((t) => t.name);
    };
    expect(topics('none')).to.deep.equal(['users-store-changelog']);
    expect(topics('reuse.ktable.source.topics')).to.deep.equal([]);
  });
});
