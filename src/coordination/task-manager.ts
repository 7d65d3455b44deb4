// The active tasks of this process, driven from the Kafka side (Java's TaskManager + StreamThread
// loop, for one process): opens and closes tasks as assignments come, restores them through the
// restore consumer, feeds them batches from the task router, produces what they return, commits
// them (commit/commit-sequence.ts) every commit.interval.ms, before every rejoin and on close.
//
// Every call for one task goes through the task's own queue, so a task has at most one call in
// flight (one batch in flight per task keeps each partition in order; design-notes §3); tasks run
// side by side on the runner's threads.
//
// Across a rebalance (eager): before the rejoin every task is committed and the router's buffers
// dropped; after it, tasks that stay are kept as they are (stores open, Java keeps them suspended),
// tasks that left are closed, new ones are opened and restored, and every partition of a kept task
// is sought to the offset the task processed up to.
//
// Standby tasks (and warm-up replicas, which the member sees as standbys) are tasks whose restore
// never ends: their changelogs are read by the restore consumer as they grow and applied on the
// task's thread, whose checkpoint moves with every batch. A standby that becomes active keeps its
// open stores and restores only what was written since its last batch (Java recycles the task the
// same way); an active task that becomes a standby is closed clean and opened again as a standby.
import type { Admin } from 'kafkajs';
import { LockError, StreamsError, TaskCorruptedError, TaskMigratedError } from '../errors';
import { commitTask, type CommittableTask, type TopicPartitionOffset } from './commit/commit-sequence';
import type { FetchedBatch, GroupMembership, MemberAssignment } from './group/group-membership';
import type { ProducedOffset, ProducibleRecord, RecordProducer } from './producer/record-producer';
import type { RestoreConsumer, RestorePartition } from './restore/restore-consumer';
import { keyOf, TaskRouter, type RoutedRecord, type TopicPartitionRef } from './router/task-router';
import { LATEST_OFFSET } from './assignment/task-lags';
import type { TopologyTasks } from './assignment/topology-tasks';
import type { RunnerChangelog, TaskRunner } from './task-runner';

export interface TaskManagerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

/** Java's StateRestoreListener. */
export interface StateRestoreListener {
  onRestoreStart?(topicPartition: TopicPartitionRef, storeName: string, startingOffset: number, endingOffset: number): void;
  onBatchRestored?(topicPartition: TopicPartitionRef, storeName: string, batchEndOffset: number, numRestored: number): void;
  onRestoreEnd?(topicPartition: TopicPartitionRef, storeName: string, totalRestored: number): void;
}

/** What the manager uses of the group member (GroupMembership; a fake in unit tests). */
export type TaskManagerMembership = Pick<GroupMembership, 'groupId' | 'commitOffsets' | 'pause' | 'resume' | 'seek' | 'requestRebalance'>;

export interface TaskManagerOptions {
  readonly runner: TaskRunner;
  readonly producer: Pick<RecordProducer, 'send'>;
  readonly restoreConsumer: Pick<RestoreConsumer, 'add' | 'remove'>;
  readonly admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>;
  readonly logger: TaskManagerLogger;
  /** The tasks of the topology for the current partition counts. */
  readonly tasks: () => TopologyTasks;
  /** Partition counts of every topic the tasks may write (for StreamPartitioners). */
  readonly partitionCounts: Readonly<Record<string, number>>;
  readonly commitIntervalMs: number;
  /** Where a partition without a committed offset starts (auto.offset.reset). */
  readonly autoOffsetReset: 'earliest' | 'latest';
  readonly maxTaskIdleMs: number;
  readonly maxBufferedPerPartition: number;
  /** The client goes REBALANCING (rebalance, restoring) or RUNNING (every task running). */
  readonly onProgress: (state: 'REBALANCING' | 'RUNNING') => void;
  /** A task failed with an error the manager does not recover from by itself. */
  readonly onTaskError: (taskId: string, error: StreamsError) => void;
  readonly restoreListener?: () => StateRestoreListener | undefined;
  readonly wallClockMs?: () => number;
}

/** 'standby': a standby or warm-up replica, restoring for as long as it is one. */
type TaskPhase = 'restoring' | 'running' | 'standby' | 'failed';

/** A standby reads its changelogs to their end, whatever that becomes. */
const NO_END = Number.POSITIVE_INFINITY;

interface RestoringPartition {
  readonly ref: RestorePartition;
  readonly store: string;
  endOffset: number;
  position: number;
  /** A source topic reused as changelog: a standby leaves it alone (it is read past what was processed); restored at promotion. */
  readonly isSourceTopic: boolean;
  restored: number;
  done: boolean;
}

interface ManagedTask {
  readonly taskId: string;
  phase: TaskPhase;
  readonly inputs: readonly TopicPartitionRef[];
  changelogTopics: Set<string>;
  /** The task's stores and their changelog partitions, as the runner opened it. */
  readonly changelogs: readonly RunnerChangelog[];
  restoring: Map<string, RestoringPartition>;
  /** Calls for this task run one after another on this chain. */
  tail: Promise<void>;
  queued: number;
  sends: Promise<readonly ProducedOffset[]>[];
  /** Input progress since the last commit: next offset per partition. */
  consumed: Map<string, TopicPartitionOffset>;
  /** Next offset to consume per partition, processed so far (committed or not). */
  processed: Map<string, number>;
  /** Last committed next offsets. */
  committed: Map<string, number>;
  dirty: boolean;
  commitRequested: boolean;
  commitFailed: boolean;
}

export class TaskManager {
  private readonly tasks = new Map<string, ManagedTask>();
  private readonly router: TaskRouter;
  private readonly changelogOwner = new Map<string, string>();
  private membership: TaskManagerMembership | undefined;
  /** No new batches: a rejoin or the close is under way. */
  private halted = true;
  private closed = false;
  private commitTimer: NodeJS.Timeout | undefined;
  private punctuateTimer: NodeJS.Timeout | undefined;
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly wallClockMs: () => number;
  private readonly unsubscribeCorrupted: () => void;
  private processedTotal = 0;
  private readonly restoredTotals = new Map<string, number>();

  constructor(private readonly options: TaskManagerOptions) {
    this.wallClockMs = options.wallClockMs ?? Date.now;
    this.router = new TaskRouter({
      maxBufferedPerPartition: options.maxBufferedPerPartition,
      maxBatchRecords: Math.max(100, options.maxBufferedPerPartition),
      maxTaskIdleMs: options.maxTaskIdleMs,
      pause: (partitions) => {
        this.debug(`pause ${refs(partitions)}`);
        this.membership?.pause(partitions);
      },
      resume: (partitions) => {
        this.debug(`resume ${refs(partitions)}`);
        this.membership?.resume(partitions);
      },
    });
    this.unsubscribeCorrupted = options.runner.onTaskCorrupted((event) => {
      for (const taskId of event.taskIds) void this.recover(taskId, event.error, false);
    });
  }

  attach(membership: TaskManagerMembership): void {
    this.membership = membership;
  }

  start(): void {
    this.commitTimer = setInterval(() => void this.commitAll('interval'), this.options.commitIntervalMs);
    this.punctuateTimer = setInterval(() => this.punctuateAll(), 100);
  }

  // --- what the gauges and tests read ---------------------------------------------------------

  activeTaskIds(): string[] {
    return [...this.tasks.values()].filter((task) => task.phase !== 'standby').map((task) => task.taskId).sort();
  }

  /** Standby and warm-up replicas this process holds. */
  standbyTaskIds(): string[] {
    return [...this.tasks.values()].filter((task) => task.phase === 'standby').map((task) => task.taskId).sort();
  }

  /** Each task's phase, for interactive queries (only running tasks answer unless stale stores are allowed). */
  taskPhases(): Map<string, TaskPhase> {
    return new Map([...this.tasks.values()].map((task) => [task.taskId, task.phase]));
  }

  /**
   * Offset sums of the tasks for the subscription (Java's TaskManager#getTaskOffsetSums): a running
   * active task is LATEST_OFFSET; a restoring one or a standby sums, per changelog partition, the
   * offset of the last record it applied, as a checkpoint holds it.
   */
  taskOffsetSums(): Map<string, number> {
    const sums = new Map<string, number>();
    for (const task of this.tasks.values()) {
      if (task.phase === 'failed') continue;
      if (task.phase === 'running') {
        sums.set(task.taskId, LATEST_OFFSET);
        continue;
      }
      let sum = 0;
      for (const p of task.restoring.values()) sum = Math.min(Number.MAX_SAFE_INTEGER, sum + Math.max(0, p.position - 1));
      sums.set(task.taskId, sum);
    }
    return sums;
  }

  /** kstreams_restore_remaining_records{task}: records left to restore, per restoring task. */
  restoreRemainingRecords(): Map<string, number> {
    const out = new Map<string, number>();
    for (const task of this.tasks.values()) {
      if (task.phase !== 'restoring') continue;
      let remaining = 0;
      for (const p of task.restoring.values()) if (!p.done) remaining += Math.max(0, p.endOffset - p.position);
      out.set(task.taskId, remaining);
    }
    return out;
  }

  /**
   * Where each local store partition stands (Java's allLocalStorePartitionLags, before the end
   * offsets are looked up): the next changelog offset to apply, or 'end' for a running active task.
   */
  storePartitionPositions(): { store: string; topic: string; partition: number; position: number | 'end' }[] {
    const out: { store: string; topic: string; partition: number; position: number | 'end' }[] = [];
    for (const task of this.tasks.values()) {
      if (task.phase === 'failed') continue;
      for (const c of task.changelogs) {
        const restoring = task.restoring.get(keyOf(c));
        out.push({ store: c.store, topic: c.topic, partition: c.partition, position: restoring === undefined ? 'end' : restoring.position });
      }
    }
    return out;
  }

  /** Changelog records restored since start, per task (standby replicas' included). */
  restoredRecords(): Map<string, number> {
    return new Map(this.restoredTotals);
  }

  processedRecords(): number {
    return this.processedTotal;
  }

  // --- group events ---------------------------------------------------------------------------

  /** Before a rejoin: stop feeding tasks, commit them all, drop the buffers. */
  async revoke(): Promise<void> {
    this.debug(`revoke: committing ${this.activeTaskIds().join(',')} before the rejoin`);
    this.halted = true;
    this.options.onProgress('REBALANCING');
    await this.commitAll('rebalance');
    this.router.clear();
    this.debug('revoke: done');
  }

  async assigned(assignment: MemberAssignment): Promise<void> {
    if (this.closed) return;
    const topology = this.options.tasks();
    const wanted = new Set(assignment.own.activeTasks);
    const standbys = new Set([...assignment.own.standbyTasks, ...assignment.own.warmupTasks].filter((id) => !wanted.has(id) && topology.byId.get(id)?.stateful === true));
    this.debug(
      `assigned (generation ${assignment.generationId}): active ${[...wanted].sort().join(',')}; standby ${[...standbys].sort().join(',')}; had ${this.activeTaskIds().join(',')} / ${this.standbyTaskIds().join(',')}`,
    );
    for (const task of [...this.tasks.values()]) {
      const keep = task.phase === 'standby' ? wanted.has(task.taskId) || standbys.has(task.taskId) : task.phase !== 'failed' && wanted.has(task.taskId);
      if (keep) continue;
      // tasks that moved away (committed before the rejoin), actives that became standbys, and failed
      // tasks (a TaskMigratedError asked for this rebalance): the last two are opened again below
      await this.closeTask(task, task.commitFailed || task.phase === 'failed' || task.dirty ? 'dirty' : 'clean');
    }
    for (const task of [...this.tasks.values()]) if (task.phase === 'standby' && wanted.has(task.taskId)) await this.promote(task);
    const fresh = [...wanted].filter((id) => !this.tasks.has(id));
    if (fresh.length > 0) await this.open(fresh, topology);
    const freshStandbys = [...standbys].filter((id) => !this.tasks.has(id));
    if (freshStandbys.length > 0) await this.open(freshStandbys, topology, new Map(), 'standby');

    const routes = new Map<string, TopicPartitionRef[]>();
    const positions = new Map<string, number>();
    for (const task of this.activeTasks()) {
      routes.set(task.taskId, [...task.inputs]);
      for (const [key, offset] of task.processed) positions.set(key, offset);
    }
    this.router.setAssignment(routes, positions);
    this.router.clear(positions);
    for (const task of this.activeTasks()) {
      for (const ref of task.inputs) {
        const offset = task.processed.get(keyOf(ref));
        this.debug(`task ${task.taskId}: ${ref.topic}-${ref.partition} ${offset === undefined ? 'not sought (committed offset or reset)' : `sought to ${offset}`}`);
        if (offset !== undefined) this.membership?.seek(ref.topic, ref.partition, offset);
      }
    }
    this.membership?.resume(this.router.assignedPartitions());
    this.halted = false;
    this.debug(`assigned: running ${[...this.tasks.values()].map((t) => `${t.taskId}:${t.phase}`).join(',')}`);
    this.reportProgress();
    for (const taskId of this.tasks.keys()) this.pump(taskId);
  }

  /** Records from the main consumer. */
  records(batch: FetchedBatch): void {
    if (this.closed) return;
    const taskId = this.router.add(batch.topic, batch.partition, batch.records, batch.highWatermark);
    this.router.advance(batch.topic, batch.partition, batch.nextOffset);
    if (taskId !== undefined) this.pump(taskId);
  }

  /** Records from the restore consumer (awaited by it: must not wait for the restore consumer itself). */
  async restoreRecords(partition: RestorePartition, records: readonly RoutedRecord[], nextOffset: number): Promise<void> {
    const taskId = this.changelogOwner.get(keyOf(partition));
    const task = taskId === undefined ? undefined : this.tasks.get(taskId);
    const state = task?.restoring.get(keyOf(partition));
    if (!task || !state || state.done || (task.phase !== 'restoring' && task.phase !== 'standby')) return;
    const wanted = records.filter((r) => r.offset >= state.position && r.offset < state.endOffset);
    await this.enqueue(task, async () => {
      if (wanted.length > 0) {
        const { restoredCount } = await this.options.runner.restore(task.taskId, wanted);
        state.restored += restoredCount;
        this.restoredTotals.set(task.taskId, (this.restoredTotals.get(task.taskId) ?? 0) + restoredCount);
        this.options.restoreListener?.()?.onBatchRestored?.(state.ref, state.store, wanted[wanted.length - 1].offset, restoredCount);
      }
      state.position = Math.max(state.position, nextOffset);
      if (task.phase === 'restoring' && state.position >= state.endOffset) await this.partitionRestored(task, state);
    }).catch((error: unknown) => this.failed(task, error));
  }

  // --- commits --------------------------------------------------------------------------------

  /** Commits every task that has work since its last commit. */
  async commitAll(reason: 'interval' | 'rebalance' | 'close' | 'requested'): Promise<void> {
    const membership = this.membership;
    if (!membership) return;
    await Promise.all(
      [...this.tasks.values()].map((task) =>
        this.enqueue(task, async () => {
          if (task.phase === 'failed' || (!task.dirty && task.sends.length === 0)) return;
          try {
            await commitTask(this.committable(task), {
              send: (records) => this.options.producer.send(records),
              commitOffsets: async (offsets) => {
                try {
                  await membership.commitOffsets(offsets);
                } catch (error) {
                  // REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION ...: the group moved on; the next commit (or the new owner) takes over
                  throw new TaskMigratedError(`committing the offsets of task ${task.taskId} failed: ${message(error)}`, { cause: error, context: { taskId: task.taskId } });
                }
              },
            });
            task.commitFailed = false;
            this.debug(`task ${task.taskId}: committed (${reason}) ${[...task.committed].map(([k, o]) => `${k.replace('\u0000', '-')}@${o}`).join(',')}`);
          } catch (error) {
            task.commitFailed = true;
            throw error;
          }
        }).catch((error: unknown) => {
          if (error instanceof TaskMigratedError) {
            // not fatal: the offsets stay uncommitted (the task stays dirty and a moved task is closed dirty)
            this.options.logger.warn(`${error.message} (${reason} commit)`);
            return;
          }
          this.failed(task, error);
        }),
      ),
    );
  }

  // --- close ----------------------------------------------------------------------------------

  /** Commits and closes every task (a failed one dirty). The group membership is still alive: commits count. */
  async close(): Promise<void> {
    this.halted = true;
    clearInterval(this.commitTimer);
    clearInterval(this.punctuateTimer);
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    await this.commitAll('close');
    this.closed = true;
    for (const task of [...this.tasks.values()]) await this.closeTask(task, task.phase === 'failed' || task.commitFailed || task.dirty ? 'dirty' : 'clean');
    this.unsubscribeCorrupted();
  }

  /**
   * Closes a task dirty and opens it again: its state is restored (from scratch when it was
   * wiped) and its inputs are reprocessed from the last committed offsets. For TaskCorruptedError
   * and for REPLACE_THREAD.
   */
  async recover(taskId: string, cause: unknown, closeFirst = true): Promise<void> {
    const task = this.tasks.get(taskId);
    if (!task || this.closed) return;
    this.options.logger.warn(`task ${taskId} is closed dirty and opened again (${message(cause)})`);
    const wasStandby = task.phase === 'standby';
    task.phase = 'failed';
    await task.tail;
    if (closeFirst) await this.options.runner.closeTask(taskId, 'dirty').catch(() => undefined);
    this.forget(task);
    this.stopRestoring(task);
    if (wasStandby) {
      await this.open([taskId], this.options.tasks(), new Map(), 'standby');
      return;
    }
    const positions = new Map(task.committed);
    for (const ref of task.inputs) {
      if (positions.has(keyOf(ref))) continue;
      positions.set(keyOf(ref), await this.startOffset(ref));
    }
    await this.open([taskId], this.options.tasks(), positions);
    const reopened = this.tasks.get(taskId);
    if (!reopened) return;
    this.router.setAssignment(new Map(this.activeTasks().map((t) => [t.taskId, [...t.inputs]])));
    for (const ref of reopened.inputs) {
      const offset = positions.get(keyOf(ref));
      if (offset !== undefined) this.membership?.seek(ref.topic, ref.partition, offset);
    }
    this.router.clearTask(taskId, positions);
    this.membership?.resume(reopened.inputs);
    this.reportProgress();
    this.pump(taskId);
  }

  // --- internals ------------------------------------------------------------------------------

  private async open(taskIds: readonly string[], topology: TopologyTasks, committed: ReadonlyMap<string, number> = new Map(), role: 'active' | 'standby' = 'active'): Promise<void> {
    let pending = [...taskIds];
    for (let attempt = 0; pending.length > 0; attempt++) {
      const outcomes = await this.options.runner.assign(pending.map((taskId) => ({ taskId, partitionCounts: this.options.partitionCounts })));
      const retry: string[] = [];
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          // another owner (a closing instance on this machine) still holds the task directory: try again
          if (outcome.error instanceof LockError && attempt < 50) retry.push(outcome.taskId);
          else this.options.onTaskError(outcome.taskId, outcome.error);
          continue;
        }
        const definition = topology.byId.get(outcome.taskId);
        if (role === 'standby' && outcome.status.state !== 'restoring') {
          // nothing to replicate (no changelog after all): a standby of it would be idle
          await this.options.runner.closeTask(outcome.taskId, 'clean').catch(() => undefined);
          continue;
        }
        const task: ManagedTask = {
          taskId: outcome.taskId,
          phase: outcome.status.state,
          inputs: definition?.inputPartitions ?? [],
          changelogTopics: new Set(outcome.status.changelogs.filter((c) => !c.isSourceTopic).map((c) => c.topic)),
          changelogs: outcome.status.changelogs,
          restoring: new Map(),
          tail: Promise.resolve(),
          queued: 0,
          sends: [],
          consumed: new Map(),
          processed: new Map(committed),
          committed: new Map(committed),
          dirty: false,
          commitRequested: false,
          commitFailed: false,
        };
        this.tasks.set(task.taskId, task);
        if (role === 'standby') task.phase = 'standby';
        this.debug(`task ${task.taskId}: opened ${task.phase} on thread ${outcome.status.threadId}; changelogs ${outcome.status.changelogs.map((c) => `${c.topic}-${c.partition}@${String(c.checkpointOffset)}`).join(',')}`);
        if (task.phase !== 'running') await this.startRestore(task, outcome.status.changelogs);
      }
      pending = retry;
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The committed offset of a partition, or where auto.offset.reset starts it. */
  private async startOffset(ref: TopicPartitionRef): Promise<number> {
    const admin = this.options.admin;
    const groupId = this.membership?.groupId;
    if (groupId !== undefined) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [ref.topic] });
      const offset = Number(committed?.partitions.find((p) => p.partition === ref.partition)?.offset ?? -1);
      if (offset >= 0) return offset;
    }
    const watermarks = (await admin.fetchTopicOffsets(ref.topic)).find((p) => p.partition === ref.partition);
    return Number(this.options.autoOffsetReset === 'earliest' ? (watermarks?.low ?? 0) : (watermarks?.high ?? 0));
  }

  private async startRestore(task: ManagedTask, changelogs: readonly RunnerChangelog[]): Promise<void> {
    const standby = task.phase === 'standby';
    const ends = standby ? new Map<string, number>() : await this.changelogEnds(changelogs.map((c) => c.topic));
    const listener = standby ? undefined : this.options.restoreListener?.();
    for (const c of changelogs) {
      const ref = { topic: c.topic, partition: c.partition };
      const key = keyOf(ref);
      const start = c.checkpointOffset === null ? 0 : c.checkpointOffset + 1;
      const end = standby ? NO_END : (ends.get(key) ?? 0);
      task.restoring.set(key, { ref, store: c.store, endOffset: end, position: start, restored: 0, done: start >= end, isSourceTopic: c.isSourceTopic });
      this.changelogOwner.set(key, task.taskId);
      listener?.onRestoreStart?.(ref, c.store, start, end);
    }
    for (const p of task.restoring.values()) if (p.done) listener?.onRestoreEnd?.(p.ref, p.store, 0);
    this.debug(`task ${task.taskId}: ${standby ? 'standby of' : 'restore'} ${[...task.restoring.values()].map((p) => `${p.ref.topic}-${p.ref.partition} ${p.position}..${p.endOffset}${p.done ? ' (nothing to do)' : ''}`).join(', ')}`);
    await this.readChangelogs(task);
  }

  /** Has the restore consumer read what the task still needs; a restore with nothing left finishes at once. */
  private async readChangelogs(task: ManagedTask, which: (p: RestoringPartition) => boolean = () => true): Promise<void> {
    const standby = task.phase === 'standby';
    const remaining = [...task.restoring.values()].filter((p) => !p.done && !(standby && p.isSourceTopic));
    if (!standby && remaining.length === 0) {
      await this.enqueue(task, () => this.finishRestore(task));
      return;
    }
    if (!standby) this.options.logger.info(`task ${task.taskId}: restoring ${remaining.map((p) => `${p.ref.topic}-${p.ref.partition} from offset ${p.position} to ${p.endOffset}`).join(', ')}`);
    for (const p of remaining.filter(which)) void this.options.restoreConsumer.add(p.ref, p.position).catch((error: unknown) => this.failed(task, error));
  }

  /**
   * A standby becomes active: its stores stay open and its changelogs are read on, now up to the
   * end offsets of this moment (the tail written since its last batch); then it runs.
   */
  private async promote(task: ManagedTask): Promise<void> {
    const ends = await this.changelogEnds([...task.restoring.values()].map((p) => p.ref.topic));
    await this.enqueue(task, async () => {
      if (task.phase !== 'standby') return;
      task.phase = 'restoring';
      const listener = this.options.restoreListener?.();
      for (const [key, p] of task.restoring) {
        p.endOffset = ends.get(key) ?? 0;
        p.done = p.position >= p.endOffset;
        p.restored = 0; // what the promotion restores: the tail
        listener?.onRestoreStart?.(p.ref, p.store, p.position, p.endOffset);
        if (p.done) listener?.onRestoreEnd?.(p.ref, p.store, 0);
      }
      this.debug(`task ${task.taskId}: standby promoted to active; restoring the tail ${[...task.restoring.values()].map((p) => `${p.ref.topic}-${p.ref.partition} ${p.position}..${p.endOffset}`).join(', ')}`);
      const finished = [...task.restoring.values()].filter((p) => p.done).map((p) => p.ref);
      if (finished.length > 0) void this.options.restoreConsumer.remove(finished);
    });
    // source-topic changelogs a standby left alone are read now (the others are read on), and a restore with nothing left finishes
    await this.readChangelogs(task, (p) => p.isSourceTopic);
  }

  private async changelogEnds(topics: readonly string[]): Promise<Map<string, number>> {
    const ends = new Map<string, number>();
    for (const topic of new Set(topics)) {
      for (const p of await this.options.admin.fetchTopicOffsets(topic)) ends.set(`${topic}\u0000${p.partition}`, Number(p.high));
    }
    return ends;
  }

  private async partitionRestored(task: ManagedTask, state: RestoringPartition): Promise<void> {
    state.done = true;
    this.debug(`task ${task.taskId}: ${state.ref.topic}-${state.ref.partition} restored to ${state.position} (${state.restored} records)`);
    this.options.restoreListener?.()?.onRestoreEnd?.(state.ref, state.store, state.restored);
    // not awaited: this runs inside the restore consumer's batch handler, which its restart waits for
    void this.options.restoreConsumer.remove([state.ref]);
    if ([...task.restoring.values()].every((p) => p.done)) await this.finishRestore(task);
  }

  private async finishRestore(task: ManagedTask): Promise<void> {
    await this.options.runner.completeRestore(task.taskId);
    const restored = [...task.restoring.values()].reduce((n, p) => n + p.restored, 0);
    this.options.logger.info(`task ${task.taskId}: restored ${restored} changelog records; running`);
    for (const key of task.restoring.keys()) this.changelogOwner.delete(key);
    task.restoring.clear();
    task.phase = 'running';
    this.debug(`task ${task.taskId}: restore complete, running`);
    this.reportProgress();
    queueMicrotask(() => this.pump(task.taskId));
  }

  private async closeTask(task: ManagedTask, mode: 'clean' | 'dirty'): Promise<void> {
    this.debug(`task ${task.taskId}: closing ${mode} (${task.phase})`);
    task.phase = task.phase === 'failed' ? 'failed' : task.phase;
    await task.tail;
    this.forget(task);
    this.stopRestoring(task);
    try {
      await this.options.runner.closeTask(task.taskId, mode);
    } catch (error) {
      this.options.logger.warn(`closing task ${task.taskId} ${mode} failed: ${message(error)}; closing it dirty`);
      await this.options.runner.closeTask(task.taskId, 'dirty').catch(() => undefined);
    }
  }

  private stopRestoring(task: ManagedTask): void {
    const partitions = [...task.restoring.values()].filter((p) => !p.done).map((p) => p.ref);
    if (partitions.length > 0) void this.options.restoreConsumer.remove(partitions);
  }

  private activeTasks(): ManagedTask[] {
    return [...this.tasks.values()].filter((task) => task.phase !== 'standby');
  }

  private forget(task: ManagedTask): void {
    this.tasks.delete(task.taskId);
    for (const key of task.restoring.keys()) this.changelogOwner.delete(key);
    clearTimeout(this.idleTimers.get(task.taskId));
    this.idleTimers.delete(task.taskId);
  }

  /** Hands the task its next batch when it has one and nothing is in flight. */
  private pump(taskId: string): void {
    const task = this.tasks.get(taskId);
    if (!task || this.halted || task.phase !== 'running' || task.queued > 0) return;
    const readiness = this.router.readiness(taskId);
    if (!readiness.ready) {
      if (readiness.retryInMs !== null && !this.idleTimers.has(taskId)) {
        this.idleTimers.set(
          taskId,
          setTimeout(() => {
            this.idleTimers.delete(taskId);
            this.pump(taskId);
          }, readiness.retryInMs),
        );
      }
      return;
    }
    const records = this.router.take(taskId);
    if (records.length === 0) return;
    void this.enqueue(task, async () => {
      const result = await this.options.runner.process(taskId, records);
      this.track(task, result.outputs);
      for (const o of result.consumedOffsets) {
        const key = keyOf(o);
        task.consumed.set(key, o);
        task.processed.set(key, o.offset);
      }
      task.dirty = true;
      this.processedTotal += result.processedCount;
      if (result.commitRequested) task.commitRequested = true;
    })
      .then(
        () => {
          if (task.commitRequested) {
            task.commitRequested = false;
            void this.commitAll('requested');
          }
        },
        (error: unknown) => this.failed(task, error),
      );
  }

  private punctuateAll(): void {
    if (this.halted) return;
    const now = this.wallClockMs();
    for (const task of this.tasks.values()) {
      if (task.phase !== 'running' || task.queued > 0) continue;
      void this.enqueue(task, async () => {
        const result = await this.options.runner.punctuate(task.taskId, now);
        if (result.punctuated) task.dirty = true;
        this.track(task, result.outputs);
      }).catch((error: unknown) => this.failed(task, error));
    }
  }

  /** Sends a task's outputs now; the commit awaits the acks. */
  private track(task: ManagedTask, outputs: readonly ProducibleRecord[]): void {
    if (outputs.length === 0) return;
    const send = this.options.producer.send(outputs);
    // the commit awaits (and reports) it; an unobserved rejection must not crash the process meanwhile
    send.catch(() => undefined);
    task.sends.push(send);
  }

  private committable(task: ManagedTask): CommittableTask {
    return {
      taskId: task.taskId,
      changelogTopics: task.changelogTopics,
      flush: async () => (await this.options.runner.flush(task.taskId)).outputs,
      takeSends: () => task.sends.splice(0),
      consumedOffsets: () => [...task.consumed.values()],
      writeCheckpoint: async (offsets) => {
        await this.options.runner.commit(task.taskId, offsets);
        for (const [key, o] of task.consumed) task.committed.set(key, o.offset);
        task.consumed.clear();
        task.dirty = false;
      },
    };
  }

  /**
   * Runs `op` after the task's earlier calls. When the queue runs empty the task is pumped: records
   * that arrived while a commit or punctuation was in flight found the task busy, and no further
   * fetch may come to hand them over (the partition's records are all buffered already).
   */
  private enqueue(task: ManagedTask, op: () => Promise<void>): Promise<void> {
    task.queued++;
    const run = task.tail.then(op);
    const settled = (): void => {
      task.queued--;
      if (task.queued === 0) this.pump(task.taskId);
    };
    task.tail = run.then(settled, settled);
    return run;
  }

  private failed(task: ManagedTask, error: unknown): void {
    this.debug(`task ${task.taskId}: failed in phase ${task.phase}: ${message(error)}`);
    if (task.phase === 'failed' || this.closed) return;
    const streamsError = error instanceof StreamsError ? error : new StreamsError(message(error), { cause: error, context: { taskId: task.taskId } });
    if (streamsError instanceof TaskCorruptedError) {
      void this.recover(task.taskId, streamsError);
      return;
    }
    task.phase = 'failed';
    if (streamsError instanceof TaskMigratedError) {
      this.options.logger.warn(`task ${task.taskId} migrated (${streamsError.message}); rejoining the group`);
      this.membership?.requestRebalance();
      return;
    }
    this.options.onTaskError(task.taskId, streamsError);
  }

  private debug(text: string): void {
    this.options.logger.debug?.(text);
  }

  private reportProgress(): void {
    if (this.halted || this.closed) return;
    const restoring = [...this.tasks.values()].some((t) => t.phase === 'restoring');
    this.options.onProgress(restoring ? 'REBALANCING' : 'RUNNING');
  }
}

function refs(partitions: readonly TopicPartitionRef[]): string {
  return partitions.map((p) => `${p.topic}-${p.partition}`).join(',');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
