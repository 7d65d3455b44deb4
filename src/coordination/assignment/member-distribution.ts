// Within one process, the tasks the assignor gave it are spread over its group members (consumers)
// in proportion to their threads, sticking to the member that had a task before. A kstreams process
// has one member; the same spreading serves any list of weighted slots (worker threads too).
import { balancedQuotas } from './capacity-balance';

export interface DistributionSlot<T> {
  readonly id: string;
  /** Threads behind the slot: tasks are spread in proportion. A positive integer. */
  readonly weight: number;
  /** Tasks the slot held before (active or standby): kept there while its share allows. */
  readonly previous: ReadonlySet<T>;
}

/**
 * Spreads `groups` of tasks (e.g. active, then standby) over the slots: each group is balanced by
 * itself relative to the weights (ties go to slots with fewer tasks of the earlier groups), a task
 * stays with a slot that held it before when the slot's share has room, and the rest fill the slots
 * in the order given. `groups` must already be in a deterministic order; so must `slots`.
 */
export function distributeOverSlots<T>(slots: readonly DistributionSlot<T>[], groups: readonly (readonly T[])[]): T[][][] {
  const result: T[][][] = groups.map(() => slots.map(() => []));
  const load = slots.map(() => 0);
  const weights = slots.map((slot) => slot.weight);
  groups.forEach((tasks, g) => {
    const quotas = balancedQuotas(tasks.length, weights, load);
    const placed = result[g];
    const rest: T[] = [];
    for (const task of tasks) {
      const previous = slots.findIndex((slot, s) => slot.previous.has(task) && placed[s].length < quotas[s]);
      if (previous >= 0) placed[previous].push(task);
      else rest.push(task);
    }
    for (const task of rest) {
      let best = -1;
      for (let s = 0; s < slots.length; s++) {
        if (placed[s].length >= quotas[s]) continue;
        // the slot furthest below its share (relative to weight) first
        if (best < 0 || (placed[s].length + 1) * weights[best] < (placed[best].length + 1) * weights[s]) best = s;
      }
      placed[best].push(task);
    }
    slots.forEach((_slot, s) => (load[s] += placed[s].length));
  });
  return result;
}
