// Scheduled punctuations of one task, for one kind of time (Java's PunctuationQueue and
// PunctuationSchedule): due schedules fire with the current time, then move to their next
// interval boundary, skipping the intervals that were missed.
import type { Cancellable, Punctuator } from './punctuation';

export interface PunctuationSchedule {
  readonly nodeName: string;
  readonly intervalMs: number;
  readonly punctuator: Punctuator;
  nextMs: number;
  cancelled: boolean;
}

export class PunctuationQueue {
  private schedules: PunctuationSchedule[] = [];

  schedule(nodeName: string, firstMs: number, intervalMs: number, punctuator: Punctuator): Cancellable {
    const entry: PunctuationSchedule = { nodeName, intervalMs, punctuator, nextMs: firstMs, cancelled: false };
    this.schedules.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
        this.schedules = this.schedules.filter((s) => s !== entry);
      },
    };
  }

  get size(): number {
    return this.schedules.length;
  }

  /**
   * Fires every schedule due at `nowMs`, earliest first, through `fire` (which sets up the
   * node's context). Returns whether any fired.
   */
  async mayPunctuate(nowMs: number, fire: (schedule: PunctuationSchedule, nowMs: number) => void | Promise<void>): Promise<boolean> {
    let fired = false;
    for (;;) {
      const due = this.earliestDue(nowMs);
      if (!due) return fired;
      fired = true;
      due.nextMs = nextPunctuationMs(due, nowMs);
      const result = fire(due, nowMs);
      if (result) await result;
    }
  }

  private earliestDue(nowMs: number): PunctuationSchedule | undefined {
    let earliest: PunctuationSchedule | undefined;
    for (const s of this.schedules) {
      if (!s.cancelled && s.nextMs <= nowMs && (!earliest || s.nextMs < earliest.nextMs)) earliest = s;
    }
    return earliest;
  }
}

/** Java's PunctuationSchedule#next: one interval on, or past `nowMs` aligned to the schedule when intervals were missed. */
function nextPunctuationMs(schedule: PunctuationSchedule, nowMs: number): number {
  const next = schedule.nextMs + schedule.intervalMs;
  if (nowMs < next) return next;
  return nowMs - ((nowMs - schedule.nextMs) % schedule.intervalMs) + schedule.intervalMs;
}
