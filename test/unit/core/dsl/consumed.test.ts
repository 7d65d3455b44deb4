import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { Consumed } from '../../../../src/core/dsl/consumed';
import { Grouped } from '../../../../src/core/dsl/grouped';
import { Produced } from '../../../../src/core/dsl/produced';
import { Repartitioned } from '../../../../src/core/dsl/repartitioned';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { TimestampExtractor } from '../../../../src/core/time/timestamp-extractor';

const extractor: TimestampExtractor = { extract: () => 0 };

describe('Consumed', () => {
  it("has Java's factory forms: serdes (with extractor and policy), an extractor alone, a policy alone, a name", () => {
    const full = Consumed.with(Serdes.String(), Serdes.Integer(), extractor, 'latest');
    expect([full.keySerde, full.valueSerde, full.timestampExtractor, full.offsetResetPolicy]).to.deep.equal([Serdes.String(), Serdes.Integer(), extractor, 'latest']);
    expect(Consumed.with(extractor).timestampExtractor).to.equal(extractor);
    expect(Consumed.with('earliest').offsetResetPolicy).to.equal('earliest');
    expect(Consumed.as('src').processorName).to.equal('src');
  });

  it('returns a new object from every with...', () => {
    const base = Consumed.with(Serdes.String(), Serdes.String());
    const named = base.withName('n').withOffsetResetPolicy('latest').withTimestampExtractor(extractor).withKeySerde(null);
    expect([base.processorName, base.offsetResetPolicy, base.timestampExtractor, base.keySerde]).to.deep.equal([null, null, null, Serdes.String()]);
    expect([named.processorName, named.offsetResetPolicy, named.timestampExtractor, named.keySerde]).to.deep.equal(['n', 'latest', extractor, null]);
  });

  it('refuses an unknown reset policy', () => {
    expect(() => Consumed.with('none' as never)).to.throw(TopologyError, "use 'earliest' or 'latest'");
  });
});

describe('Produced', () => {
  it('changes itself in with..., as Java does', () => {
    const produced = Produced.as<string, string>('sink');
    expect(produced.withKeySerde(Serdes.String()).withValueSerde(Serdes.String())).to.equal(produced);
    expect([produced.processorName, produced.keySerde, produced.valueSerde]).to.deep.equal(['sink', Serdes.String(), Serdes.String()]);
  });
});

describe('Repartitioned and Grouped', () => {
  it('return new objects from with...', () => {
    const base = Repartitioned.as<string, string>('r');
    const wider = base.withNumberOfPartitions(3);
    expect([base.numberOfPartitions, wider.numberOfPartitions, wider.name]).to.deep.equal([null, 3, 'r']);
    const grouped = Grouped.with<string, number>('g', Serdes.String(), Serdes.Integer());
    expect([grouped.name, grouped.keySerde, grouped.valueSerde]).to.deep.equal(['g', Serdes.String(), Serdes.Integer()]);
    const unnamed = Grouped.with(Serdes.String(), Serdes.Integer());
    expect([unnamed.name, unnamed.keySerde, unnamed.valueSerde]).to.deep.equal([null, Serdes.String(), Serdes.Integer()]);
    expect(grouped.withName('h').name).to.equal('h');
    expect(grouped.name).to.equal('g');
  });
});
