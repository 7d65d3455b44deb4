import { expect } from 'chai';
import { assign, type AssignorInput, type AssignorOutput, type ClientTasks } from '../../../../src/coordination/assignment/task-assignor';
import { validateAssignment } from '../../../../src/coordination/assignment/assignment-validator';
import { client, DEFAULT_CONFIG, lagsOf, tasksOf } from './assignor-fixtures';

const input: AssignorInput = {
  tasks: tasksOf([4]),
  clients: [client('a', { lags: lagsOf(['0_0', '0_1']) }), client('b', { lags: lagsOf(['0_2', '0_3']) })],
  config: { ...DEFAULT_CONFIG, numStandbyReplicas: 1 },
};

/** The valid output with process `processId`'s tasks replaced. */
function withClient(output: AssignorOutput, processId: string, change: Partial<ClientTasks>): AssignorOutput {
  return {
    ...output,
    clients: output.clients.map((c) => {
      if (c.processId !== processId) return c;
      const next = { ...c, ...change };
      return { ...next, members: [{ memberId: c.members[0].memberId, active: next.active, standby: next.standby, warmup: next.warmup }] };
    }),
  };
}

describe('assignment validator', () => {
  const valid = assign({ ...input, clients: [client('a', { previousActive: ['0_0', '0_1'], lags: lagsOf(['0_0', '0_1']) }), client('b', { previousActive: ['0_2', '0_3'], lags: lagsOf(['0_2', '0_3']) })] });

  it('accepts what the assignor produces', () => {
    expect(validateAssignment(input, valid)).to.deep.equal([]);
  });

  it('reports a task active twice and a task active nowhere', () => {
    const broken = withClient(valid, 'a', { active: ['0_0', '0_2'] });
    const problems = validateAssignment(input, broken);
    expect(problems).to.include('task 0_1 is active on 0 processes ()');
    expect(problems).to.include('task 0_2 is active on 2 processes (a, b)');
  });

  it('reports two replicas of a task on one process and a missing standby', () => {
    const broken = withClient(valid, 'a', { standby: ['0_0', '0_2'] });
    const problems = validateAssignment(input, broken);
    expect(problems).to.include('process a holds two replicas of task 0_0');
    expect(problems).to.include('task 0_3 has 0 standbys, expected 1');
  });

  it('reports an unbalanced assignment and an active task on a lagging process while another is caught up', () => {
    const broken = withClient(withClient(valid, 'a', { active: ['0_0', '0_1', '0_2', '0_3'], standby: [] }), 'b', { active: [], standby: ['0_0', '0_1', '0_2', '0_3'] });
    const problems = validateAssignment(input, broken);
    expect(problems.some((p) => p.startsWith('desired active tasks are not balanced'))).to.equal(true);
    expect(problems).to.include('task 0_2 is active on a, which is not caught up, while b is more caught up');
  });

  it('reports a warm-up that no held task explains, and a wrong probing flag', () => {
    const broken = { ...withClient(valid, 'b', { warmup: ['0_1'] }), probingRebalanceNeeded: true };
    const problems = validateAssignment(input, broken);
    expect(problems).to.include('process b has a warm-up of task 0_1, which is not held for it');
    expect(problems).to.include('probingRebalanceNeeded is true with 0 held tasks');
  });
});
