// When is an assignment balanced? Load is tasks per thread (count / capacity), and an assignment is
// balanced when no single task move from one holder to another would make the two loads closer:
// for every pair, (count(a) − 1) / capacity(a) < (count(b) + 1) / capacity(b). With equal capacities
// that is "counts differ by at most one". Every move that breaks the inequality strictly lowers
// Σ count² / capacity, so moving tasks while some pair breaks it always ends.

/** Whether moving one task from a holder with `fromCount` tasks to one with `toCount` evens out their load. */
export function moveEvensLoad(fromCount: number, fromCapacity: number, toCount: number, toCapacity: number): boolean {
  // cross-multiplied: counts and capacities are integers, so this is exact
  return fromCount > 0 && (fromCount - 1) * toCapacity >= (toCount + 1) * fromCapacity;
}

/** Whether no single move between two of `holders` would even out their load. */
export function isCapacityBalanced(holders: readonly { readonly count: number; readonly capacity: number }[]): boolean {
  for (const a of holders) {
    for (const b of holders) {
      if (a !== b && moveEvensLoad(a.count, a.capacity, b.count, b.capacity)) return false;
    }
  }
  return true;
}

/**
 * Splits `total` tasks over holders with the given capacities so that the split is balanced, giving
 * each next task to the holder whose load would stay lowest (ties: the lower `base` load — tasks the
 * holder already has — then the lower index). Deterministic for the same arguments.
 */
export function balancedQuotas(total: number, capacities: readonly number[], base: readonly number[] = capacities.map(() => 0)): number[] {
  const quotas = capacities.map(() => 0);
  for (let unit = 0; unit < total; unit++) {
    let best = -1;
    for (let h = 0; h < capacities.length; h++) {
      if (best < 0) {
        best = h;
        continue;
      }
      const load = (base[h] + quotas[h] + 1) * capacities[best];
      const bestLoad = (base[best] + quotas[best] + 1) * capacities[h];
      if (load < bestLoad || (load === bestLoad && base[h] * capacities[best] < base[best] * capacities[h])) best = h;
    }
    quotas[best]++;
  }
  return quotas;
}
