import { expect } from 'chai';
import { StreamsError } from '../../../../src/errors';
import { KStreamMap } from '../../../../src/core/processor/stream-map';
import { Record } from '../../../../src/core/processor/record';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamMap', () => {
  it('forwards the pair the mapper returns with the input timestamp and headers', () => {
    const context = new FakeProcessorContext();
    const map = new KStreamMap<string, number, number, string>((k, v) => ({ key: v, value: k }));
    map.init(context);
    map.process(new Record('a', 1, 5, new RecordHeaders().add('h', null)));
    expect(context.forwarded).to.deep.equal([{ key: 1, value: 'a', timestamp: 5, headers: [['h', null]], childName: undefined }]);
  });

  it('fails when the mapper returns null, naming the processor', () => {
    const context = new FakeProcessorContext('KSTREAM-MAP-0000000001');
    const map = new KStreamMap<string, number, number, string>(() => null as never);
    map.init(context);
    expect(() => map.process(new Record('a', 1, 5))).to.throw(StreamsError, 'The provided KeyValueMapper returned null which is not allowed (processor KSTREAM-MAP-0000000001)');
  });
});
