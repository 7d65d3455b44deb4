import { expect } from 'chai';
import { KStreamMapValues } from '../../../../src/core/processor/stream-map-values';
import { Record } from '../../../../src/core/processor/record';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamMapValues', () => {
  it('replaces the value with mapper(value, key) and keeps key and timestamp', () => {
    const context = new FakeProcessorContext();
    const mapValues = new KStreamMapValues<string, number, string>((v, k) => `${k}:${v * 2}`);
    mapValues.init(context);
    mapValues.process(new Record('a', 21, 7));
    expect(context.forwarded).to.deep.equal([{ key: 'a', value: 'a:42', timestamp: 7, headers: [], childName: undefined }]);
  });

  it('forwards a null value the mapper returns', () => {
    const context = new FakeProcessorContext();
    const mapValues = new KStreamMapValues<string, number, null>(() => null);
    mapValues.init(context);
    mapValues.process(new Record('a', 1, 1));
    expect(context.forwarded.map((f) => f.value)).to.deep.equal([null]);
  });
});
