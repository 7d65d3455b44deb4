import { expect } from 'chai';
import { assign, type AssignorInput, type AssignorOutput } from '../../../../src/coordination/assignment/task-assignor';
import { validateAssignment } from '../../../../src/coordination/assignment/assignment-validator';
import { balancedQuotas } from '../../../../src/coordination/assignment/capacity-balance';
import { LATEST_OFFSET } from '../../../../src/coordination/assignment/task-lags';
import { activeByProcess, nextRound, Random, randomInput, shuffled, standbyByProcess } from './assignor-fixtures';

const SEEDS = 300;
const MAX_ROUNDS = 12;

function expectValid(input: AssignorInput, output: AssignorOutput, what: string): void {
  const problems = validateAssignment(input, output);
  expect(problems, `${what}: ${problems.join('; ')}`).to.deep.equal([]);
}

describe('task assignor properties (seeded random groups)', () => {
  it(`gives valid, balanced, high-availability assignments (${SEEDS} seeds)`, () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const input = randomInput(new Random(seed));
      expectValid(input, assign(input), `seed ${seed}`);
    }
  });

  it('gives the same assignment whatever the order of its input', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const input = randomInput(new Random(seed));
      const expected = assign(input);
      expect(assign(shuffled(input, new Random(seed * 7919))), `seed ${seed}`).to.deep.equal(expected);
    }
  });

  it('moves no active task when the previous assignment is balanced and its owners are caught up', () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = new Random(seed);
      const input = randomInput(random);
      // a balanced previous assignment: the tasks dealt out in random order by capacity
      const capacities = input.clients.map((c) => c.members.reduce((n, m) => n + m.threads, 0));
      const order = random.shuffle(input.clients.map((_c, i) => i));
      const quotas = balancedQuotas(input.tasks.length, order.map((i) => capacities[i]));
      const dealt = random.shuffle(input.tasks.map((t) => t.id));
      const previous = new Map<string, string[]>();
      let next = 0;
      order.forEach((clientIndex, k) => previous.set(input.clients[clientIndex].processId, dealt.slice(next, (next += quotas[k]))));
      const sticky: AssignorInput = {
        ...input,
        clients: input.clients.map((c) => {
          const lags = new Map(c.lags);
          for (const id of previous.get(c.processId) ?? []) lags.set(id, random.pick([LATEST_OFFSET, 0]));
          const mine = previous.get(c.processId) ?? [];
          return { ...c, previousActive: mine, previousStandby: c.previousStandby.filter((id) => !mine.includes(id)), lags };
        }),
      };
      const output = assign(sticky);
      expectValid(sticky, output, `seed ${seed}`);
      const expected = Object.fromEntries([...previous].map(([p, ids]) => [p, [...ids].sort(byTaskId)]));
      expect(activeByProcess(output), `seed ${seed}`).to.deep.equal(expected);
      expect(output.probingRebalanceNeeded, `seed ${seed}`).to.equal(false);
    }
  });

  it(`reaches a fixed point within ${MAX_ROUNDS} rebalances once warm-ups catch up, balanced and stable`, () => {
    const roundsNeeded: number[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      let input = randomInput(new Random(seed));
      let output = assign(input);
      let rounds = 1;
      for (;;) {
        expectValid(input, output, `seed ${seed} round ${rounds}`);
        const nextInput = nextRound(input, output);
        const nextOutput = assign(nextInput);
        if (!output.probingRebalanceNeeded && sameAssignment(output, nextOutput)) break;
        input = nextInput;
        output = nextOutput;
        rounds++;
        expect(rounds, `seed ${seed} did not converge`).to.be.at.most(MAX_ROUNDS);
      }
      roundsNeeded.push(rounds);
      // at the fixed point the actives themselves are balanced (nothing is held)
      expect(output.heldTasks, `seed ${seed}`).to.deep.equal([]);
    }
    expect(Math.max(...roundsNeeded)).to.be.at.most(MAX_ROUNDS);
  });
});

function sameAssignment(a: AssignorOutput, b: AssignorOutput): boolean {
  return JSON.stringify([activeByProcess(a), standbyByProcess(a), a.clients.map((c) => [c.warmup, c.members])]) ===
    JSON.stringify([activeByProcess(b), standbyByProcess(b), b.clients.map((c) => [c.warmup, c.members])]);
}

function byTaskId(a: string, b: string): number {
  const [x, y] = [a.split('_').map(Number), b.split('_').map(Number)];
  return x[0] - y[0] || x[1] - y[1];
}
