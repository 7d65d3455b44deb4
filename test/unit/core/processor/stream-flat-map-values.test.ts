import { expect } from 'chai';
import { StreamsError } from '../../../../src/errors';
import { KStreamFlatMapValues } from '../../../../src/core/processor/stream-flat-map-values';
import { Record } from '../../../../src/core/processor/record';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamFlatMapValues', () => {
  it('forwards one record per value with the input key and timestamp', () => {
    const context = new FakeProcessorContext();
    const flatMapValues = new KStreamFlatMapValues<string, string, string>((v, k) => v.split(' ').map((w) => `${k}-${w}`));
    flatMapValues.init(context);
    flatMapValues.process(new Record('k', 'a b', 9));
    expect(context.forwarded.map((f) => [f.key, f.value, f.timestamp])).to.deep.equal([
      ['k', 'k-a', 9],
      ['k', 'k-b', 9],
    ]);
  });

  it('fails when the mapper returns null', () => {
    const context = new FakeProcessorContext();
    const flatMapValues = new KStreamFlatMapValues<string, string, string>(() => null as never);
    flatMapValues.init(context);
    expect(() => flatMapValues.process(new Record('k', 'v', 1))).to.throw(StreamsError, 'returned null');
  });
});
