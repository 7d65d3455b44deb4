import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { defineTopology, isTopologyDefinition } from '../../../../src/core/dsl/define-topology';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Produced } from '../../../../src/core/dsl/produced';
import { Serdes } from '../../../../src/core/serde/serdes';

describe('defineTopology', () => {
  const definition = defineTopology((builder) => {
    builder
      .stream('stream_log', Consumed.with(Serdes.String(), Serdes.String()))
      .filter((_k, v) => v.length > 5)
      .to('stream_log_filter', Produced.with(Serdes.String(), Serdes.String()));
  });

  it('builds a new Topology on every call, each describing the same topology', () => {
    const first = definition.build();
    const second = definition.build();
    expect(first).to.not.equal(second);
    expect(first.describe().toString()).to.equal(second.describe().toString());
    expect(first.describe().toString()).to.contain('Processor: KSTREAM-FILTER-0000000001 (stores: [])');
  });

  it('is recognised by its brand, which survives a second copy of kstreams (a registered symbol)', () => {
    expect(isTopologyDefinition(definition)).to.equal(true);
    expect(isTopologyDefinition({ build: () => null })).to.equal(false);
    expect(isTopologyDefinition(null)).to.equal(false);
    expect(isTopologyDefinition({ [Symbol.for('kstreams.TopologyDefinition')]: true, build: () => null })).to.equal(true);
  });

  it('refuses something that is not a function', () => {
    expect(() => defineTopology(null as never)).to.throw(TopologyError, 'takes a function');
  });
});
