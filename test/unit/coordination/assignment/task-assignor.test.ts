import { expect } from 'chai';
import { TaskAssignmentError } from '../../../../src/errors';
import { assign, type AssignorConfig, type AssignorInput, type AssignorOutput } from '../../../../src/coordination/assignment/task-assignor';
import { validateAssignment } from '../../../../src/coordination/assignment/assignment-validator';
import { LATEST_OFFSET } from '../../../../src/coordination/assignment/task-lags';
import { activeByProcess, client, DEFAULT_CONFIG, lagsOf, nextRound, standbyByProcess, tasksOf } from './assignor-fixtures';

function run(input: AssignorInput): AssignorOutput {
  const output = assign(input);
  expect(validateAssignment(input, output)).to.deep.equal([]);
  return output;
}

const config = (overrides: Partial<AssignorConfig> = {}): AssignorConfig => ({ ...DEFAULT_CONFIG, ...overrides });
const ofSubtopology = (ids: readonly string[], subtopology: number) => ids.filter((id) => id.startsWith(`${subtopology}_`));

describe('task assignor', () => {
  describe('a fresh group', () => {
    it('gives a single process every task and no standbys, even when standbys are configured', () => {
      const output = run({ tasks: tasksOf([3, 2]), clients: [client('a', { threads: 2 })], config: config({ numStandbyReplicas: 1 }) });
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_0', '0_1', '0_2', '1_0', '1_1'] });
      expect(standbyByProcess(output)).to.deep.equal({ a: [] });
      expect(output.probingRebalanceNeeded).to.equal(false);
    });

    it('splits two processes evenly, each sub-topology half and half, with each standby on the other process', () => {
      const output = run({ tasks: tasksOf([4, 4]), clients: [client('b'), client('a')], config: config({ numStandbyReplicas: 1 }) });
      const active = activeByProcess(output);
      expect(active.a).to.have.length(4);
      expect(active.b).to.have.length(4);
      for (const subtopology of [0, 1]) {
        expect(ofSubtopology(active.a, subtopology)).to.have.length(2);
        expect(ofSubtopology(active.b, subtopology)).to.have.length(2);
      }
      const standby = standbyByProcess(output);
      expect([...standby.a].sort()).to.deep.equal([...active.b].sort());
      expect([...standby.b].sort()).to.deep.equal([...active.a].sort());
      expect(output.probingRebalanceNeeded).to.equal(false);
    });

    it('gives three processes tasks in proportion to their threads', () => {
      const output = run({
        tasks: tasksOf([6, 6], () => false),
        clients: [client('a', { threads: 1 }), client('b', { threads: 2 }), client('c', { threads: 3 })],
        config: config(),
      });
      const active = activeByProcess(output);
      expect([active.a.length, active.b.length, active.c.length]).to.deep.equal([2, 4, 6]);
      expect([ofSubtopology(active.a, 0).length, ofSubtopology(active.b, 0).length, ofSubtopology(active.c, 0).length]).to.deep.equal([1, 2, 3]);
    });

    it('spreads a process\'s tasks over its members by their threads', () => {
      const output = run({
        tasks: tasksOf([9], () => false),
        clients: [{ ...client('a'), members: [{ memberId: 'a-1', threads: 1 }, { memberId: 'a-2', threads: 2 }] }],
        config: config(),
      });
      expect(output.clients[0].members.map((m) => m.active.length)).to.deep.equal([3, 6]);
    });
  });

  describe('stateful and stateless tasks, balanced apart', () => {
    // the DSL word count: sub-topology 0 reads the input (stateless), sub-topology 1 counts (stateful)
    const wordCount = tasksOf([4, 4], (s) => s === 1);
    const stateful = (ids: readonly string[]) => ofSubtopology(ids, 1);
    const stateless = (ids: readonly string[]) => ofSubtopology(ids, 0);

    it('gives two fresh processes of one thread two stateful and two stateless tasks each', () => {
      const lagSets: Record<string, number>[] = [{}, { '1_0': 0, '1_1': 0, '1_2': 0, '1_3': 0 }, { '1_0': 90_000, '1_1': 90_000, '1_2': 90_000, '1_3': 90_000 }];
      for (const lags of lagSets) {
        const output = run({ tasks: wordCount, clients: [client('a', { lags }), client('b', { lags })], config: config() });
        for (const c of output.clients) {
          expect(stateful(c.active), `${c.processId} with lags ${JSON.stringify(lags)}`).to.have.length(2);
          expect(stateless(c.active), `${c.processId} with lags ${JSON.stringify(lags)}`).to.have.length(2);
        }
        expect(output.probingRebalanceNeeded).to.equal(false);
      }
    });

    it('gives two fresh processes two stateful tasks each when only one has their state from an earlier run', () => {
      const input: AssignorInput = {
        tasks: wordCount,
        clients: [client('a', { lags: { '1_0': 0, '1_1': 0, '1_2': 0, '1_3': 0 } }), client('b', { lags: { '1_0': 90_000, '1_1': 90_000, '1_2': 90_000, '1_3': 90_000 } })],
        config: config({ maxWarmupReplicas: 2 }),
      };
      const first = run(input);
      // a restores nothing, so it runs them all for now; two are meant for b, which warms them up
      expect(stateful(activeByProcess(first).a)).to.have.length(4);
      expect(first.heldTasks.map((h) => [h.movingTo, h.replicaAtDestination])).to.deep.equal([['b', 'warmup'], ['b', 'warmup']]);
      // the stateless tasks go by the desired assignment: two on each process
      expect(stateless(activeByProcess(first).a)).to.have.length(2);
      const second = run(nextRound(input, first));
      expect(second.probingRebalanceNeeded).to.equal(false);
      for (const c of second.clients) {
        expect(stateful(c.active), c.processId).to.have.length(2);
        expect(stateless(c.active), c.processId).to.have.length(2);
      }
    });

    it('splits the stateful and the stateless tasks each in proportion to the threads', () => {
      const output = run({ tasks: tasksOf([6, 6], (s) => s === 1), clients: [client('a'), client('b', { threads: 2 })], config: config() });
      const active = activeByProcess(output);
      expect([stateful(active.a).length, stateful(active.b).length]).to.deep.equal([2, 4]);
      expect([stateless(active.a).length, stateless(active.b).length]).to.deep.equal([2, 4]);
    });

    it('keeps the stateful tasks proportional when the thread counts do not divide them evenly', () => {
      const output = run({ tasks: wordCount, clients: [client('a'), client('b', { threads: 2 })], config: config() });
      const active = activeByProcess(output);
      // 4 stateful tasks over 1 + 2 threads: 1 or 2 on a (4/3 each thread), the rest on b
      expect(stateful(active.a).length).to.be.within(1, 2);
      expect(stateful(active.a).length + stateful(active.b).length).to.equal(4);
      // 8 tasks in all: 2 or 3 on a
      expect(active.a.length).to.be.within(2, 3);
    });

    it('gives a joining process its share of the stateful tasks (warming them up first), not only the stateless ones', () => {
      const all = wordCount.map((t) => t.id);
      const input: AssignorInput = {
        tasks: wordCount,
        clients: [client('a', { previousActive: all, lags: lagsOf(stateful(all)) }), client('b')],
        config: config({ maxWarmupReplicas: 2 }),
      };
      const first = run(input);
      // two stateful tasks are meant for b: they stay on a, which has their state, while b warms them up
      expect(first.heldTasks).to.have.length(2);
      expect(first.heldTasks.every((h) => h.activeOn === 'a' && h.movingTo === 'b' && h.replicaAtDestination === 'warmup')).to.equal(true);
      expect(first.probingRebalanceNeeded).to.equal(true);
      const firstActive = activeByProcess(first);
      expect(stateful(firstActive.a)).to.have.length(4);
      expect(stateless(firstActive.a)).to.have.length(2);
      expect(stateless(firstActive.b)).to.have.length(2);

      // the probing rebalance, once the warm-ups caught up, moves them: two of each kind on each process
      const second = run(nextRound(input, first));
      expect(second.probingRebalanceNeeded).to.equal(false);
      const active = activeByProcess(second);
      expect(stateful(active.b)).to.deep.equal(first.heldTasks.map((h) => h.taskId));
      for (const ids of [active.a, active.b]) {
        expect(stateful(ids)).to.have.length(2);
        expect(stateless(ids)).to.have.length(2);
      }
    });

    it('swaps stateful for stateless tasks at once when the other process has their state', () => {
      const output = run({
        tasks: wordCount,
        clients: [
          client('a', { previousActive: ['1_0', '1_1', '1_2', '1_3'], lags: lagsOf(['1_0', '1_1', '1_2', '1_3']) }),
          client('b', { previousActive: ['0_0', '0_1', '0_2', '0_3'], previousStandby: ['1_0', '1_1', '1_2', '1_3'], lags: lagsOf([], ['1_0', '1_1', '1_2', '1_3']) }),
        ],
        config: config({ numStandbyReplicas: 1 }),
      });
      expect(output.probingRebalanceNeeded).to.equal(false);
      const active = activeByProcess(output);
      for (const ids of [active.a, active.b]) {
        expect(stateful(ids)).to.have.length(2);
        expect(stateless(ids)).to.have.length(2);
      }
      // only as many tasks move as balance needs: two stateful ones to b, two stateless ones to a
      expect(stateless(active.b).every((id) => ['0_0', '0_1', '0_2', '0_3'].includes(id))).to.equal(true);
      // and each process keeps the state of the stateful tasks it gave away as standbys
      expect([...standbyByProcess(output).a].sort()).to.deep.equal(stateful(active.b));
      expect([...standbyByProcess(output).b].sort()).to.deep.equal(stateful(active.a));
    });

    it('keeps an assignment balanced both ways', () => {
      const input: AssignorInput = {
        tasks: wordCount,
        clients: [
          client('a', { previousActive: ['0_1', '0_3', '1_0', '1_1'], lags: lagsOf(['1_0', '1_1']) }),
          client('b', { previousActive: ['0_0', '0_2', '1_2', '1_3'], lags: lagsOf(['1_2', '1_3']) }),
        ],
        config: config(),
      };
      const output = run(input);
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_1', '0_3', '1_0', '1_1'], b: ['0_0', '0_2', '1_2', '1_3'] });
      expect(output.probingRebalanceNeeded).to.equal(false);
    });

    it('spreads the stateful tasks of a process over its members by themselves', () => {
      const output = run({
        tasks: wordCount,
        clients: [
          {
            ...client('a', { previousActive: wordCount.map((t) => t.id), lags: lagsOf(['1_0', '1_1', '1_2', '1_3']) }),
            members: [
              { memberId: 'a-1', threads: 1, previousActive: ['1_0', '1_1', '1_2', '1_3'] },
              { memberId: 'a-2', threads: 1, previousActive: ['0_0', '0_1', '0_2', '0_3'] },
            ],
          },
        ],
        config: config(),
      });
      for (const member of output.clients[0].members) {
        expect(stateful(member.active), member.memberId).to.have.length(2);
        expect(stateless(member.active), member.memberId).to.have.length(2);
      }
      // each member keeps the tasks it had as far as that allows
      expect(stateful(output.clients[0].members[0].active).length + stateless(output.clients[0].members[1].active).length).to.equal(4);
    });
  });

  describe('a process joins', () => {
    it('moves stateless tasks to it, and only as many as balance needs', () => {
      const tasks = tasksOf([6], () => false);
      const output = run({
        tasks,
        clients: [client('a', { previousActive: ['0_0', '0_1', '0_2'] }), client('b', { previousActive: ['0_3', '0_4', '0_5'] }), client('c')],
        config: config(),
      });
      const active = activeByProcess(output);
      expect(active.c).to.have.length(2);
      expect(active.a.every((id) => ['0_0', '0_1', '0_2'].includes(id))).to.equal(true);
      expect(active.b.every((id) => ['0_3', '0_4', '0_5'].includes(id))).to.equal(true);
      expect(output.probingRebalanceNeeded).to.equal(false);
    });

    it('warms up stateful tasks on it while they stay active on their caught-up owners, and asks for a probing rebalance', () => {
      const aTasks = ['0_0', '0_1', '0_2', '0_3'];
      const bTasks = ['0_4', '0_5', '0_6', '0_7'];
      const input: AssignorInput = {
        tasks: tasksOf([8]),
        clients: [
          client('a', { previousActive: aTasks, lags: lagsOf(aTasks) }),
          client('b', { previousActive: bTasks, lags: lagsOf(bTasks) }),
          client('c', { lags: Object.fromEntries([...aTasks, ...bTasks].map((id) => [id, 50_000])) }),
        ],
        config: config({ maxWarmupReplicas: 2 }),
      };
      const output = run(input);
      expect(activeByProcess(output)).to.deep.equal({ a: aTasks, b: bTasks, c: [] });
      expect(output.probingRebalanceNeeded).to.equal(true);
      expect(output.heldTasks).to.have.length(2); // c's share of 8 tasks over 3 processes
      expect(output.heldTasks.every((h) => h.movingTo === 'c' && h.replicaAtDestination === 'warmup')).to.equal(true);
      const warmups = output.clients.find((c) => c.processId === 'c')?.warmup ?? [];
      expect(warmups).to.deep.equal(output.heldTasks.map((h) => h.taskId));

      // once the warm-ups have caught up, the next rebalance moves exactly those tasks, and is final
      const second = run(nextRound(input, output));
      expect([...activeByProcess(second).c]).to.deep.equal(warmups);
      expect(second.probingRebalanceNeeded).to.equal(false);
    });

    it('hands out at most max.warmup.replicas warm-ups in one rebalance', () => {
      const all = tasksOf([12]).map((t) => t.id);
      const output = run({
        tasks: tasksOf([12]),
        clients: [client('a', { previousActive: all, lags: lagsOf(all) }), client('b')],
        config: config({ maxWarmupReplicas: 1 }),
      });
      expect(output.heldTasks).to.have.length(6);
      expect(output.heldTasks.filter((h) => h.replicaAtDestination === 'warmup')).to.have.length(1);
      expect(output.clients.find((c) => c.processId === 'b')?.warmup).to.have.length(1);
    });

    it('gives the joining process a stateful task at once when its state is caught up', () => {
      const all = ['0_0', '0_1', '0_2', '0_3'];
      const output = run({
        tasks: tasksOf([4]),
        clients: [client('a', { previousActive: all, lags: lagsOf(all) }), client('b', { lags: { '0_2': 0, '0_3': 7 } })],
        config: config(),
      });
      expect(activeByProcess(output).b).to.deep.equal(['0_2', '0_3']);
      expect(output.probingRebalanceNeeded).to.equal(false);
    });
  });

  describe('a process leaves', () => {
    it('moves its tasks only to processes that have their state, so no task waits for a restore', () => {
      const input: AssignorInput = {
        tasks: tasksOf([6]),
        clients: [
          client('a', { previousActive: ['0_0', '0_1'], previousStandby: ['0_2'], lags: lagsOf(['0_0', '0_1'], ['0_2']) }),
          client('b', { previousActive: ['0_2', '0_3'], previousStandby: ['0_4', '0_5'], lags: lagsOf(['0_2', '0_3'], ['0_4', '0_5']) }),
          // c, which ran 0_4 and 0_5, has left
        ],
        config: config({ numStandbyReplicas: 1 }),
      };
      const output = run(input);
      // b has the state of 0_4 and 0_5; balance then moves 0_2 to a, which has its state (rather than 0_4, which it has not)
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_0', '0_1', '0_2'], b: ['0_3', '0_4', '0_5'] });
      // and b keeps the state of 0_2 as its standby
      expect(standbyByProcess(output).b).to.include('0_2');
      expect(output.probingRebalanceNeeded).to.equal(false);
    });
  });

  describe('stickiness', () => {
    it('changes nothing when the previous assignment is balanced and every replica is caught up', () => {
      const input: AssignorInput = {
        tasks: tasksOf([3, 3]),
        clients: [
          client('a', { previousActive: ['0_1', '1_1'], previousStandby: ['0_0', '1_2'], lags: lagsOf(['0_1', '1_1'], ['0_0', '1_2']) }),
          client('b', { previousActive: ['0_0', '1_0'], previousStandby: ['0_2', '1_1'], lags: lagsOf(['0_0', '1_0'], ['0_2', '1_1']) }),
          client('c', { previousActive: ['0_2', '1_2'], previousStandby: ['0_1', '1_0'], lags: lagsOf(['0_2', '1_2'], ['0_1', '1_0']) }),
        ],
        config: config({ numStandbyReplicas: 1 }),
      };
      const output = run(input);
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_1', '1_1'], b: ['0_0', '1_0'], c: ['0_2', '1_2'] });
      expect(standbyByProcess(output)).to.deep.equal({ a: ['0_0', '1_2'], b: ['0_2', '1_1'], c: ['0_1', '1_0'] });
    });

    it('gives a task claimed by two processes (a stale claim) to the more caught-up one', () => {
      const output = run({
        tasks: tasksOf([2]),
        clients: [client('a', { previousActive: ['0_0'], lags: { '0_0': 500 } }), client('b', { previousActive: ['0_0', '0_1'], lags: lagsOf(['0_0', '0_1']) })],
        config: config({ acceptableRecoveryLag: 100 }),
      });
      // b runs 0_0 (LATEST_OFFSET), a's claim is stale. Balance then wants one task on a: 0_0, whose state a has
      // (lag 500, more than acceptable): it stays on b while a warms it up
      expect(activeByProcess(output)).to.deep.equal({ a: [], b: ['0_0', '0_1'] });
      expect(output.heldTasks).to.deep.equal([{ taskId: '0_0', activeOn: 'b', movingTo: 'a', replicaAtDestination: 'warmup' }]);
    });
  });

  describe('standbys', () => {
    it('never puts two replicas of a task on one process, so two processes get one standby each even with num.standby.replicas 2', () => {
      const output = run({ tasks: tasksOf([4]), clients: [client('a'), client('b')], config: config({ numStandbyReplicas: 2 }) });
      for (const c of output.clients) {
        expect(c.standby.filter((id) => c.active.includes(id))).to.deep.equal([]);
      }
      expect(output.clients.flatMap((c) => c.standby)).to.have.length(4);
    });

    it('gives stateless tasks no standbys', () => {
      const output = run({ tasks: tasksOf([2, 2], (s) => s === 0), clients: [client('a'), client('b'), client('c')], config: config({ numStandbyReplicas: 2 }) });
      const standbys = output.clients.flatMap((c) => c.standby);
      expect(standbys.every((id) => id.startsWith('0_'))).to.equal(true);
      expect(standbys).to.have.length(4);
    });
  });

  describe('high availability', () => {
    it('gives the active task to the caught-up process when its previous owner lost its state', () => {
      const output = run({
        tasks: tasksOf([2]),
        clients: [
          client('a', { previousActive: ['0_0'], lags: { '0_0': 90_000, '0_1': 0 } }), // restarted without its state
          client('b', { previousActive: ['0_1'], previousStandby: ['0_0'], lags: { '0_0': 3, '0_1': LATEST_OFFSET } }),
        ],
        config: config({ acceptableRecoveryLag: 100 }),
      });
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_1'], b: ['0_0'] });
      expect(output.probingRebalanceNeeded).to.equal(false);
    });

    it('restores a task where it is when nobody is more caught up', () => {
      const output = run({
        tasks: tasksOf([2]),
        clients: [client('a', { lags: { '0_0': 90_000, '0_1': 90_000 } }), client('b', { lags: { '0_0': 90_000, '0_1': 90_000 } })],
        config: config({ acceptableRecoveryLag: 100 }),
      });
      expect(output.probingRebalanceNeeded).to.equal(false);
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_0'], b: ['0_1'] });
    });

    it('keeps a task on the most caught-up process when none is within acceptable.recovery.lag', () => {
      const output = run({
        tasks: tasksOf([2]),
        clients: [client('a', { previousActive: ['0_0', '0_1'], lags: { '0_0': 500, '0_1': 500 } }), client('b', { lags: { '0_0': 9_000, '0_1': 9_000 } })],
        config: config({ acceptableRecoveryLag: 100 }),
      });
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_0', '0_1'], b: [] });
      expect(output.probingRebalanceNeeded).to.equal(true);
      expect(output.heldTasks).to.deep.equal([{ taskId: '0_0', activeOn: 'a', movingTo: 'b', replicaAtDestination: 'warmup' }]);
    });

    it('lets stateless tasks move freely, whatever the lags', () => {
      const output = run({
        tasks: tasksOf([4], () => false),
        clients: [client('a', { previousActive: ['0_0', '0_1', '0_2', '0_3'] }), client('b')],
        config: config(),
      });
      expect(activeByProcess(output).b).to.have.length(2);
      expect(output.probingRebalanceNeeded).to.equal(false);
    });

    it('uses a standby at the destination instead of a warm-up', () => {
      const all = ['0_0', '0_1', '0_2', '0_3'];
      const output = run({
        tasks: tasksOf([4]),
        clients: [client('a', { previousActive: all, lags: lagsOf(all) }), client('b')],
        config: config({ numStandbyReplicas: 1, maxWarmupReplicas: 1 }),
      });
      expect(output.heldTasks.map((h) => h.replicaAtDestination)).to.deep.equal(['standby', 'standby']);
      expect(output.clients.flatMap((c) => c.warmup)).to.deep.equal([]);
    });
  });

  describe('determinism and input checks', () => {
    it('gives the same output for the same input in any order', () => {
      const a = client('a', { threads: 2, previousActive: ['0_0'], lags: { '0_0': LATEST_OFFSET } });
      const b = client('b', { previousStandby: ['0_0'], lags: { '0_0': 0 } });
      const tasks = tasksOf([5, 3]);
      const one = assign({ tasks, clients: [a, b], config: config({ numStandbyReplicas: 1 }) });
      const two = assign({ tasks: [...tasks].reverse(), clients: [b, a], config: config({ numStandbyReplicas: 1 }) });
      expect(two).to.deep.equal(one);
    });

    it('rejects members without threads, duplicate ids and bad config with a TaskAssignmentError', () => {
      const tasks = tasksOf([1]);
      expect(() => assign({ tasks, clients: [client('a', { threads: 0 })], config: config() })).to.throw(TaskAssignmentError, 'threads');
      expect(() => assign({ tasks, clients: [client('a'), client('a')], config: config() })).to.throw(TaskAssignmentError, 'listed twice');
      expect(() => assign({ tasks, clients: [], config: config() })).to.throw(TaskAssignmentError, 'no process');
      expect(() => assign({ tasks, clients: [client('a')], config: config({ numStandbyReplicas: -1 }) })).to.throw(TaskAssignmentError, 'num.standby.replicas');
    });

    it('ignores previous tasks the topology no longer has', () => {
      const output = run({ tasks: tasksOf([1]), clients: [client('a', { previousActive: ['7_7'], previousStandby: ['8_8'] })], config: config() });
      expect(activeByProcess(output)).to.deep.equal({ a: ['0_0'] });
    });
  });
});
