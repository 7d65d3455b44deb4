// Task ids as Java writes them: `<subtopology>_<partition>`, e.g. `0_3`. They name a task's state
// directory, its transactional id and its metrics, so the format is fixed.
import { TaskAssignmentError } from '../../errors';

/** `<subtopology>_<partition>`. */
export type TaskId = string;

export function taskId(subtopology: number, partition: number): TaskId {
  return `${subtopology}_${partition}`;
}

const TASK_ID = /^(0|[1-9][0-9]*)_(0|[1-9][0-9]*)$/;

/** The sub-topology and partition of a task id; a TaskAssignmentError for anything else. */
export function parseTaskId(id: string): { subtopology: number; partition: number } {
  const match = TASK_ID.exec(id);
  const subtopology = match === null ? NaN : Number(match[1]);
  const partition = match === null ? NaN : Number(match[2]);
  if (!Number.isSafeInteger(subtopology) || !Number.isSafeInteger(partition)) {
    throw new TaskAssignmentError(`"${id}" is not a task id: task ids are <subtopology>_<partition>, e.g. 0_3.`, { context: { taskId: id } });
  }
  return { subtopology, partition };
}

/** Orders by sub-topology, then partition, as Java's TaskId.compareTo (so 0_10 comes after 0_9). */
export function compareTaskIds(a: TaskId, b: TaskId): number {
  const x = parseTaskId(a);
  const y = parseTaskId(b);
  return x.subtopology - y.subtopology || x.partition - y.partition;
}

export function sortTaskIds(ids: Iterable<TaskId>): TaskId[] {
  return [...ids].sort(compareTaskIds);
}
