import { expect } from 'chai';
import { KStreamBranch } from '../../../../src/core/processor/stream-branch';
import { KStreamPassThrough } from '../../../../src/core/processor/stream-passthrough';
import { Record } from '../../../../src/core/processor/record';
import { FakeProcessorContext } from './fake-processor-context';

describe('KStreamBranch', () => {
  const predicates = [(k: number) => k % 2 === 0, (k: number) => k % 3 === 0];

  it('sends each record to the child of the first predicate it satisfies, else to the default child', () => {
    const context = new FakeProcessorContext();
    const branch = new KStreamBranch<number, string>(predicates, ['even', 'three', 'default']);
    branch.init(context);
    for (const key of [6, 3, 1]) branch.process(new Record(key, `v${key}`, key));
    expect(context.forwarded.map((f) => [f.key, f.childName])).to.deep.equal([
      [6, 'even'],
      [3, 'three'],
      [1, 'default'],
    ]);
  });

  it('drops records no predicate accepts when there is no default child', () => {
    const context = new FakeProcessorContext();
    const branch = new KStreamBranch<number, string>(predicates, ['even', 'three']);
    branch.init(context);
    branch.process(new Record(1, 'v1', 1));
    expect(context.forwarded).to.deep.equal([]);
  });
});

describe('KStreamPassThrough', () => {
  it('forwards every record unchanged', () => {
    const context = new FakeProcessorContext();
    const passThrough = new KStreamPassThrough<string, string>();
    passThrough.init(context);
    passThrough.process(new Record('k', 'v', 3));
    expect(context.forwarded).to.deep.equal([{ key: 'k', value: 'v', timestamp: 3, headers: [], childName: undefined }]);
  });
});
