// Between the consumer and the tasks (design-notes §3): fetched records are buffered per partition,
// mapped to the task that reads the partition, and handed out per task in batches.
//
// - Order: a partition's records leave in offset order; a record below the partition's position
//   (a fetch from before a seek or a rejoin) is dropped.
// - Several input partitions of one task are merged by record timestamp (Java's PartitionGroup
//   picks the partition whose head has the smallest timestamp). When one of them is empty, the task
//   waits for it (Java's max.task.idle.ms): with -1 never; with 0 only while the broker is known to
//   hold records of it we have not fetched (its high watermark is past its position); with n > 0
//   also up to n ms for a partition whose lag is unknown or zero. Timestamps here are the records'
//   own (the extractor runs on the task's thread), as the TopologyTestDriver does (decisions.md).
// - Back-pressure: a partition with more than `maxBufferedPerPartition` records is paused in the
//   consumer, and resumed once its buffer is below half of that.
import type { Header } from '../../core/processor/record-headers';

export interface RoutedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly Header[];
}

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

export interface TaskRouterOptions {
  readonly maxBufferedPerPartition: number;
  readonly maxBatchRecords: number;
  /** max.task.idle.ms */
  readonly maxTaskIdleMs: number;
  readonly pause: (partitions: readonly TopicPartitionRef[]) => void;
  readonly resume: (partitions: readonly TopicPartitionRef[]) => void;
  readonly nowMs?: () => number;
}

interface PartitionBuffer {
  readonly ref: TopicPartitionRef;
  readonly taskId: string;
  records: RoutedRecord[];
  /** Index of the first record not handed out. */
  head: number;
  /** The next offset expected, or null before the first record (the consumer decides where it starts). */
  position: number | null;
  /** The partition's high watermark from the last fetch that returned records of it, or null. */
  highWatermark: number | null;
  paused: boolean;
}

export type TaskReadiness = { readonly ready: true } | { readonly ready: false; readonly retryInMs: number | null };

export class TaskRouter {
  private readonly partitions = new Map<string, PartitionBuffer>();
  private readonly partitionsOfTask = new Map<string, PartitionBuffer[]>();
  /** Since when a task with records has been held back by an empty partition. */
  private readonly idleSince = new Map<string, number>();
  private readonly nowMs: () => number;

  constructor(private readonly options: TaskRouterOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  /**
   * Replaces the routing table. Partitions that stay keep their buffers and positions; a position in
   * `positions` overrides (the committed offset after a rejoin). New partitions start empty.
   */
  setAssignment(tasks: ReadonlyMap<string, readonly TopicPartitionRef[]>, positions: ReadonlyMap<string, number> = new Map()): void {
    const next = new Map<string, PartitionBuffer>();
    this.partitionsOfTask.clear();
    for (const [taskId, refs] of tasks) {
      const list: PartitionBuffer[] = [];
      for (const ref of refs) {
        const key = keyOf(ref);
        const buffer = this.partitions.get(key) ?? { ref, taskId, records: [], head: 0, position: null, highWatermark: null, paused: false };
        const position = positions.get(key);
        if (position !== undefined) buffer.position = position;
        next.set(key, buffer);
        list.push(buffer);
      }
      this.partitionsOfTask.set(taskId, list);
    }
    this.partitions.clear();
    for (const [key, buffer] of next) this.partitions.set(key, buffer);
    for (const taskId of [...this.idleSince.keys()]) if (!tasks.has(taskId)) this.idleSince.delete(taskId);
  }

  /** Drops every buffered record; a partition's position becomes its entry in `positions`, else unknown. */
  clear(positions: ReadonlyMap<string, number> = new Map()): void {
    for (const [key, buffer] of this.partitions) reset(buffer, positions.get(key) ?? null);
    this.idleSince.clear();
  }

  /**
   * Drops the buffered records of one task's partitions only (the others' records were fetched and
   * will not come again unless their partitions are sought); positions as in `clear`.
   */
  clearTask(taskId: string, positions: ReadonlyMap<string, number> = new Map()): void {
    for (const buffer of this.partitionsOfTask.get(taskId) ?? []) reset(buffer, positions.get(keyOf(buffer.ref)) ?? null);
    this.idleSince.delete(taskId);
  }

  /** The partitions the router holds, for resuming them all after a rejoin. */
  assignedPartitions(): TopicPartitionRef[] {
    return [...this.partitions.values()].map((b) => b.ref);
  }

  taskOf(topic: string, partition: number): string | undefined {
    return this.partitions.get(keyOf({ topic, partition }))?.taskId;
  }

  /** Adds fetched records; returns the task that got records, or undefined when none were kept. */
  add(topic: string, partition: number, records: readonly RoutedRecord[], highWatermark: number | null): string | undefined {
    const buffer = this.partitions.get(keyOf({ topic, partition }));
    if (buffer === undefined) return undefined;
    if (highWatermark !== null) buffer.highWatermark = highWatermark;
    let added = 0;
    for (const record of records) {
      if (buffer.position !== null && record.offset < buffer.position) continue;
      buffer.records.push(record);
      buffer.position = record.offset + 1;
      added++;
    }
    if (!buffer.paused && this.buffered(buffer) > this.options.maxBufferedPerPartition) {
      buffer.paused = true;
      this.options.pause([buffer.ref]);
    }
    return added > 0 ? buffer.taskId : undefined;
  }

  /** Moves a partition's position past records that carry nothing for the task (control records, aborted transactions). */
  advance(topic: string, partition: number, nextOffset: number): void {
    const buffer = this.partitions.get(keyOf({ topic, partition }));
    if (buffer !== undefined && (buffer.position === null || nextOffset > buffer.position)) buffer.position = nextOffset;
  }

  bufferedCount(taskId: string): number {
    return (this.partitionsOfTask.get(taskId) ?? []).reduce((n, b) => n + this.buffered(b), 0);
  }

  /** Whether the task can be given a batch now, or when to ask again. */
  readiness(taskId: string): TaskReadiness {
    const list = this.partitionsOfTask.get(taskId) ?? [];
    const nonEmpty = list.filter((b) => this.buffered(b) > 0);
    if (nonEmpty.length === 0) {
      this.idleSince.delete(taskId);
      return { ready: false, retryInMs: null };
    }
    if (nonEmpty.length === list.length || this.options.maxTaskIdleMs < 0) {
      this.idleSince.delete(taskId);
      return { ready: true };
    }
    const empty = list.filter((b) => this.buffered(b) === 0);
    // Java: a partition known to have unfetched records is always waited for (it comes with the next fetch)
    if (empty.some((b) => b.highWatermark !== null && b.position !== null && b.highWatermark > b.position && !b.paused)) return { ready: false, retryInMs: null };
    if (this.options.maxTaskIdleMs === 0) return { ready: true };
    const now = this.nowMs();
    const since = this.idleSince.get(taskId) ?? now;
    this.idleSince.set(taskId, since);
    const waited = now - since;
    if (waited >= this.options.maxTaskIdleMs) {
      this.idleSince.delete(taskId);
      return { ready: true };
    }
    return { ready: false, retryInMs: this.options.maxTaskIdleMs - waited };
  }

  /**
   * The next batch of a task: its partitions' records merged by timestamp (ties: the partition
   * listed first), stopping when a partition that had records runs empty (the merge must then wait
   * again) or at maxBatchRecords. Resumes partitions that drained.
   */
  take(taskId: string): RoutedRecord[] {
    const list = this.partitionsOfTask.get(taskId) ?? [];
    const out: RoutedRecord[] = [];
    if (list.length === 1) {
      const b = list[0];
      const end = Math.min(b.records.length, b.head + this.options.maxBatchRecords);
      for (let i = b.head; i < end; i++) out.push(b.records[i]);
      b.head = end;
    } else {
      const waitForAll = this.options.maxTaskIdleMs >= 0 && list.every((b) => this.buffered(b) > 0);
      while (out.length < this.options.maxBatchRecords) {
        let best: PartitionBuffer | undefined;
        for (const b of list) {
          if (this.buffered(b) === 0) continue;
          if (best === undefined || b.records[b.head].timestamp < best.records[best.head].timestamp) best = b;
        }
        if (best === undefined) break;
        out.push(best.records[best.head++]);
        if (waitForAll && this.buffered(best) === 0) break;
      }
    }
    for (const b of list) this.compact(b);
    return out;
  }

  private buffered(b: PartitionBuffer): number {
    return b.records.length - b.head;
  }

  private compact(b: PartitionBuffer): void {
    if (b.head > 0 && (b.head === b.records.length || b.head > 1024)) {
      b.records = b.records.slice(b.head);
      b.head = 0;
    }
    if (b.paused && this.buffered(b) <= this.options.maxBufferedPerPartition / 2) {
      b.paused = false;
      this.options.resume([b.ref]);
    }
  }
}

function reset(buffer: PartitionBuffer, position: number | null): void {
  buffer.records = [];
  buffer.head = 0;
  buffer.position = position;
  buffer.paused = false;
}

export function keyOf(ref: TopicPartitionRef): string {
  return `${ref.topic}\u0000${ref.partition}`;
}
