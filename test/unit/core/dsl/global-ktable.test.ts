import { expect } from 'chai';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { globalTableFromTopic } from '../../../../src/core/dsl/global-ktable';
import { Materialized } from '../../../../src/core/dsl/materialized';
import { StreamsBuilder } from '../../../../src/core/dsl/streams-builder';
import { Serdes } from '../../../../src/core/serde/serdes';
import { internalTopologyBuilder } from '../../../../src/core/topology/topology';

describe('GlobalKTable', () => {
  it('describes as a global store with the store name taken first, as in Java', () => {
    const builder = new StreamsBuilder();
    const table = globalTableFromTopic(builder.internalStreamsBuilder, 'topic', Consumed.with(Serdes.String(), Serdes.String()));
    expect(table.queryableStoreName()).to.equal(null);
    expect(builder.build().describe().toString()).to.equal(
      'Topologies:\n' +
        '   Sub-topology: 0 for global store (will not generate tasks)\n' +
        '    Source: KSTREAM-SOURCE-0000000001 (topics: [topic])\n' +
        '      --> KTABLE-SOURCE-0000000002\n' +
        '    Processor: KTABLE-SOURCE-0000000002 (stores: [topic-STATE-STORE-0000000000])\n' +
        '      --> none\n' +
        '      <-- KSTREAM-SOURCE-0000000001\n',
    );
  });

  it('is queryable under a named store, names its nodes after Consumed, and never change-logs', () => {
    const builder = new StreamsBuilder();
    const table = globalTableFromTopic(builder.internalStreamsBuilder, 'other', Consumed.as<string, string>('named'), Materialized.as<string, string>('gstore'));
    expect(table.queryableStoreName()).to.equal('gstore');
    const topology = builder.build();
    expect(topology.describe().toString()).to.contain('    Source: named-source (topics: [other])\n      --> named\n    Processor: named (stores: [gstore])\n');
    const built = internalTopologyBuilder(topology).build();
    expect(built.globalStores).to.have.length(1);
    expect(built.globalStores[0].store.changelogTopic).to.equal('other');
    expect(built.globalStores[0].store.changelogIsSourceTopic).to.equal(true);
    expect(built.internalTopics).to.deep.equal([]);
  });
});
