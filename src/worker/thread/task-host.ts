// The tasks of one thread (design-notes §4): task id → its TaskProcessor, storage, cache and
// outputs. The thread that hosts a task is the only one that opens its stores. Messages for one
// task run one at a time, in the order they came, whatever the transport's concurrency; messages
// for different tasks interleave at their awaits.
//
// A task that fails (a processing error, a failed commit, corruption) accepts nothing but a dirty
// close: its partial outputs are dropped, and the runtime reprocesses (at-least-once) or aborts
// (exactly-once) what it had not committed. A task that failed with TaskCorruptedError has its
// local state wiped when it is closed, so that assigning it again restores it from its changelogs.
//
// Nothing here knows about threads, messages or Kafka: the request handler adapts messages to
// these calls, on a worker thread or on the main thread.
import type { StreamsConfig } from '../../config';
import { IllegalStateError, ProcessorStateError, StateStoreMigratedError, StreamsError, TaskCorruptedError, TopologyError, UnknownStateStoreError } from '../../errors';
import { consoleLogger, resolveDeserializationHandler, resolveProcessingHandler, resolveProductionHandler, type Logger } from '../../core/processor/exception-handlers';
import type { CollectedRecord } from '../../core/processor/record-collector';
import { RecordHeaders } from '../../core/processor/record-headers';
import { TaskId } from '../../core/processor/task-id';
import { TaskProcessor } from '../../core/processor/task-processor';
import { NO_SENSORS, type DropReason, type TaskSensors } from '../../core/processor/task-sensors';
import { resolveSerde } from '../../core/serde/default-serde';
import type { ChangelogRecord } from '../../core/state/state-store';
import { TaskCache } from '../../core/state/task-cache';
import { TaskStorage } from '../../core/state/task-storage';
import { resolveTimestampExtractor } from '../../core/time/default-timestamp-extractor';
import type { BuiltTopology, SubtopologyDefinition } from '../../core/topology/topology-model';
import type { ChangelogOffset, ChangelogPartition, CloseMode, StoreQuery, StoreQueryResult, StoreQueryType, TopicPartitionOffset } from '../protocol';
import type { ConsumedBatchRecord } from '../record-batch-codec';
import { answerStoreQuery } from './store-query';
import { TaskLifecycle, type TaskState } from './task-state';

export interface TaskHostOptions {
  readonly topology: BuiltTopology;
  readonly config: StreamsConfig;
  /** The thread the host runs on (reported in replies). */
  readonly threadId: number;
  readonly logger?: Logger;
  /** Told of every drop as it happens, besides the per-task counts `takeDropped` hands out. */
  readonly sensors?: TaskSensors;
  /** The clock processors see (`currentSystemTimeMs`) and wall-clock punctuations are scheduled by. */
  readonly wallClockMs?: () => number;
}

export interface AssignOptions {
  readonly cacheMaxBytes: number;
  readonly partitionCounts?: Readonly<Record<string, number>>;
}

export interface HostedTaskStatus {
  readonly state: 'restoring' | 'running';
  readonly changelogs: ChangelogPartition[];
}

export interface ProcessOutcome {
  readonly outputs: CollectedRecord[];
  readonly consumedOffsets: TopicPartitionOffset[];
  readonly commitRequested: boolean;
  readonly streamTimeMs: number;
  readonly processedCount: number;
}

export interface PunctuateOutcome {
  readonly outputs: CollectedRecord[];
  readonly punctuated: boolean;
  readonly commitRequested: boolean;
}

export interface RestoreOutcome {
  readonly restoredCount: number;
  readonly checkpoint: ChangelogOffset[];
}

interface HostedTask {
  readonly id: TaskId;
  readonly lifecycle: TaskLifecycle;
  readonly processor: TaskProcessor;
  readonly storage: TaskStorage;
  readonly cache: TaskCache;
  readonly subtopology: SubtopologyDefinition;
  /** What the task wrote since its outputs were last handed out. */
  readonly outputs: CollectedRecord[];
  /** Changelog topic (full name) → the store restored from it; filled when the stores have registered. */
  readonly storeByChangelog: Map<string, string>;
  /** Processed or punctuated since the last flush: a commit must flush first. */
  unflushed: boolean;
  /** Processed or punctuated since the last commit: a clean close must commit first. */
  uncommitted: boolean;
  /** The error that failed the task; only a dirty close is accepted after one. */
  failure: StreamsError | null;
}

export class TaskHost {
  readonly threadId: number;
  private readonly topology: BuiltTopology;
  private readonly config: StreamsConfig;
  private readonly applicationId: string;
  private readonly internalTopics: ReadonlySet<string>;
  private readonly logger: Logger;
  private readonly sensors: TaskSensors;
  /** Drops per task since `takeDropped` last took them: the replies carry them to the main thread. */
  private readonly dropped = new Map<string, Map<DropReason, number>>();
  private readonly wallClockMs: () => number;
  private readonly tasks = new Map<string, HostedTask>();
  /** Per task: the tail of its queue of operations (never rejects). */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(options: TaskHostOptions) {
    this.topology = options.topology;
    this.config = options.config;
    this.threadId = options.threadId;
    this.applicationId = options.config.get('application.id');
    this.internalTopics = new Set(options.topology.internalTopics.map((t) => t.name));
    this.logger = options.logger ?? consoleLogger;
    const outer = options.sensors ?? NO_SENSORS;
    this.sensors = {
      recordDropped: (reason, taskId, processorName) => {
        let counts = this.dropped.get(taskId);
        if (!counts) this.dropped.set(taskId, (counts = new Map()));
        counts.set(reason, (counts.get(reason) ?? 0) + 1);
        outer.recordDropped(reason, taskId, processorName);
      },
    };
    this.wallClockMs = options.wallClockMs ?? Date.now;
  }

  get fingerprint(): string {
    return this.topology.fingerprint;
  }

  taskIds(): string[] {
    return [...this.tasks.keys()].sort();
  }

  /** The records a task dropped since the last call (by reason), and forgets them; undefined when none. */
  takeDropped(taskId: string): Partial<Record<DropReason, number>> | undefined {
    const counts = this.dropped.get(taskId);
    if (!counts) return undefined;
    this.dropped.delete(taskId);
    return Object.fromEntries(counts);
  }

  stateOf(taskId: string): TaskState | undefined {
    return this.tasks.get(taskId)?.lifecycle.state;
  }

  /** Builds an active task, opens its stores (and its storage, when it has persistent stores) and reads its checkpoint. */
  assign(taskId: string, options: AssignOptions): Promise<HostedTaskStatus> {
    return this.exclusive(taskId, async () => {
      if (this.tasks.has(taskId)) throw new IllegalStateError(`task ${taskId} is already on thread ${this.threadId}`, { context: { taskId, threadId: this.threadId } });
      const id = parseTaskId(taskId);
      const subtopology = this.topology.subtopologies.find((s) => s.id === id.subtopology);
      if (!subtopology) {
        throw new TopologyError(
          `task ${taskId} is for sub-topology ${id.subtopology}, which this topology does not have (it has ${this.topology.subtopologies.map((s) => s.id).join(', ') || 'none'}): are all members running the same topology?`,
          { context: { taskId } },
        );
      }
      const task = this.createTask(id, subtopology, options);
      try {
        await task.processor.init();
      } catch (error) {
        await this.dispose(task, error instanceof TaskCorruptedError);
        throw error;
      }
      for (const changelog of task.storage.changelogs()) task.storeByChangelog.set(changelog.topic, changelog.store);
      this.tasks.set(taskId, task);
      task.lifecycle.transitionTo('restoring');
      return this.enteredRestoring(task);
    });
  }

  /** suspended → restoring (→ running without changelogs), with the cache resized to the task's current share. */
  resume(taskId: string, cacheMaxBytes: number): Promise<HostedTaskStatus> {
    return this.withTask(taskId, 'resume', ['suspended'], async (task) => {
      // The task was flushed before it was suspended, so its cache holds no dirty entries and shrinking it forwards nothing.
      task.cache.resize(cacheMaxBytes);
      task.lifecycle.transitionTo('restoring');
      return this.enteredRestoring(task);
    });
  }

  /** Applies changelog records to the task's stores; a persistent store's checkpoint moves with them. */
  restore(taskId: string, records: readonly ConsumedBatchRecord[]): Promise<RestoreOutcome> {
    return this.withTask(taskId, 'restore', ['restoring'], async (task) => {
      let restored = 0;
      let run: ChangelogRecord[] = [];
      let runStore: string | null = null;
      const flushRun = async (): Promise<void> => {
        if (runStore !== null && run.length > 0) await task.storage.restore(runStore, run);
        restored += run.length;
        run = [];
      };
      for (const record of records) {
        const store = task.storeByChangelog.get(record.topic);
        if (store === undefined) {
          throw new ProcessorStateError(
            `task ${taskId} has no store restored from topic ${record.topic} (partition ${record.partition}, offset ${record.offset}); its changelogs are ${[...task.storeByChangelog.keys()].join(', ') || 'none'}`,
            { context: { taskId, topic: record.topic, partition: record.partition, offset: record.offset } },
          );
        }
        if (record.partition !== task.id.partition) {
          throw new ProcessorStateError(`task ${taskId} restores partition ${task.id.partition} of ${record.topic}, but was given a record of partition ${record.partition} (offset ${record.offset})`, {
            context: { taskId, topic: record.topic, partition: record.partition, offset: record.offset },
          });
        }
        if (store !== runStore) {
          await flushRun();
          runStore = store;
        }
        // A store that reuses a source topic as its changelog can meet null keys there; a store cannot hold them (Java skips them too).
        if (record.key === null) continue;
        run.push({ key: record.key, value: record.value, timestamp: record.timestamp, offset: record.offset });
      }
      await flushRun();
      return { restoredCount: restored, checkpoint: task.storage.checkpoint() };
    });
  }

  /** restoring → running: the runtime restored every changelog up to its end. */
  completeRestore(taskId: string): Promise<void> {
    return this.withTask(taskId, 'complete the restoration of', ['restoring'], async (task) => {
      task.lifecycle.transitionTo('running');
    });
  }

  /** Processes consumed records in order, punctuating on stream time after each, as Java's task does. */
  process(taskId: string, records: readonly ConsumedBatchRecord[]): Promise<ProcessOutcome> {
    return this.withTask(taskId, 'process records of', ['running'], async (task) => {
      const consumed = new Map<string, TopicPartitionOffset>();
      const processor = task.processor;
      if (records.length > 0) task.unflushed = task.uncommitted = true;
      for (const record of records) {
        await processor.process({
          topic: record.topic,
          partition: record.partition,
          offset: record.offset,
          timestamp: record.timestamp,
          key: record.key,
          value: record.value,
          headers: new RecordHeaders(record.headers),
        });
        await processor.maybePunctuateStreamTime();
        consumed.set(`${record.partition}\u0000${record.topic}`, { topic: record.topic, partition: record.partition, offset: record.offset + 1 });
      }
      return {
        outputs: takeOutputs(task),
        consumedOffsets: [...consumed.values()],
        commitRequested: processor.commitRequested,
        streamTimeMs: processor.streamTime,
        processedCount: records.length,
      };
    });
  }

  /** Fires the wall-clock punctuations due at `wallClockMs`. */
  punctuate(taskId: string, wallClockMs: number): Promise<PunctuateOutcome> {
    return this.withTask(taskId, 'punctuate', ['running'], async (task) => {
      const punctuated = await task.processor.maybePunctuateSystemTime(wallClockMs);
      if (punctuated) task.unflushed = task.uncommitted = true;
      return { outputs: takeOutputs(task), punctuated, commitRequested: task.processor.commitRequested };
    });
  }

  /** Commit step 1: flushes the caches, returning what they forwarded and change-logged. */
  flush(taskId: string): Promise<CollectedRecord[]> {
    return this.withTask(taskId, 'flush', ['running', 'restoring'], async (task) => {
      await task.processor.flush();
      task.unflushed = false;
      return takeOutputs(task);
    });
  }

  /**
   * Commit step 4: the pending writes and the checkpoint, advanced to `changelogOffsets`, in one
   * storage batch. Steps 2 and 3 (produce, commit the input offsets) happened on the main thread
   * in between; a crash before this step leaves the storage at the previous commit, which restore
   * completes from the changelog.
   */
  commit(taskId: string, changelogOffsets: readonly ChangelogOffset[]): Promise<void> {
    return this.withTask(
      taskId,
      'commit',
      ['running', 'restoring', 'suspended'],
      async (task) => {
        await task.storage.commit(changelogOffsets);
        task.processor.commitDone();
        task.uncommitted = false;
      },
      (task) => {
        if (task.unflushed) {
          throw new IllegalStateError(
            `cannot commit task ${taskId}: it processed records after its last flush, whose writes the commit would include without their outputs. Flush, produce and commit offsets first (design-notes §6)`,
            { context: { taskId } },
          );
        }
      },
    );
  }

  /** running or restoring → suspended: stores stay open, nothing is processed. The task must be flushed. */
  suspend(taskId: string): Promise<void> {
    return this.withTask(
      taskId,
      'suspend',
      ['running', 'restoring'],
      async (task) => {
        task.lifecycle.transitionTo('suspended');
      },
      (task) => {
        if (task.unflushed) throw new IllegalStateError(`cannot suspend task ${taskId}: it has processed records since its last flush; flush it first`, { context: { taskId } });
      },
    );
  }

  /**
   * Clean: the task committed everything; its processors and stores are closed and its storage
   * released. Dirty: its cache and pending writes are dropped first (nothing more is forwarded or
   * written), and failures while closing are logged, not thrown. A task that failed can only be
   * closed dirty; one that was corrupted has its local state wiped.
   */
  close(taskId: string, mode: CloseMode): Promise<void> {
    return this.exclusive(taskId, async () => {
      const task = this.tasks.get(taskId);
      if (!task) {
        if (mode === 'dirty') return;
        throw new IllegalStateError(`cannot close task ${taskId} clean: thread ${this.threadId} does not have it`, { context: { taskId, threadId: this.threadId } });
      }
      if (mode === 'clean') {
        if (task.failure) throw new IllegalStateError(`cannot close task ${taskId} clean: it failed (${task.failure.message}); close it dirty`, { context: { taskId } });
        if (task.uncommitted) {
          throw new IllegalStateError(`cannot close task ${taskId} clean: it has work since its last commit; commit it first, or close it dirty to drop that work`, { context: { taskId } });
        }
      }
      this.tasks.delete(taskId);
      task.lifecycle.transitionTo('closed');
      if (mode === 'dirty') {
        await this.dispose(task, task.failure instanceof TaskCorruptedError);
        return;
      }
      try {
        await task.processor.close();
        if (task.outputs.length > 0) this.logger.error(`task ${taskId} wrote ${task.outputs.length} records while closing; they are dropped`);
        await task.storage.close();
      } catch (error) {
        await this.dispose(task, error instanceof TaskCorruptedError);
        throw error;
      }
    });
  }

  /**
   * An interactive query of one of the task's stores. It waits for the task's earlier operations
   * (so it never sees half a batch), and its failure never fails the task. Only a running task
   * answers, unless `stale` (Java's enableStaleStores) lets a restoring or suspended one answer too.
   */
  queryStore(taskId: string, storeName: string, storeType: StoreQueryType, stale: boolean, query: StoreQuery): Promise<StoreQueryResult> {
    return this.exclusive(taskId, async () => {
      const context = { taskId, store: storeName, threadId: this.threadId };
      const task = this.tasks.get(taskId);
      if (!task) throw new StateStoreMigratedError(`The state store, ${storeName}, may have migrated to another instance: task ${taskId} is not on thread ${this.threadId} any more. Rediscover the store's host and retry.`, { context });
      if (task.failure) throw new StateStoreMigratedError(`The state store, ${storeName}, of task ${taskId} is not available: the task failed (${task.failure.message}) and will be closed. Retry later.`, { context });
      const state = task.lifecycle.state;
      if (state !== 'running' && !(stale && (state === 'restoring' || state === 'suspended'))) {
        throw new StateStoreMigratedError(
          `Cannot get state store ${storeName} because task ${taskId} is ${state}, not running; the state store may have migrated to another instance. Retry later, or query with enableStaleStores to read a ${state} task's state.`,
          { context },
        );
      }
      const store = task.processor.store(storeName);
      if (store === undefined) {
        throw new UnknownStateStoreError(`Cannot get state store ${storeName}: task ${taskId} has no such store (its stores are ${task.subtopology.stores.map((s) => s.name).join(', ') || 'none'})`, { context });
      }
      return answerStoreQuery(store, storeType, query);
    });
  }

  /** Closes every task dirty (the runtime closes them clean first when it can). */
  async shutdown(): Promise<string[]> {
    const ids = this.taskIds();
    await Promise.all(ids.map((id) => this.close(id, 'dirty')));
    return ids;
  }

  // --- internals ----------------------------------------------------------------------------

  private createTask(id: TaskId, subtopology: SubtopologyDefinition, options: AssignOptions): HostedTask {
    const config = this.config;
    const taskId = id.toString();
    const outputs: CollectedRecord[] = [];
    const partitionCounts = options.partitionCounts ?? {};
    const storage = new TaskStorage({
      stateDir: config.get('state.dir'),
      applicationId: this.applicationId,
      taskId: id,
      pendingWritesMaxBytes: config.get('statestore.pending.writes.max.bytes'),
    });
    const cache = new TaskCache(options.cacheMaxBytes);
    const processor = new TaskProcessor({
      taskId: id,
      applicationId: this.applicationId,
      nodes: subtopology.nodes,
      stores: subtopology.stores,
      appConfigs: config.originals(),
      stateDir: config.get('state.dir'),
      defaultKeySerde: resolveSerde(config.get('default.key.serde'), 'default.key.serde'),
      defaultValueSerde: resolveSerde(config.get('default.value.serde'), 'default.value.serde'),
      defaultTimestampExtractor: resolveTimestampExtractor(config.get('default.timestamp.extractor')),
      handlers: {
        deserialization: resolveDeserializationHandler(config.get('default.deserialization.exception.handler'), this.logger),
        processing: resolveProcessingHandler(config.get('processing.exception.handler'), this.logger),
        production: resolveProductionHandler(config.get('default.production.exception.handler'), this.logger),
      },
      collector: {
        send: (record) => void outputs.push(record),
        partitionsFor: (topic) => (Object.hasOwn(partitionCounts, topic) ? partitionCounts[topic] : undefined),
      },
      sensors: this.sensors,
      wallClockMs: this.wallClockMs,
      resolveTopic: (name) => (this.internalTopics.has(name) ? `${this.applicationId}-${name}` : name),
      cache,
      taskStorage: storage,
    });
    return {
      id,
      lifecycle: new TaskLifecycle(taskId),
      processor,
      storage,
      cache,
      subtopology,
      outputs,
      storeByChangelog: new Map(),
      unflushed: false,
      uncommitted: false,
      failure: null,
    };
  }

  /** After a move to restoring: the changelogs to restore, or straight on to running when there are none. */
  private enteredRestoring(task: HostedTask): HostedTaskStatus {
    const sourceTopicStores = new Set(task.subtopology.stores.filter((s) => s.changelogIsSourceTopic).map((s) => s.name));
    const changelogs = task.storage.changelogs().map((c) => ({ ...c, isSourceTopic: sourceTopicStores.has(c.store) }));
    if (changelogs.length === 0) task.lifecycle.transitionTo('running');
    return { state: changelogs.length === 0 ? 'running' : 'restoring', changelogs };
  }

  /** Closes a task's processors and storage without committing anything, never throwing; wipes the local state if asked. */
  private async dispose(task: HostedTask, wipe: boolean): Promise<void> {
    const taskId = task.id.toString();
    task.cache.clear();
    task.storage.discardPendingWrites();
    try {
      await task.processor.close();
    } catch (error) {
      this.logger.warn(`closing task ${taskId} dirty: its processors or stores failed to close: ${message(error)}`);
    }
    task.outputs.length = 0;
    try {
      if (wipe) await task.storage.wipe();
      else await task.storage.close();
    } catch (error) {
      this.logger.warn(`closing task ${taskId} dirty: its storage failed to ${wipe ? 'wipe' : 'close'}: ${message(error)}`);
    }
  }

  /**
   * Runs `op` on a task in state `states`, after `precondition` (whose failure leaves the task as
   * it was); any failure of `op` fails the task.
   */
  private withTask<R>(taskId: string, action: string, states: TaskState[], op: (task: HostedTask) => Promise<R>, precondition?: (task: HostedTask) => void): Promise<R> {
    return this.exclusive(taskId, async () => {
      const task = this.tasks.get(taskId);
      if (!task) throw new IllegalStateError(`cannot ${action} task ${taskId}: thread ${this.threadId} does not have it`, { context: { taskId, threadId: this.threadId } });
      if (task.failure) {
        throw new IllegalStateError(`cannot ${action} task ${taskId}: it failed (${task.failure.message}); close it dirty`, { context: { taskId }, cause: task.failure });
      }
      task.lifecycle.require(action, ...states);
      precondition?.(task);
      try {
        return await op(task);
      } catch (error) {
        task.failure = error instanceof StreamsError ? error : new StreamsError(message(error), { cause: error, context: { taskId } });
        task.outputs.length = 0;
        throw error;
      }
    });
  }

  /** Runs `op` after every earlier operation on the same task has settled. */
  private exclusive<R>(taskId: string, op: () => Promise<R>): Promise<R> {
    const previous = this.queues.get(taskId) ?? Promise.resolve();
    const result = previous.then(op);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(taskId, tail);
    void tail.then(() => {
      if (this.queues.get(taskId) === tail) this.queues.delete(taskId);
    });
    return result;
  }
}

function takeOutputs(task: HostedTask): CollectedRecord[] {
  return task.outputs.splice(0);
}

function parseTaskId(taskId: string): TaskId {
  try {
    return TaskId.parse(taskId);
  } catch (error) {
    throw new IllegalStateError(message(error), { context: { taskId } });
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
