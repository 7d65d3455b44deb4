// How far behind each process's local state of a task is, from the offset sums in its subscription
// and the changelog end offsets the leader looks up (Java: ClientState#computeTaskLags). The
// assignor only compares lags: caught up (≤ acceptable.recovery.lag), or more/less caught up.
import type { TaskId } from './task-id';
import type { TaskDefinition } from './topology-tasks';

/**
 * Offset sum of a task that is running as an active task and is caught up by definition (Java's
 * Task.LATEST_OFFSET). As a lag it means the same: the process runs the task now.
 */
export const LATEST_OFFSET = -2;
/** Lag of a task whose end offsets could not be looked up: never caught up, ranked behind every known lag. */
export const UNKNOWN_LAG = -1;

/**
 * Sum of the end offsets of each stateful task's changelog partitions; a task is left out when an
 * end offset is missing (its lag becomes UNKNOWN_LAG). `endOffset` returns undefined when unknown.
 * For a changelog that is a source topic, Java uses the committed offset of the source partition
 * instead of its end offset: the runtime's `endOffset` must do the same.
 */
export function sumEndOffsets(tasks: readonly TaskDefinition[], endOffset: (topic: string, partition: number) => number | undefined): Map<TaskId, number> {
  const sums = new Map<TaskId, number>();
  for (const task of tasks) {
    if (!task.stateful) continue;
    let sum = 0;
    let known = true;
    for (const { topic, partition } of task.changelogPartitions) {
      const offset = endOffset(topic, partition);
      if (offset === undefined || !Number.isSafeInteger(offset) || offset < 0) {
        known = false;
        break;
      }
      sum = Math.min(Number.MAX_SAFE_INTEGER, sum + offset);
    }
    if (known) sums.set(task.id, sum);
  }
  return sums;
}

/**
 * The lag of every stateful task on one process. A task the process has no state for lags by its
 * whole end offset sum (so a task with empty changelogs is caught up everywhere); a checkpoint past
 * the end (a truncated or recreated changelog: the local state is suspect) also lags by the whole sum,
 * as Java does; LATEST_OFFSET stays LATEST_OFFSET; a task without a known end offset sum is UNKNOWN_LAG.
 */
export function computeTaskLags(
  statefulTasks: Iterable<TaskId>,
  offsetSums: ReadonlyMap<TaskId, number>,
  endOffsetSums: ReadonlyMap<TaskId, number>,
): Map<TaskId, number> {
  const lags = new Map<TaskId, number>();
  for (const task of statefulTasks) {
    const offsetSum = offsetSums.get(task) ?? 0;
    const endSum = endOffsetSums.get(task);
    if (offsetSum === LATEST_OFFSET) lags.set(task, LATEST_OFFSET);
    else if (endSum === undefined || offsetSum < 0) lags.set(task, UNKNOWN_LAG);
    else if (endSum < offsetSum) lags.set(task, endSum);
    else lags.set(task, endSum - offsetSum);
  }
  return lags;
}

/** Java: acceptable.recovery.lag of Long.MAX_VALUE means every replica counts as caught up. */
export function isUnboundedRecoveryLag(acceptableRecoveryLag: number): boolean {
  return acceptableRecoveryLag >= Number.MAX_SAFE_INTEGER;
}

/** Whether a process whose state of a task lags by `lag` may take the task over as active. */
export function isCaughtUp(lag: number | undefined, acceptableRecoveryLag: number): boolean {
  if (lag === LATEST_OFFSET || isUnboundedRecoveryLag(acceptableRecoveryLag)) return true;
  return lag !== undefined && lag >= 0 && lag <= acceptableRecoveryLag;
}

/** Orders lags from most to least caught up: running first, then by lag, unknown last. */
export function lagRank(lag: number | undefined): number {
  if (lag === LATEST_OFFSET) return -1;
  return lag === undefined || lag < 0 ? Number.POSITIVE_INFINITY : lag;
}
