import { expect } from 'chai';
import { TopologyError } from '../../../../src/errors';
import { Named, NamedInternal, type NameProvider } from '../../../../src/core/dsl/named';

function provider(): NameProvider & { taken: string[] } {
  let index = 0;
  const taken: string[] = [];
  return {
    taken,
    newProcessorName: (prefix) => {
      const name = prefix + String(index++).padStart(10, '0');
      taken.push(name);
      return name;
    },
    newStoreName: (prefix) => prefix + 'STATE-STORE-' + String(index++).padStart(10, '0'),
  };
}

describe('Named', () => {
  it('validates names as Kafka topic-name parts (Java Named.validate)', () => {
    expect(Named.as('a-b_c.d').name).to.equal('a-b_c.d');
    expect(() => Named.as('')).to.throw(TopologyError, "Name is illegal, it can't be empty");
    expect(() => Named.as('.')).to.throw(TopologyError, 'Name cannot be "." or ".."');
    expect(() => Named.as('x'.repeat(250))).to.throw(TopologyError, "can't be longer than 249 characters");
    expect(() => Named.as('a/b')).to.throw(TopologyError, "contains a character other than ASCII alphanumerics, '.', '_' and '-'");
    expect(() => Named.as(null as unknown as string)).to.throw(TopologyError, "name can't be null");
  });

  it('withName returns a new Named', () => {
    const first = Named.as('a');
    const second = first.withName('b');
    expect([first.name, second.name]).to.deep.equal(['a', 'b']);
  });
});

describe('NamedInternal', () => {
  it('orElseGenerateWithPrefix consumes an index whether or not a name was given', () => {
    const names = provider();
    expect(new NamedInternal(Named.as('mine')).orElseGenerateWithPrefix(names, 'KSTREAM-FILTER-')).to.equal('mine');
    expect(NamedInternal.empty().orElseGenerateWithPrefix(names, 'KSTREAM-FILTER-')).to.equal('KSTREAM-FILTER-0000000001');
  });

  it('suffixWithOrElseGet appends the suffix to a given name (consuming an index), else generates', () => {
    const names = provider();
    expect(new NamedInternal('t').suffixWithOrElseGet('-source', names, 'KSTREAM-SOURCE-')).to.equal('t-source');
    expect(NamedInternal.empty().suffixWithOrElseGet('-source', names, 'KSTREAM-SOURCE-')).to.equal('KSTREAM-SOURCE-0000000001');
    expect(names.taken).to.have.length(2);
    expect(() => new NamedInternal('x'.repeat(249)).suffixWithOrElseGet('-source', names, 'P-')).to.throw(TopologyError, 'longer than 249');
  });

  it('suffixWithOrElseGet with a fallback name consumes nothing', () => {
    expect(new NamedInternal('j').suffixWithOrElseGet('-left', 'other')).to.equal('j-left');
    expect(NamedInternal.empty().suffixWithOrElseGet('-left', 'other')).to.equal('other');
  });
});
