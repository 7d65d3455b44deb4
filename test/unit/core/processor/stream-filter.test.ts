import { expect } from 'chai';
import { KStreamFilter } from '../../../../src/core/processor/stream-filter';
import { Record } from '../../../../src/core/processor/record';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamFilter', () => {
  it('forwards, unchanged, the records the predicate accepts', () => {
    const context = new FakeProcessorContext();
    const filter = new KStreamFilter<string, number>((_k, v) => v > 1, false);
    filter.init(context);
    filter.process(new Record('a', 1, 10));
    filter.process(new Record('b', 2, 20, new RecordHeaders().add('h', 'v')));
    expect(context.forwarded).to.deep.equal([{ key: 'b', value: 2, timestamp: 20, headers: [['h', 'v']], childName: undefined }]);
  });

  it('forwards the records the predicate rejects when it is filterNot', () => {
    const context = new FakeProcessorContext();
    const filter = new KStreamFilter<string, number>((_k, v) => v > 1, true);
    filter.init(context);
    filter.process(new Record('a', 1, 10));
    filter.process(new Record('b', 2, 20));
    expect(context.forwarded.map((f) => f.key)).to.deep.equal(['a']);
  });
});
