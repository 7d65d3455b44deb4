import { expect } from 'chai';
import { KStreamNullKeyFilter } from '../../../../src/core/processor/stream-null-key-filter';
import { Record } from '../../../../src/core/processor/record';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamNullKeyFilter', () => {
  it('forwards keyed records and drops, counting them, records without a key', () => {
    const context = new FakeProcessorContext('r-repartition-filter');
    const filter = new KStreamNullKeyFilter<string | null | undefined, string>();
    filter.init(context);
    filter.process(new Record('k', 'v', 1));
    filter.process(new Record(null, 'v', 2));
    filter.process(new Record(undefined, 'v', 3));
    expect(context.forwarded.map((f) => f.key)).to.deep.equal(['k']);
    expect(context.drops).to.deep.equal([
      ['null-key', '0_0', 'r-repartition-filter'],
      ['null-key', '0_0', 'r-repartition-filter'],
    ]);
  });
});
