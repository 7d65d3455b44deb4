// The life of a task, written down once (Java's Task.State). Every transition the runtime may
// make is in TRANSITIONS; anything else is a bug in the runtime and throws IllegalStateError.
//
//   created ──► restoring ──► running
//      │           │  ▲          │
//      │           ▼  │          ▼
//      │         suspended ◄─────┘
//      ▼           ▼
//    closed ◄── (any state but closed)
//
// created:   the task's storage is open and its processors are built, nothing restored yet.
// restoring: changelog records are being applied; no input is processed.
// running:   processes input, punctuates, commits.
// suspended: kept across a rebalance (eager: every task is suspended while the group rebalances),
//            stores open, nothing processed; resumed (to restoring) or closed.
// closed:    stores closed, storage released; the TaskHost forgets the task.
import { IllegalStateError } from '../../errors';

export type TaskState = 'created' | 'restoring' | 'running' | 'suspended' | 'closed';

const TRANSITIONS: Readonly<Record<TaskState, readonly TaskState[]>> = {
  created: ['restoring', 'closed'],
  restoring: ['running', 'suspended', 'closed'],
  running: ['suspended', 'closed'],
  suspended: ['restoring', 'closed'],
  closed: [],
};

export function canTransition(from: TaskState, to: TaskState): boolean {
  return TRANSITIONS[from].includes(to);
}

export class TaskLifecycle {
  private current: TaskState = 'created';

  constructor(readonly taskId: string) {}

  get state(): TaskState {
    return this.current;
  }

  /** @throws IllegalStateError when `next` is not a legal next state. */
  transitionTo(next: TaskState): void {
    if (!canTransition(this.current, next)) {
      const allowed = TRANSITIONS[this.current];
      throw new IllegalStateError(
        `task ${this.taskId} cannot go from ${this.current} to ${next} (from ${this.current} it may go to ${allowed.length === 0 ? 'nothing: it is closed' : allowed.join(' or ')}); this is a bug in the kstreams runtime`,
        { context: { taskId: this.taskId } },
      );
    }
    this.current = next;
  }

  /** @throws IllegalStateError when the task is in none of `states`, naming `action`. */
  require(action: string, ...states: TaskState[]): void {
    if (!states.includes(this.current)) {
      throw new IllegalStateError(`cannot ${action} task ${this.taskId}: it is ${this.current}, and only a ${states.join(' or ')} task can`, {
        context: { taskId: this.taskId },
      });
    }
  }
}
