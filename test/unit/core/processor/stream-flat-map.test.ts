import { expect } from 'chai';
import { StreamsError } from '../../../../src/errors';
import { KStreamFlatMap } from '../../../../src/core/processor/stream-flat-map';
import { Record } from '../../../../src/core/processor/record';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamFlatMap', () => {
  it('forwards one record per pair, in order, each with the input timestamp', () => {
    const context = new FakeProcessorContext();
    const flatMap = new KStreamFlatMap<number, string, string, number>((k, v) => [...v].map((c, i) => ({ key: c, value: k + i })));
    flatMap.init(context);
    flatMap.process(new Record(10, 'xy', 3));
    flatMap.process(new Record(20, '', 4));
    expect(context.forwarded.map((f) => [f.key, f.value, f.timestamp])).to.deep.equal([
      ['x', 10, 3],
      ['y', 11, 3],
    ]);
  });

  it('fails when the mapper returns null', () => {
    const context = new FakeProcessorContext();
    const flatMap = new KStreamFlatMap<number, string, string, number>(() => null as never);
    flatMap.init(context);
    expect(() => flatMap.process(new Record(1, 'a', 1))).to.throw(StreamsError, 'returned null');
  });
});
