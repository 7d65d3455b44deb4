import { expect } from 'chai';
import { assign, type AssignorInput, type AssignorOutput } from '../../../../src/coordination/assignment/task-assignor';
import { validateAssignment } from '../../../../src/coordination/assignment/assignment-validator';
import { balancedQuotas, isCapacityBalanced } from '../../../../src/coordination/assignment/capacity-balance';
import { LATEST_OFFSET } from '../../../../src/coordination/assignment/task-lags';
import { activeByProcess, desiredStatefulLoad, nextRound, Random, randomInput, shuffled, standbyByProcess } from './assignor-fixtures';

// ASSIGNOR_SEEDS=5000 npx mocha ... runs more cases
const SEEDS = Number(process.env.ASSIGNOR_SEEDS ?? 300);
const MAX_ROUNDS = 12;

function expectValid(input: AssignorInput, output: AssignorOutput, what: string): void {
  const problems = validateAssignment(input, output);
  expect(problems, `${what}: ${problems.join('; ')}`).to.deep.equal([]);
  expectStatefulBalanced(input, output, what);
}

/**
 * Beside all actives (the validator), the stateful actives by themselves are balanced by capacity:
 * over the processes (held tasks counted where they move to) and over the members of each process.
 */
function expectStatefulBalanced(input: AssignorInput, output: AssignorOutput, what: string): void {
  const load = desiredStatefulLoad(input, output);
  expect(isCapacityBalanced(load), `${what}: stateful actives ${load.map((h) => `${h.processId}=${h.count}/${h.capacity}`).join(', ')}`).to.equal(true);
  const stateful = new Set(input.tasks.filter((t) => t.stateful).map((t) => t.id));
  for (const out of output.clients) {
    const threads = new Map(input.clients.find((c) => c.processId === out.processId)?.members.map((m) => [m.memberId, m.threads]));
    const members = out.members.map((m) => ({ count: m.active.filter((id) => stateful.has(id)).length, capacity: threads.get(m.memberId) ?? 1 }));
    expect(isCapacityBalanced(members), `${what}: stateful actives of ${out.processId}'s members`).to.equal(true);
  }
}

describe('task assignor properties (seeded random groups)', () => {
  it(`gives valid, balanced, high-availability assignments (${SEEDS} seeds)`, () => {
    let withoutHolds = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const input = randomInput(new Random(seed));
      const output = assign(input);
      expectValid(input, output, `seed ${seed}`);
      if (output.heldTasks.length > 0) continue;
      withoutHolds++;
      // nothing held: the stateful actives that run are the balanced ones
      const stateful = new Set(input.tasks.filter((t) => t.stateful).map((t) => t.id));
      const running = input.clients.map((c) => ({
        count: output.clients.find((o) => o.processId === c.processId)?.active.filter((id) => stateful.has(id)).length ?? 0,
        capacity: c.members.reduce((n, m) => n + m.threads, 0),
      }));
      expect(isCapacityBalanced(running), `seed ${seed}`).to.equal(true);
    }
    expect(withoutHolds, 'seeds without held tasks').to.be.greaterThan(SEEDS / 10);
  });

  it('balances the stateful actives of a previous assignment that balanced only the total', () => {
    let skewed = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = new Random(seed);
      const input = randomInput(random);
      if (input.clients.length < 2) continue;
      // every stateful task on the first processes, the stateless ones filling the rest: balanced in total
      const capacities = input.clients.map((c) => c.members.reduce((n, m) => n + m.threads, 0));
      const ordered = [...input.tasks.filter((t) => t.stateful), ...input.tasks.filter((t) => !t.stateful)].map((t) => t.id);
      const quotas = balancedQuotas(ordered.length, capacities);
      let next = 0;
      const previous = capacities.map((_capacity, c) => ordered.slice(next, (next += quotas[c])));
      const skewedInput: AssignorInput = {
        ...input,
        clients: input.clients.map((c, i) => {
          const lags = new Map(c.lags);
          for (const id of previous[i]) lags.set(id, LATEST_OFFSET);
          return { ...c, previousActive: previous[i], previousStandby: c.previousStandby.filter((id) => !previous[i].includes(id)), lags };
        }),
      };
      const statefulIds = new Set(input.tasks.filter((t) => t.stateful).map((t) => t.id));
      if (!isCapacityBalanced(previous.map((ids, c) => ({ count: ids.filter((id) => statefulIds.has(id)).length, capacity: capacities[c] })))) skewed++;
      expectValid(skewedInput, assign(skewedInput), `seed ${seed}`);
    }
    expect(skewed, 'seeds whose previous stateful actives were skewed').to.be.greaterThan(SEEDS / 10);
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
      // a balanced previous assignment: the stateful tasks dealt out in random order by capacity, then
      // the stateless ones on top of them, so that the stateful actives and all actives are balanced
      const capacities = input.clients.map((c) => c.members.reduce((n, m) => n + m.threads, 0));
      const order = random.shuffle(input.clients.map((_c, i) => i));
      const orderedCapacities = order.map((i) => capacities[i]);
      const statefulIds = random.shuffle(input.tasks.filter((t) => t.stateful).map((t) => t.id));
      const statelessIds = random.shuffle(input.tasks.filter((t) => !t.stateful).map((t) => t.id));
      const statefulQuotas = balancedQuotas(statefulIds.length, orderedCapacities);
      const statelessQuotas = balancedQuotas(statelessIds.length, orderedCapacities, statefulQuotas);
      const previous = new Map<string, string[]>();
      let nextStateful = 0;
      let nextStateless = 0;
      order.forEach((clientIndex, k) =>
        previous.set(input.clients[clientIndex].processId, [
          ...statefulIds.slice(nextStateful, (nextStateful += statefulQuotas[k])),
          ...statelessIds.slice(nextStateless, (nextStateless += statelessQuotas[k])),
        ]),
      );
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
      // at the fixed point the actives themselves are balanced (nothing is held), the stateful ones too
      expect(output.heldTasks, `seed ${seed}`).to.deep.equal([]);
      expectStatefulBalanced(input, output, `seed ${seed} at its fixed point`);
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
