import { expect } from 'chai';
import { KStreamForeach } from '../../../../src/core/processor/stream-foreach';
import { KStreamPeek } from '../../../../src/core/processor/stream-peek';
import { Record } from '../../../../src/core/processor/record';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamPeek and KStreamForeach', () => {
  it('peek calls the action, then forwards the record unchanged', () => {
    const calls: string[] = [];
    const context = new FakeProcessorContext();
    const peek = new KStreamPeek<string, string>((k, v) => calls.push(`${k}=${v}`));
    peek.init(context);
    peek.process(new Record('a', 'b', 2));
    expect(calls).to.deep.equal(['a=b']);
    expect(context.forwarded).to.deep.equal([{ key: 'a', value: 'b', timestamp: 2, headers: [], childName: undefined }]);
  });

  it('foreach calls the action and forwards nothing', () => {
    const calls: string[] = [];
    const foreach = new KStreamForeach<string, string>((k, v) => calls.push(`${k}=${v}`));
    foreach.process(new Record('a', 'b', 2));
    expect(calls).to.deep.equal(['a=b']);
  });
});
