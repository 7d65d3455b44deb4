// The task assignment algorithm: plain data in, plain data out, no Kafka. The group leader runs it
// at every rebalance (see group-assignment.ts for the protocol glue around it).
//
// 1. Desired actives, stateful and stateless balanced apart (as Java's HighAvailabilityTaskAssignor
//    places stateful actives balanced by capacity first, then stateless ones on the least loaded
//    clients). Every task starts on its previous active owner (sticky). (A previous owner that is not
//    caught up, while another process is more caught up, does not count as owner.)
//    a. Stateful tasks. One without an owner goes to a caught-up process if there is one (the one with
//       the fewest stateful tasks per thread), else the most caught up. Then, while moving one stateful
//       task from a process to another would even out their stateful load (stateful tasks per thread,
//       capacity-balance.ts: within one task of the even share, Java's balance factor 1), the cheapest
//       such move is made: to a process that is caught up on the task, then to the one closest to
//       caught up; a task that was placed this round before one the process ran; then the move
//       towards the lowest total load, the most uneven pair, and the move that spreads the task's
//       sub-topology best.
//    b. Stateless tasks fill up around them. One without an owner goes to the process with the
//       fewest active tasks per thread; then, while moving one task would even out the total load
//       (all active tasks per thread), a stateless task moves (one placed this round first, then the
//       most uneven pair, then the best sub-topology spread). Moving only stateless tasks always
//       suffices: a process whose total load is too high while its stateful load is balanced must
//       have a stateless task. So the desired actives end balanced twice: stateful ones by themselves,
//       and all of them together.
// 2. High availability (KIP-441). A stateful task whose desired process is not caught up
//    (lag > acceptable.recovery.lag), while some other process is more caught up, stays active on a
//    caught-up process (its previous owner if caught up) or, when none is, the most caught-up one. It
//    is "held": its desired process gets a warm-up replica (unless it already holds a standby of
//    it), at most max.warmup.replicas warm-ups per rebalance, and a probing rebalance is requested.
//    Balance is judged on the desired actives (a held task counts on the process it moves to).
// 3. Standbys. num.standby.replicas standbys of every stateful task on processes other than its
//    active one (never two replicas of a task on one process): previous standbys stay, missing ones
//    go to caught-up processes first, then the least loaded (actives + standbys per thread); then
//    standbys move while that evens out the total load.
// 4. Within each process, its tasks are spread over its members by their threads (member-distribution.ts):
//    stateful actives balanced by themselves, then stateless actives on top (so all actives are
//    balanced too), then standbys and warm-ups on top of those (Java's order is stateful actives,
//    standbys, stateless actives; ours keeps every member's actives balanced by threads).
//
// Determinism: the input is sorted first (processes by id, tasks by sub-topology and partition) and
// every choice ends in a tie-break on those orders, so the input's order never matters.
// Convergence: a round without held tasks reproduces itself (a previous assignment balanced both
// ways is kept, and its owners are caught up); a round with held tasks gives at least one
// not-caught-up process a replica of a task it is moving to (a standby, or a warm-up while
// max.warmup.replicas ≥ 1, which Java requires), so once those catch up, with stable members, the
// rounds reach a fixed point.
import { TaskAssignmentError } from '../../errors';
import { moveEvensLoad } from './capacity-balance';
import { distributeOverSlots } from './member-distribution';
import { compareTaskIds, type TaskId } from './task-id';
import { isCaughtUp, lagRank } from './task-lags';

export interface AssignorTask {
  readonly id: TaskId;
  readonly subtopology: number;
  /** Has changelogs: lags matter, standbys and warm-ups exist. Stateless tasks move freely. */
  readonly stateful: boolean;
}

export interface AssignorMember {
  /** The consumer group member id. */
  readonly memberId: string;
  /** Stream threads behind this member (positive integer). */
  readonly threads: number;
  /** Tasks this member ran as active / standby before: within its process it keeps them if it can. */
  readonly previousActive?: readonly TaskId[];
  readonly previousStandby?: readonly TaskId[];
}

export interface AssignorClient {
  readonly processId: string;
  readonly members: readonly AssignorMember[];
  /** Tasks the process ran as active before this rebalance (ids the topology no longer has are ignored). */
  readonly previousActive: readonly TaskId[];
  readonly previousStandby: readonly TaskId[];
  /**
   * Lag of the process's local state of each stateful task (task-lags.ts: LATEST_OFFSET when it runs
   * the task, a non-negative lag, or UNKNOWN_LAG); a task missing here lags by an unknown amount.
   */
  readonly lags: ReadonlyMap<TaskId, number>;
}

export interface AssignorConfig {
  readonly numStandbyReplicas: number;
  readonly maxWarmupReplicas: number;
  readonly acceptableRecoveryLag: number;
}

export interface AssignorInput {
  readonly tasks: readonly AssignorTask[];
  readonly clients: readonly AssignorClient[];
  readonly config: AssignorConfig;
}

export interface MemberTasks {
  readonly memberId: string;
  readonly active: readonly TaskId[];
  readonly standby: readonly TaskId[];
  readonly warmup: readonly TaskId[];
}

export interface ClientTasks {
  readonly processId: string;
  /** Sorted by sub-topology, then partition; likewise every task list of the output. */
  readonly active: readonly TaskId[];
  readonly standby: readonly TaskId[];
  /** Warm-up replicas: restore like standbys, taken over as active once caught up (Java sends them as standbys). */
  readonly warmup: readonly TaskId[];
  /** In the order of the input's members, sorted by member id. */
  readonly members: readonly MemberTasks[];
}

/** A stateful task kept on a caught-up process while its desired process catches up. */
export interface HeldTask {
  readonly taskId: TaskId;
  readonly activeOn: string;
  readonly movingTo: string;
  /** What the desired process holds meanwhile: a standby, a warm-up, or nothing (warm-ups used up). */
  readonly replicaAtDestination: 'standby' | 'warmup' | 'none';
}

export interface AssignorOutput {
  /** Sorted by process id. */
  readonly clients: readonly ClientTasks[];
  readonly heldTasks: readonly HeldTask[];
  /** Some task is held: rebalance again (after probing.rebalance.interval.ms) to see whether it caught up. */
  readonly probingRebalanceNeeded: boolean;
}

/** Assigns active, standby and warm-up tasks to the processes and their members. Pure and deterministic. */
export function assign(input: AssignorInput): AssignorOutput {
  return new Assignment(input).run();
}

const NONE = -1;

/** Lexicographic comparison of numeric keys. */
function lexLess(a: readonly number[], b: readonly number[] | null): boolean {
  if (b === null) return true;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return false;
}

class Assignment {
  private readonly tasks: AssignorTask[];
  private readonly index: Map<TaskId, number>;
  private readonly clients: AssignorClient[];
  private readonly config: AssignorConfig;
  private readonly capacity: number[];
  /** lagRank / caught-up per [client][task]; rank 0 and caught up for stateless tasks. */
  private readonly rank: number[][];
  private readonly caughtUp: boolean[][];
  private readonly previousActive: Set<number>[];
  private readonly previousStandby: Set<number>[];
  /** Sub-topology of each task as a dense index. */
  private readonly group: number[];
  private readonly groupCount: number;

  // the state being built
  private readonly owner: number[];
  private readonly activeOf: Set<number>[];
  /** Active tasks per client, all of them and the stateful ones. */
  private readonly activeCount: number[];
  private readonly statefulCount: number[];
  private readonly activeGroupCount: number[][];

  constructor(input: AssignorInput) {
    validateInput(input);
    this.config = input.config;
    this.tasks = [...input.tasks].sort((a, b) => compareTaskIds(a.id, b.id));
    this.clients = [...input.clients].sort((a, b) => compareStrings(a.processId, b.processId));
    const index = (this.index = new Map(this.tasks.map((task, t) => [task.id, t])));
    const groups = [...new Set(this.tasks.map((task) => task.subtopology))].sort((a, b) => a - b);
    const groupIndex = new Map(groups.map((g, i) => [g, i]));
    this.group = this.tasks.map((task) => groupIndex.get(task.subtopology) as number);
    this.groupCount = groups.length;
    this.capacity = this.clients.map((client) => client.members.reduce((sum, member) => sum + member.threads, 0));
    const known = (ids: readonly TaskId[]) => new Set(ids.filter((id) => index.has(id)).map((id) => index.get(id) as number));
    this.previousActive = this.clients.map((client) => known(client.previousActive));
    this.previousStandby = this.clients.map((client) => known(client.previousStandby));
    this.rank = this.clients.map((client) => this.tasks.map((task) => (task.stateful ? lagRank(client.lags.get(task.id)) : 0)));
    this.caughtUp = this.clients.map((client) =>
      this.tasks.map((task) => !task.stateful || isCaughtUp(client.lags.get(task.id), this.config.acceptableRecoveryLag)),
    );
    this.owner = this.tasks.map(() => NONE);
    this.activeOf = this.clients.map(() => new Set<number>());
    this.activeCount = this.clients.map(() => 0);
    this.statefulCount = this.clients.map(() => 0);
    this.activeGroupCount = this.clients.map(() => new Array<number>(this.groupCount).fill(0));
  }

  run(): AssignorOutput {
    this.placePreviousOwners();
    this.placeUnownedStatefulTasks();
    this.balanceStatefulActives();
    this.placeUnownedStatelessTasks();
    this.balanceAllActives();
    const held = this.holdForCaughtUpClients();
    const standbys = this.assignStandbys();
    const warmups = this.clients.map(() => new Set<number>());
    const heldTasks = this.assignWarmups(held, standbys, warmups);
    return {
      clients: this.clients.map((client, c) => this.clientTasks(client, c, standbys[c], warmups[c])),
      heldTasks,
      probingRebalanceNeeded: heldTasks.length > 0,
    };
  }

  // ---- 1. desired actives ----

  private placePreviousOwners(): void {
    this.clients.forEach((_client, c) => {
      for (const t of this.previousActive[c]) {
        // an owner that lost its state while another process kept up is no owner: the task is placed afresh
        if (this.tasks[t].stateful && !this.caughtUp[c][t] && this.clients.some((_other, o) => this.rank[o][t] < this.rank[c][t])) continue;
        const current = this.owner[t];
        // two processes claim the task (a zombie's stale claim): the more caught-up one keeps it
        if (current === NONE || this.rank[c][t] < this.rank[current][t]) this.setOwner(t, c);
      }
    });
  }

  private placeUnownedStatefulTasks(): void {
    this.tasks.forEach((task, t) => {
      if (!task.stateful || this.owner[t] !== NONE) return;
      this.setOwner(
        t,
        this.best((c) => {
          const statefulLoad = (this.statefulCount[c] + 1) / this.capacity[c];
          const load = (this.activeCount[c] + 1) / this.capacity[c];
          const spread = this.activeGroupCount[c][this.group[t]] / this.capacity[c];
          return this.caughtUp[c][t] ? [0, statefulLoad, load, this.rank[c][t], spread, c] : [1, this.rank[c][t], statefulLoad, load, spread, c];
        }),
      );
    });
  }

  private placeUnownedStatelessTasks(): void {
    this.tasks.forEach((task, t) => {
      if (task.stateful || this.owner[t] !== NONE) return;
      this.setOwner(
        t,
        this.best((c) => [(this.activeCount[c] + 1) / this.capacity[c], this.activeGroupCount[c][this.group[t]] / this.capacity[c], c]),
      );
    });
  }

  /** The client whose key is lexicographically lowest (`key` returns null for clients that are out). */
  private best(key: (c: number) => number[] | null): number {
    let best = NONE;
    let bestKey: number[] | null = null;
    this.clients.forEach((_client, c) => {
      const k = key(c);
      if (k !== null && lexLess(k, bestKey)) {
        best = c;
        bestKey = k;
      }
    });
    return best;
  }

  /** Moves stateful actives while some move evens out two clients' stateful load. */
  private balanceStatefulActives(): void {
    this.balanceBy(this.statefulCount, (t, a, b) => {
      if (!this.tasks[t].stateful) return null;
      const totalUnevenness = (this.activeCount[a] - 1) / this.capacity[a] - (this.activeCount[b] + 1) / this.capacity[b];
      const unevenness = (this.statefulCount[a] - 1) / this.capacity[a] - (this.statefulCount[b] + 1) / this.capacity[b];
      return [this.caughtUp[b][t] ? 0 : 1, this.previousActive[a].has(t) ? 1 : 0, this.rank[b][t], -totalUnevenness, -unevenness, -this.spreadGain(t, a, b)];
    });
  }

  /** Moves stateless actives while some move evens out two clients' total active load. */
  private balanceAllActives(): void {
    this.balanceBy(this.activeCount, (t, a, b) => {
      if (this.tasks[t].stateful) return null;
      const unevenness = (this.activeCount[a] - 1) / this.capacity[a] - (this.activeCount[b] + 1) / this.capacity[b];
      return [this.previousActive[a].has(t) ? 1 : 0, -unevenness, -this.spreadGain(t, a, b)];
    });
  }

  /**
   * While moving an active task from some client a to some b evens out `count` (capacity-balance.ts),
   * makes the move with the lowest key (`key` returns null for tasks that may not move); ties go to
   * the lowest task, then a, then b. Every such move lowers Σ count² / capacity, so this ends.
   */
  private balanceBy(count: readonly number[], key: (t: number, a: number, b: number) => number[] | null): void {
    for (;;) {
      let move: { t: number; to: number } | null = null;
      let moveKey: number[] | null = null;
      for (let a = 0; a < this.clients.length; a++) {
        for (let b = 0; b < this.clients.length; b++) {
          if (a === b || !moveEvensLoad(count[a], this.capacity[a], count[b], this.capacity[b])) continue;
          for (const t of this.activeOf[a]) {
            const k = key(t, a, b);
            if (k === null) continue;
            k.push(t, a, b);
            if (lexLess(k, moveKey)) {
              move = { t, to: b };
              moveKey = k;
            }
          }
        }
      }
      if (move === null) return;
      this.setOwner(move.t, move.to);
    }
  }

  /** How much moving task t from client a to b spreads its sub-topology (tasks of it per thread). */
  private spreadGain(t: number, a: number, b: number): number {
    const g = this.group[t];
    return this.activeGroupCount[a][g] / this.capacity[a] - (this.activeGroupCount[b][g] + 1) / this.capacity[b];
  }

  private setOwner(t: number, c: number): void {
    const previous = this.owner[t];
    if (previous !== NONE) {
      this.activeOf[previous].delete(t);
      this.activeCount[previous]--;
      if (this.tasks[t].stateful) this.statefulCount[previous]--;
      this.activeGroupCount[previous][this.group[t]]--;
    }
    this.owner[t] = c;
    this.activeOf[c].add(t);
    this.activeCount[c]++;
    if (this.tasks[t].stateful) this.statefulCount[c]++;
    this.activeGroupCount[c][this.group[t]]++;
  }

  // ---- 2. high availability ----

  /** Moves desired actives that are not caught up back to caught-up clients; returns the holds. */
  private holdForCaughtUpClients(): { t: number; from: number; to: number }[] {
    const candidates: { t: number; caughtUpCount: number }[] = [];
    this.tasks.forEach((task, t) => {
      if (!task.stateful) return;
      const desired = this.owner[t];
      if (this.caughtUp[desired][t]) return;
      const bestRank = Math.min(...this.clients.map((_client, c) => this.rank[c][t]));
      if (this.rank[desired][t] <= bestRank) return; // nobody is more caught up: restore where it is
      candidates.push({ t, caughtUpCount: this.clients.filter((_client, c) => this.caughtUp[c][t]).length });
    });
    // Java's order: tasks with fewest caught-up clients first, so they get the warm-ups first
    candidates.sort((x, y) => x.caughtUpCount - y.caughtUpCount || x.t - y.t);

    const held: { t: number; from: number; to: number }[] = [];
    for (const { t, caughtUpCount } of candidates) {
      const desired = this.owner[t];
      let best = NONE;
      let bestKey: number[] | null = null;
      this.clients.forEach((_client, c) => {
        if (c === desired) return;
        const sticky = [this.previousActive[c].has(t) ? 0 : 1, this.previousStandby[c].has(t) ? 0 : 1];
        // the least loaded by stateful actives, then all actives (Java picks the holder before it places
        // any stateless task, by actives + standbys)
        const load = [this.statefulCount[c] / this.capacity[c], this.activeCount[c] / this.capacity[c]];
        let key: number[] | null = null;
        if (caughtUpCount > 0) {
          if (this.caughtUp[c][t]) key = [...sticky, ...load, this.rank[c][t], c];
        } else {
          key = [this.rank[c][t], ...sticky, ...load, c];
        }
        if (key !== null && lexLess(key, bestKey)) {
          best = c;
          bestKey = key;
        }
      });
      this.setOwner(t, best);
      held.push({ t, from: best, to: desired });
    }
    return held.sort((x, y) => x.t - y.t);
  }

  // ---- 3. standbys ----

  private assignStandbys(): Set<number>[] {
    const standbys = this.clients.map(() => new Set<number>());
    const wanted = Math.min(this.config.numStandbyReplicas, this.clients.length - 1);
    if (wanted <= 0) return standbys;
    const total = this.activeCount.slice();
    const groupCount = this.activeGroupCount.map((counts) => counts.slice());
    const add = (t: number, c: number, sign: 1 | -1) => {
      if (sign > 0) standbys[c].add(t);
      else standbys[c].delete(t);
      total[c] += sign;
      groupCount[c][this.group[t]] += sign;
    };
    const stateful = this.tasks.map((_task, t) => t).filter((t) => this.tasks[t].stateful);

    // previous standbys stay (most caught up first, if there are more than wanted)
    const count = new Map<number, number>();
    for (const t of stateful) {
      const keep = this.clients
        .map((_client, c) => c)
        .filter((c) => c !== this.owner[t] && this.previousStandby[c].has(t))
        .sort((x, y) => this.rank[x][t] - this.rank[y][t] || x - y)
        .slice(0, wanted);
      for (const c of keep) add(t, c, 1);
      count.set(t, keep.length);
    }
    // missing ones: caught-up processes first (they have the state), then the least loaded
    for (const t of stateful) {
      for (let n = count.get(t) as number; n < wanted; n++) {
        let best = NONE;
        let bestKey: number[] | null = null;
        this.clients.forEach((_client, c) => {
          if (c === this.owner[t] || standbys[c].has(t)) return;
          const load = (total[c] + 1) / this.capacity[c];
          const key = [this.caughtUp[c][t] ? 0 : 1, load, this.rank[c][t], groupCount[c][this.group[t]] / this.capacity[c], c];
          if (lexLess(key, bestKey)) {
            best = c;
            bestKey = key;
          }
        });
        add(t, best, 1);
      }
    }
    // even out actives + standbys per thread by moving standbys
    for (;;) {
      let move: { t: number; from: number; to: number } | null = null;
      let moveKey: number[] | null = null;
      for (let a = 0; a < this.clients.length; a++) {
        for (let b = 0; b < this.clients.length; b++) {
          if (a === b || !moveEvensLoad(total[a], this.capacity[a], total[b], this.capacity[b])) continue;
          const unevenness = (total[a] - 1) / this.capacity[a] - (total[b] + 1) / this.capacity[b];
          for (const t of standbys[a]) {
            if (this.owner[t] === b || standbys[b].has(t)) continue;
            const g = this.group[t];
            const spreadGain = groupCount[a][g] / this.capacity[a] - (groupCount[b][g] + 1) / this.capacity[b];
            const key = [this.caughtUp[b][t] ? 0 : 1, this.previousStandby[a].has(t) ? 1 : 0, this.rank[b][t], -unevenness, -spreadGain, t, a, b];
            if (lexLess(key, moveKey)) {
              move = { t, from: a, to: b };
              moveKey = key;
            }
          }
        }
      }
      if (move === null) return standbys;
      add(move.t, move.from, -1);
      add(move.t, move.to, 1);
    }
  }

  // ---- warm-ups ----

  private assignWarmups(held: readonly { t: number; from: number; to: number }[], standbys: Set<number>[], warmups: Set<number>[]): HeldTask[] {
    let remaining = this.config.maxWarmupReplicas;
    const replica = new Map<number, HeldTask['replicaAtDestination']>();
    // warm-ups go in the hold order (fewest caught-up clients first), as Java hands them out
    const order = [...held].sort((x, y) => this.caughtUpCount(x.t) - this.caughtUpCount(y.t) || x.t - y.t);
    for (const { t, to } of order) {
      if (standbys[to].has(t)) replica.set(t, 'standby');
      else if (remaining > 0) {
        remaining--;
        warmups[to].add(t);
        replica.set(t, 'warmup');
      } else replica.set(t, 'none');
    }
    return held.map(({ t, from, to }) => ({
      taskId: this.tasks[t].id,
      activeOn: this.clients[from].processId,
      movingTo: this.clients[to].processId,
      replicaAtDestination: replica.get(t) as HeldTask['replicaAtDestination'],
    }));
  }

  private caughtUpCount(t: number): number {
    return this.clients.filter((_client, c) => this.caughtUp[c][t]).length;
  }

  // ---- 4. members ----

  private clientTasks(client: AssignorClient, c: number, standby: Set<number>, warmup: Set<number>): ClientTasks {
    const sorted = (set: Iterable<number>) => [...set].sort((x, y) => x - y);
    const active = sorted(this.activeOf[c]);
    const standbyList = sorted(standby);
    const warmupList = sorted(warmup);
    const ids = (list: readonly number[]) => list.map((t) => this.tasks[t].id);
    const members = [...client.members].sort((a, b) => compareStrings(a.memberId, b.memberId));
    const previousOf = (member: AssignorMember) =>
      new Set([...(member.previousActive ?? []), ...(member.previousStandby ?? [])].filter((id) => this.index.has(id)).map((id) => this.index.get(id) as number));
    // stateful actives are balanced over members by themselves, stateless ones on top of them (so all
    // actives are balanced too), then standbys and warm-ups together on top of the actives
    const [statefulBy, statelessBy, replicaBy] = distributeOverSlots(
      members.map((member) => ({ id: member.memberId, weight: member.threads, previous: previousOf(member) })),
      [active.filter((t) => this.tasks[t].stateful), active.filter((t) => !this.tasks[t].stateful), [...standbyList, ...warmupList].sort((x, y) => x - y)],
    );
    return {
      processId: client.processId,
      active: ids(active),
      standby: ids(standbyList),
      warmup: ids(warmupList),
      members: members.map((member, m) => ({
        memberId: member.memberId,
        active: ids(sorted([...statefulBy[m], ...statelessBy[m]])),
        standby: ids(sorted(replicaBy[m].filter((t) => standby.has(t)))),
        warmup: ids(sorted(replicaBy[m].filter((t) => warmup.has(t)))),
      })),
    };
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validateInput({ tasks, clients, config }: AssignorInput): void {
  const fail = (message: string): never => {
    throw new TaskAssignmentError(`Cannot assign tasks: ${message}`);
  };
  const nonNegativeInteger = (value: number) => Number.isSafeInteger(value) && value >= 0;
  if (!nonNegativeInteger(config.numStandbyReplicas)) fail(`num.standby.replicas must be a non-negative integer, got ${config.numStandbyReplicas}.`);
  if (!nonNegativeInteger(config.maxWarmupReplicas)) fail(`max.warmup.replicas must be a non-negative integer, got ${config.maxWarmupReplicas}.`);
  if (!(config.acceptableRecoveryLag >= 0)) fail(`acceptable.recovery.lag must be non-negative, got ${config.acceptableRecoveryLag}.`);
  if (clients.length === 0 && tasks.length > 0) fail(`there are ${tasks.length} tasks but no process to run them.`);
  const taskIds = new Set<string>();
  for (const task of tasks) {
    if (taskIds.has(task.id)) fail(`task ${task.id} is listed twice.`);
    taskIds.add(task.id);
  }
  const processIds = new Set<string>();
  const memberIds = new Set<string>();
  for (const client of clients) {
    if (processIds.has(client.processId)) fail(`process ${client.processId} is listed twice.`);
    processIds.add(client.processId);
    if (client.members.length === 0) fail(`process ${client.processId} has no group member.`);
    for (const member of client.members) {
      if (memberIds.has(member.memberId)) fail(`member ${member.memberId} is listed twice.`);
      memberIds.add(member.memberId);
      if (!Number.isSafeInteger(member.threads) || member.threads < 1) {
        fail(`member ${member.memberId} of process ${client.processId} has ${member.threads} threads; it needs at least one.`);
      }
    }
  }
}
