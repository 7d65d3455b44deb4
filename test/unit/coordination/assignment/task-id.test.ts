import { expect } from 'chai';
import { TaskAssignmentError } from '../../../../src/errors';
import { compareTaskIds, parseTaskId, sortTaskIds, taskId } from '../../../../src/coordination/assignment/task-id';

describe('task ids', () => {
  it('are <subtopology>_<partition>, as in Java', () => {
    expect(taskId(2, 13)).to.equal('2_13');
    expect(parseTaskId('2_13')).to.deep.equal({ subtopology: 2, partition: 13 });
  });

  it('sort by sub-topology, then partition, numerically', () => {
    expect(sortTaskIds(['1_0', '0_10', '0_9', '0_0'])).to.deep.equal(['0_0', '0_9', '0_10', '1_0']);
    expect(compareTaskIds('0_2', '0_2')).to.equal(0);
  });

  it('reject anything else with a TaskAssignmentError', () => {
    for (const bad of ['', '1', '1_', '_1', '01_1', '1_-1', 'a_b', '1_1_1', '1_1 ']) {
      expect(() => parseTaskId(bad), bad).to.throw(TaskAssignmentError, 'is not a task id');
    }
  });
});
