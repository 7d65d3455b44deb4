import { expect } from 'chai';
import { IllegalStateError } from '../../../../src/errors';
import { TaskLifecycle, canTransition, type TaskState } from '../../../../src/worker/thread/task-state';

const STATES: TaskState[] = ['created', 'restoring', 'running', 'suspended', 'closed'];

describe('task state', () => {
  it('allows exactly the transitions of the task life', () => {
    const allowed = STATES.flatMap((from) => STATES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).to.deep.equal([
      'created→restoring',
      'created→closed',
      'restoring→running',
      'restoring→suspended',
      'restoring→closed',
      'running→suspended',
      'running→closed',
      'suspended→restoring',
      'suspended→closed',
    ]);
  });

  it('walks a task through restore, processing, a rebalance and close', () => {
    const task = new TaskLifecycle('0_1');
    for (const next of ['restoring', 'running', 'suspended', 'restoring', 'running', 'closed'] as const) task.transitionTo(next);
    expect(task.state).to.equal('closed');
  });

  it('throws loudly on an illegal transition, saying where the task may go', () => {
    const task = new TaskLifecycle('0_1');
    task.transitionTo('restoring');
    task.transitionTo('running');
    expect(() => task.transitionTo('restoring')).to.throw(IllegalStateError, /task 0_1 cannot go from running to restoring \(from running it may go to suspended or closed\)/);
    task.transitionTo('closed');
    expect(() => task.transitionTo('running')).to.throw(IllegalStateError, /nothing: it is closed/);
  });

  it('names the action a state does not allow', () => {
    const task = new TaskLifecycle('2_0');
    expect(() => task.require('process records of', 'running')).to.throw(IllegalStateError, 'cannot process records of task 2_0: it is created, and only a running task can');
  });
});
