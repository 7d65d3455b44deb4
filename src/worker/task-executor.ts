// What the runtime (the Kafka side) calls to run tasks, whether they run on the Piscina pool
// (WorkerPool: the topology was given as a module) or on the main thread (InProcessExecutor: the
// topology was given as a Topology). Both speak the same protocol to the same TaskHost code, so
// the semantics are the same; the runtime does not care which one it has.
//
// One call per task at a time is the runtime's rule (one batch in flight per task keeps each
// partition in order); calls for different tasks may overlap freely. Every rejection is a
// StreamsError rebuilt from the thread's WireError (`fatal` says whether the runtime can recover:
// a non-fatal one means close the task dirty and carry on).
import type { StreamsError, TaskCorruptedError } from '../errors';
import type { ChangelogOffset, ChangelogPartition, CloseMode, DroppedCounts, StoreQuery, StoreQueryResult, StoreQueryType, TaskKind, TopicPartitionOffset } from './protocol';
import type { ConsumedBatchRecord, DecodedOutputRecord } from './record-batch-codec';

export type { ChangelogOffset, ChangelogPartition, CloseMode, DroppedCounts, StoreQuery, StoreQueryResult, StoreQueryType, TaskKind, TopicPartitionOffset } from './protocol';
export type { ConsumedBatchRecord } from './record-batch-codec';

/** A record a task wants produced; `partition` null means murmur2 of the key (the producer's default partitioner). */
export type OutputRecord = DecodedOutputRecord;

export interface TaskAssignment {
  /** `<subtopology>_<partition>` */
  readonly taskId: string;
  /** Default 'active'. */
  readonly kind?: TaskKind;
  /** Partition counts of the task's output topics, for StreamPartitioners. */
  readonly partitionCounts?: Readonly<Record<string, number>>;
}

export interface TaskStatus {
  readonly taskId: string;
  /** 'running' when the task has no changelog to restore; else 'restoring' until `completeRestore`. */
  readonly state: 'restoring' | 'running';
  readonly threadId: number;
  readonly changelogs: readonly ChangelogPartition[];
}

export type AssignOutcome = { readonly ok: true; readonly taskId: string; readonly status: TaskStatus } | { readonly ok: false; readonly taskId: string; readonly error: StreamsError };

export interface ProcessResult {
  readonly taskId: string;
  readonly threadId: number;
  /** Sink, repartition and changelog records, in the order the task wrote them; produce them before the next commit. */
  readonly outputs: readonly OutputRecord[];
  readonly consumedOffsets: readonly TopicPartitionOffset[];
  readonly commitRequested: boolean;
  readonly streamTimeMs: number;
  readonly processedCount: number;
}

export interface PunctuateResult {
  readonly taskId: string;
  readonly threadId: number;
  readonly outputs: readonly OutputRecord[];
  readonly punctuated: boolean;
  readonly commitRequested: boolean;
}

export interface FlushResult {
  readonly taskId: string;
  readonly threadId: number;
  readonly outputs: readonly OutputRecord[];
}

export interface RestoreResult {
  readonly taskId: string;
  readonly threadId: number;
  readonly restoredCount: number;
  readonly checkpoint: readonly ChangelogOffset[];
}

/** Tasks lost with a thread that died: they are gone (closed dirty); assign them again to restore them. */
export interface TaskCorruptedEvent {
  readonly threadId: number;
  readonly taskIds: readonly string[];
  readonly error: TaskCorruptedError;
}

/** Records a task dropped (kstreams_dropped_records_total{reason}), as its thread reported them with a reply. */
export interface RecordsDroppedEvent {
  readonly taskId: string;
  readonly threadId: number;
  readonly counts: DroppedCounts;
}

/** An interactive query of one store of one task (see protocol.ts, `query-store`). */
export interface TaskStoreQuery {
  readonly store: string;
  readonly storeType: StoreQueryType;
  /** Java's enableStaleStores: a restoring or suspended task answers too. */
  readonly stale: boolean;
  readonly query: StoreQuery;
}

export interface TaskExecutor {
  /** The threads tasks run on (the main thread's id, 0, for the in-process executor). */
  threadIds(): readonly number[];
  /** The thread that owns a task, or undefined when the task is not assigned. */
  threadOf(taskId: string): number | undefined;
  /** Every assigned task, by thread. */
  tasksByThread(): ReadonlyMap<number, readonly string[]>;

  /**
   * Opens new active tasks: each goes to the thread with the fewest tasks; tasks already assigned
   * never move. Each task's cache gets `statestore.cache.max.bytes` divided by the number of tasks
   * after this assignment. Settles per task: one task's LockError does not hide the others.
   */
  assign(tasks: readonly TaskAssignment[]): Promise<AssignOutcome[]>;
  /** Changelog records into a restoring task's stores; the checkpoint moves with them. */
  restore(taskId: string, records: readonly ConsumedBatchRecord[]): Promise<RestoreResult>;
  /** restoring → running. */
  completeRestore(taskId: string): Promise<void>;
  /** Processes consumed records of one task, in order. */
  process(taskId: string, records: readonly ConsumedBatchRecord[]): Promise<ProcessResult>;
  /** Fires the wall-clock punctuations of a running task due at `wallClockMs`. */
  punctuate(taskId: string, wallClockMs: number): Promise<PunctuateResult>;
  /** Commit step 1: flushes the caches; returns what they forwarded and change-logged. */
  flush(taskId: string): Promise<FlushResult>;
  /** Commit step 4: writes the pending writes and the checkpoint (`changelogOffsets`: last offsets produced since the last commit). */
  commit(taskId: string, changelogOffsets: readonly ChangelogOffset[]): Promise<void>;
  /** Stops processing across a rebalance, stores kept open. The task must be flushed. */
  suspend(taskId: string): Promise<void>;
  /** suspended → restoring (or running when it has no changelog); the cache is resized to the current share. */
  resume(taskId: string): Promise<TaskStatus>;
  /**
   * Clean: the task committed everything. Dirty: its pending writes and cache are dropped. Closing
   * dirty a task the executor does not hold (closed, or lost with its thread) does nothing.
   */
  closeTask(taskId: string, mode: CloseMode): Promise<void>;
  /**
   * REPLACE_THREAD (Java's StreamsUncaughtExceptionHandler): the thread's tasks are closed dirty
   * (their uncommitted work dropped) and reported corrupted like a dead thread's, and a new thread
   * takes its place. Resolves once the old thread is gone.
   */
  replaceThread(threadId: number, cause: StreamsError): Promise<void>;
  /**
   * Answers an interactive query on the thread that owns the task, between the task's other
   * operations; its failure (InvalidStateStoreError and subclasses, SerdeError ...) never fails the task.
   */
  queryStore(taskId: string, query: TaskStoreQuery): Promise<StoreQueryResult>;
  /** Listens for tasks lost with a dead thread; returns the unsubscribe function. */
  onTaskCorrupted(listener: (event: TaskCorruptedEvent) => void): () => void;
  /** Listens for dropped records, wherever the tasks run; returns the unsubscribe function. */
  onRecordsDropped(listener: (event: RecordsDroppedEvent) => void): () => void;
  /** Closes the remaining tasks dirty and stops the threads. */
  close(): Promise<void>;
}
