// Small builders for assignor inputs, and a seeded PRNG for the property tests (no dependency).
import { LATEST_OFFSET, UNKNOWN_LAG } from '../../../../src/coordination/assignment/task-lags';
import type { AssignorClient, AssignorConfig, AssignorInput, AssignorOutput, AssignorTask } from '../../../../src/coordination/assignment/task-assignor';

/** mulberry32: a 32-bit seeded PRNG, enough to make random cases reproducible from their seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

export const DEFAULT_CONFIG: AssignorConfig = { numStandbyReplicas: 0, maxWarmupReplicas: 2, acceptableRecoveryLag: 10_000 };

/** Tasks `<s>_<p>` for sub-topologies with the given partition counts; `stateful` says which sub-topologies have state. */
export function tasksOf(partitionsBySubtopology: readonly number[], stateful: (subtopology: number) => boolean = () => true): AssignorTask[] {
  return partitionsBySubtopology.flatMap((partitions, subtopology) =>
    Array.from({ length: partitions }, (_unused, partition) => ({ id: `${subtopology}_${partition}`, subtopology, stateful: stateful(subtopology) })),
  );
}

/** A process with one member `<processId>-m` and `threads` threads. */
export function client(
  processId: string,
  options: { threads?: number; previousActive?: string[]; previousStandby?: string[]; lags?: Record<string, number> } = {},
): AssignorClient {
  return {
    processId,
    members: [{ memberId: `${processId}-m`, threads: options.threads ?? 1 }],
    previousActive: options.previousActive ?? [],
    previousStandby: options.previousStandby ?? [],
    lags: new Map(Object.entries(options.lags ?? {})),
  };
}

/** Lags of a process that runs `active` (LATEST_OFFSET) and holds `caughtUp` with lag 0. */
export function lagsOf(active: readonly string[], caughtUp: readonly string[] = []): Record<string, number> {
  return Object.fromEntries([...caughtUp.map((id) => [id, 0] as const), ...active.map((id) => [id, LATEST_OFFSET] as const)]);
}

export function activeByProcess(output: AssignorOutput): Record<string, readonly string[]> {
  return Object.fromEntries(output.clients.map((c) => [c.processId, c.active]));
}

export function standbyByProcess(output: AssignorOutput): Record<string, readonly string[]> {
  return Object.fromEntries(output.clients.map((c) => [c.processId, c.standby]));
}

/**
 * The desired stateful actives of each process, per thread: what it runs, with every held task counted
 * on the process it is moving to instead (when no task is held, exactly what it runs).
 */
export function desiredStatefulLoad(input: AssignorInput, output: AssignorOutput): { processId: string; count: number; capacity: number }[] {
  const stateful = new Set(input.tasks.filter((t) => t.stateful).map((t) => t.id));
  const count = new Map(output.clients.map((c) => [c.processId, c.active.filter((id) => stateful.has(id)).length]));
  for (const hold of output.heldTasks) {
    count.set(hold.activeOn, (count.get(hold.activeOn) ?? 0) - 1);
    count.set(hold.movingTo, (count.get(hold.movingTo) ?? 0) + 1);
  }
  return input.clients.map((c) => ({
    processId: c.processId,
    count: count.get(c.processId) ?? 0,
    capacity: c.members.reduce((n, m) => n + m.threads, 0),
  }));
}

/**
 * The next rebalance's input after `output` ran: every replica a process held is now caught up
 * (actives run: LATEST_OFFSET; standbys and warm-ups: lag 0); a process that stopped running a task
 * keeps its state at lag 0; other lags stay as they were. Members keep their ids.
 */
export function nextRound(input: AssignorInput, output: AssignorOutput): AssignorInput {
  const outputs = new Map(output.clients.map((c) => [c.processId, c]));
  return {
    ...input,
    clients: input.clients.map((c) => {
      const out = outputs.get(c.processId);
      if (out === undefined) return c;
      const lags = new Map<string, number>();
      for (const [task, lag] of c.lags) lags.set(task, lag === LATEST_OFFSET ? 0 : lag);
      for (const task of [...out.standby, ...out.warmup]) lags.set(task, 0);
      for (const task of out.active) lags.set(task, LATEST_OFFSET);
      const members = c.members.map((m) => {
        const o = out.members.find((x) => x.memberId === m.memberId);
        return { ...m, previousActive: o?.active ?? [], previousStandby: [...(o?.standby ?? []), ...(o?.warmup ?? [])] };
      });
      return { ...c, members, previousActive: out.active, previousStandby: [...out.standby, ...out.warmup], lags };
    }),
  };
}

/** A random group: 1–6 processes (1–2 members of 1–4 threads), 1–4 sub-topologies of 1–8 partitions, random history and lags. */
export function randomInput(random: Random): AssignorInput {
  const subtopologies = random.int(1, 4);
  const tasks = Array.from({ length: subtopologies }, (_unused, s) => {
    const stateful = random.chance(0.6);
    return Array.from({ length: random.int(1, 8) }, (_unused2, p) => ({ id: `${s}_${p}`, subtopology: s, stateful }));
  }).flat();
  const processIds = Array.from({ length: random.int(1, 6) }, (_unused, i) => `p${i}-${random.int(0, 999)}`);
  // the history includes processes that have left, so some tasks have no previous owner here
  const historic = [...processIds, 'gone-1', 'gone-2'];
  const previousActive = new Map<string, string[]>(historic.map((p) => [p, []]));
  const previousStandby = new Map<string, string[]>(historic.map((p) => [p, []]));
  const lags = new Map<string, Map<string, number>>(processIds.map((p) => [p, new Map()]));
  for (const task of tasks) {
    if (random.chance(0.8)) previousActive.get(random.pick(historic))?.push(task.id);
    if (random.chance(0.1)) previousActive.get(random.pick(historic))?.push(task.id); // a stale second claim
    if (!task.stateful) continue;
    for (const p of processIds) {
      if (random.chance(0.3)) previousStandby.get(p)?.push(task.id);
      const owns = previousActive.get(p)?.includes(task.id) ?? false;
      const lag = owns && random.chance(0.8) ? LATEST_OFFSET : random.pick([0, 5, 50, 500, 5000, UNKNOWN_LAG, -99]);
      if (lag !== -99) lags.get(p)?.set(task.id, lag);
    }
  }
  let memberNo = 0;
  const clients: AssignorClient[] = processIds.map((processId) => ({
    processId,
    members: Array.from({ length: random.chance(0.2) ? 2 : 1 }, () => ({ memberId: `m${memberNo++}`, threads: random.int(1, 4) })),
    previousActive: previousActive.get(processId) ?? [],
    previousStandby: previousStandby.get(processId) ?? [],
    lags: lags.get(processId) ?? new Map(),
  }));
  return {
    tasks,
    clients,
    config: { numStandbyReplicas: random.int(0, 2), maxWarmupReplicas: random.int(1, 3), acceptableRecoveryLag: random.pick([0, 10, 100, 10_000]) },
  };
}

/** The same input with every list and map in another order. */
export function shuffled(input: AssignorInput, random: Random): AssignorInput {
  return {
    ...input,
    tasks: random.shuffle(input.tasks),
    clients: random.shuffle(input.clients).map((c) => ({
      ...c,
      members: random.shuffle(c.members),
      previousActive: random.shuffle(c.previousActive),
      previousStandby: random.shuffle(c.previousStandby),
      lags: new Map(random.shuffle([...c.lags])),
    })),
  };
}

