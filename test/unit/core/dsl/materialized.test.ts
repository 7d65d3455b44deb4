import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { Materialized, MaterializedInternal } from '../../../../src/core/dsl/materialized';
import { InternalStreamsBuilder } from '../../../../src/core/dsl/internal-streams-builder';
import { Serdes } from '../../../../src/core/serde/serdes';
import { Stores } from '../../../../src/core/state/stores';
import { InternalTopologyBuilder } from '../../../../src/core/topology/internal-topology-builder';

describe('Materialized', () => {
  it('takes a store name, which must be a legal topic-name part', () => {
    expect(new MaterializedInternal(Materialized.as('counts')).queryableStoreName()).to.equal('counts');
    expect(() => Materialized.as('bad name')).to.throw(TopologyError, /illegal/);
    expect(() => Materialized.as('')).to.throw(TopologyError, /can't be empty/);
  });

  it('takes a store supplier, named by the supplier', () => {
    const internal = new MaterializedInternal(Materialized.as(Stores.inMemoryKeyValueStore('mem')));
    expect(internal.storeName()).to.equal('mem');
    expect(internal.queryableStoreName()).to.equal('mem');
    expect(internal.storeSupplier?.name()).to.equal('mem');
  });

  it('caches and change-logs by default; its with... methods change it and return it', () => {
    const m = Materialized.with(Serdes.String(), Serdes.Long());
    expect(m.cachingEnabled).to.equal(true);
    expect(m.loggingEnabled).to.equal(true);
    expect(m.withLoggingEnabled({ 'retention.ms': '1000' }).withCachingDisabled()).to.equal(m);
    expect(m.topicConfig).to.deep.equal({ 'retention.ms': '1000' });
    m.withLoggingDisabled();
    expect(m.topicConfig).to.deep.equal({});
    expect(() => m.withRetention(-1)).to.throw(TopologyError, 'Retention must not be negative.');
  });

  it('gets a generated name only from a name provider, consuming one index (MaterializedInternal)', () => {
    const builder = new InternalStreamsBuilder(new InternalTopologyBuilder());
    const unnamed = new MaterializedInternal(Materialized.with(null, null));
    expect(unnamed.storeName()).to.equal(null);
    const generated = new MaterializedInternal(Materialized.with(null, null), builder, 'KSTREAM-AGGREGATE-');
    expect(generated.storeName()).to.equal('KSTREAM-AGGREGATE-STATE-STORE-0000000000');
    expect(generated.queryableStoreName()).to.equal(null);
    // a named store consumes nothing
    new MaterializedInternal(Materialized.as('named'), builder, 'KSTREAM-AGGREGATE-');
    expect(builder.newProcessorName('X-')).to.equal('X-0000000001');
  });

  it("leaves the user's object alone when the DSL fills in serdes", () => {
    const m = Materialized.as<string, number>('s');
    new MaterializedInternal(m).withKeySerde(Serdes.String());
    expect(m.keySerde).to.equal(null);
  });
});
