// KafkaStreams: the one place that wires the Kafka side (coordination) to the tasks (worker) and
// the topology (core) (design-notes §2, §3). A topology given as a module runs on the Piscina
// pool; a Topology instance runs on the main thread (same protocol, same semantics).
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Kafka, type Admin } from 'kafkajs';
import { StreamsConfig, type StreamsConfigInput } from './config';
import {
  ConfigError,
  IllegalStateError,
  InvalidStateStoreError,
  StateStoreMigratedError,
  StateStoreNotAvailableError,
  StreamsError,
  StreamsNotStartedError,
  TopologyError,
  UnknownStateStoreError,
} from './errors';
import { linearGroupingStatus, readCommittedFixStatus } from './coordination/kafkajs-patches';
import { AssignorErrorCode } from './coordination/assignment/assignor-error';
import type { AssignmentInfo } from './coordination/assignment/assignment-info';
import { deriveTasks, type TopologyTasks } from './coordination/assignment/topology-tasks';
import { GroupMembership } from './coordination/group/group-membership';
import { ensureInternalTopics, existingPartitionCounts } from './coordination/internal-topics';
import { KafkaClientSettings } from './coordination/kafka-client-settings';
import { RecordProducer } from './coordination/producer/record-producer';
import { RestoreConsumer } from './coordination/restore/restore-consumer';
import { TaskManager, type StateRestoreListener } from './coordination/task-manager';
import { StreamsMetadataState, type KeyQueryMetadata, type MetadataTopology, type StreamsMetadata } from './coordination/metadata/streams-metadata';
import { readTaskOffsetSums } from './coordination/task-offset-sums';
import type { DropReason } from './core/processor/task-sensors';
import type { Serializer } from './core/serde/serde';
import type { AsyncReadOnlyKeyValueStore } from './core/state/async-read-only-key-value-store';
import { CompositeReadOnlyKeyValueStore } from './core/state/composite-read-only-key-value-store';
import type { QueryableStoreKind } from './core/state/queryable-store-types';
import type { StoreQueryParameters } from './core/state/store-query-parameters';
import { internalTopologyBuilder, Topology } from './core/topology/topology';
import type { BuiltTopology, StreamPartitioner } from './core/topology/topology-model';
import { ClientStateMachine, KafkaStreamsState, type StateListener } from './kafka-streams-state';
import { InProcessExecutor } from './worker/in-process-executor';
import { WorkerPool } from './worker/pool';
import type { TaskExecutor } from './worker/task-executor';
import { TaskStoreClient } from './worker/task-store-client';
import { loadTopologyModule } from './worker/topology-module';

export { KafkaStreamsState, type StateListener } from './kafka-streams-state';
export type { StateRestoreListener } from './coordination/task-manager';

/** Java's StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse. */
export const StreamThreadExceptionResponse = {
  /** Replace the thread of the failed task: its tasks are closed dirty and run again from their last commits on a new thread (Java: replace the stream thread). */
  REPLACE_THREAD: 'REPLACE_THREAD',
  /** Stop this client: it ends in ERROR. The default. */
  SHUTDOWN_CLIENT: 'SHUTDOWN_CLIENT',
  /** Stop every client of the application (through the group's next rebalance). */
  SHUTDOWN_APPLICATION: 'SHUTDOWN_APPLICATION',
} as const;
export type StreamThreadExceptionResponse = (typeof StreamThreadExceptionResponse)[keyof typeof StreamThreadExceptionResponse];

export type StreamsUncaughtExceptionHandler = (error: StreamsError) => StreamThreadExceptionResponse;

/** Java's KeyQueryMetadata.NOT_AVAILABLE: no assignment yet, or no process holds the key's task. */
export const KEY_QUERY_METADATA_NOT_AVAILABLE: KeyQueryMetadata = Object.freeze({ activeHost: Object.freeze({ host: 'unavailable', port: -1 }), standbyHosts: Object.freeze([]), partition: -1 });

/** Java's TaskMetadata, reduced to what kstreams knows: the task and its input partitions. */
/** Java's LagInfo: where a local store partition stands against its changelog's end. */
export interface LagInfo {
  readonly currentOffsetPosition: number;
  readonly endOffsetPosition: number;
  readonly offsetLag: number;
}

export interface TaskMetadata {
  readonly taskId: string;
  readonly topicPartitions: readonly { readonly topic: string; readonly partition: number }[];
}

/** Java's ThreadMetadata, reduced: a task thread (a Piscina worker, or the main thread) and its tasks. */
export interface ThreadMetadata {
  readonly threadName: string;
  readonly activeTasks: readonly TaskMetadata[];
  /** Standby and warm-up replicas on the thread. */
  readonly standbyTasks: readonly TaskMetadata[];
}

export interface KafkaStreamsLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Rebalance and task life-cycle events (assignments, tasks opened/closed/restored, seeks, pauses, commits); off unless given. */
  debug?(message: string): void;
}

export interface KafkaStreamsOptions {
  /** Where kstreams logs; default the console (info lines on stdout). */
  readonly logger?: KafkaStreamsLogger;
}

export interface CloseOptions {
  /** How long to wait for the close to finish; it goes on in the background after. Default: no bound. */
  readonly timeoutMs?: number;
}

const consoleLogger: KafkaStreamsLogger = {
  info: (message) => console.log(`kstreams: ${message}`),
  warn: (message) => console.warn(`kstreams: ${message}`),
  error: (message) => console.error(`kstreams: ${message}`),
};

interface Runtime {
  built?: BuiltTopology;
  topologyTasks?: TopologyTasks;
  metadataTopology?: MetadataTopology;
  /** Partition counts of the source topics (real names), for the key → partition of interactive-query metadata. */
  sourcePartitionCounts?: ReadonlyMap<string, number>;
  /** The assignment read back after the latest rebalance: every member's tasks and application.server. */
  assignment?: AssignmentInfo;
  admin?: Admin;
  executor?: TaskExecutor;
  producer?: RecordProducer;
  restoreConsumer?: RestoreConsumer;
  membership?: GroupMembership;
  tasks?: TaskManager;
}

export class KafkaStreams {
  private readonly config: StreamsConfig;
  private readonly topologySource: string | URL | Topology;
  private readonly logger: KafkaStreamsLogger;
  private readonly machine = new ClientStateMachine();
  private readonly processId = randomUUID();
  private uncaughtHandler: StreamsUncaughtExceptionHandler = () => 'SHUTDOWN_CLIENT';
  private restoreListener: StateRestoreListener | undefined;
  private readonly runtime: Runtime = {};
  private readonly dropped = new Map<DropReason, number>();
  /** Threads being replaced: another task of theirs failing meanwhile goes with them. */
  private readonly replacingThreads = new Set<number>();
  private assignorErrorCode: number = AssignorErrorCode.NONE;
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private failure: StreamsError | undefined;

  constructor(topology: string | URL | Topology, config: StreamsConfigInput | StreamsConfig, options: KafkaStreamsOptions = {}) {
    this.config = config instanceof StreamsConfig ? config : new StreamsConfig(config);
    this.logger = options.logger ?? consoleLogger;
    if (this.config.get('processing.guarantee') === 'exactly_once_v2') {
      throw new ConfigError(
        "processing.guarantee 'exactly_once_v2' is not supported by this version of the kstreams runtime yet (it comes with the exactly-once issue); use 'at_least_once'",
        { context: { configKey: 'processing.guarantee' } },
      );
    }
    if (topology instanceof Topology) refuseUnsupported(internalTopologyBuilder(topology).build());
    else if (!(typeof topology === 'string' || topology instanceof URL)) {
      throw new TopologyError('KafkaStreams takes a topology module (a path or a file: URL whose default export is defineTopology(...)) or a Topology');
    }
    this.topologySource = topology;
  }

  state(): KafkaStreamsState {
    return this.machine.state;
  }

  /** Java's setStateListener; several listeners may listen. Returns the function that removes this one. */
  onStateChange(listener: StateListener): () => void {
    return this.machine.onChange(listener);
  }

  setUncaughtExceptionHandler(handler: StreamsUncaughtExceptionHandler): void {
    this.requireState('setUncaughtExceptionHandler', ['CREATED']);
    if (typeof handler !== 'function') throw new TypeError('the uncaught exception handler must be a function (error) => StreamThreadExceptionResponse');
    this.uncaughtHandler = handler;
  }

  setGlobalStateRestoreListener(listener: StateRestoreListener): void {
    this.requireState('setGlobalStateRestoreListener', ['CREATED']);
    this.restoreListener = listener;
  }

  /** The error that put the client in ERROR, if any. */
  error(): StreamsError | undefined {
    return this.failure;
  }

  /**
   * kstreams_restore_remaining_records{task}: changelog records left to restore, per restoring task
   * (an in-process gauge until the metrics module reads it).
   */
  restoreRemainingRecords(): ReadonlyMap<string, number> {
    return this.runtime.tasks?.restoreRemainingRecords() ?? new Map();
  }

  /** Changelog records restored since start(), per task. */
  restoredRecords(): ReadonlyMap<string, number> {
    return this.runtime.tasks?.restoredRecords() ?? new Map();
  }

  /**
   * kstreams_dropped_records_total{reason}, since start(): the tasks report their drops with their
   * replies, from the worker threads as from the main thread.
   */
  droppedRecords(): ReadonlyMap<DropReason, number> {
    return new Map(this.dropped);
  }

  /** The active tasks of this client, sorted. */
  activeTasks(): string[] {
    return this.runtime.tasks?.activeTaskIds() ?? [];
  }

  // --- interactive queries (Java's KafkaStreams#metadataFor... and #store) ------------------------

  /** Every process of the application that set `application.server`, with its stores and partitions, as of the latest rebalance. */
  metadataForAllStreamsClients(): StreamsMetadata[] {
    return this.metadataState('metadataForAllStreamsClients').allClients();
  }

  /** The processes that hold `storeName` (as active), as of the latest rebalance. */
  streamsMetadataForStore(storeName: string): StreamsMetadata[] {
    return this.metadataState('streamsMetadataForStore').clientsForStore(storeName);
  }

  /**
   * Which process holds `key` of `storeName` (its active host, standby hosts and partition), as
   * of the latest rebalance; KEY_QUERY_METADATA_NOT_AVAILABLE before the first one. The key's
   * partition is the murmur2 hash of its serialized bytes, as the producer's, or what the
   * StreamPartitioner says (Java's overload; it is called with a null value).
   * @throws UnknownStateStoreError when the topology has no such store.
   */
  queryMetadataForKey<K>(storeName: string, key: K, keySerializer: Serializer<K>): KeyQueryMetadata;
  queryMetadataForKey<K, V>(storeName: string, key: K, partitioner: StreamPartitioner<K, V>): KeyQueryMetadata;
  queryMetadataForKey<K, V>(storeName: string, key: K, serializerOrPartitioner: Serializer<K> | StreamPartitioner<K, V>): KeyQueryMetadata {
    const state = this.metadataState('queryMetadataForKey');
    const metadata =
      typeof serializerOrPartitioner === 'function'
        ? state.keyQueryMetadata(storeName, key, noSerializer(storeName), serializerOrPartitioner as StreamPartitioner<K, unknown>)
        : state.keyQueryMetadata(storeName, key, serializerOrPartitioner);
    return metadata ?? KEY_QUERY_METADATA_NOT_AVAILABLE;
  }

  /**
   * How far each local store partition (of active, standby and warm-up tasks) is behind its
   * changelog's end, by store name and partition (Java's allLocalStorePartitionLags). A running
   * active task is at the end by definition; a restoring or standby one at the next offset it applies.
   * Asynchronous: the end offsets are looked up on the broker.
   */
  async allLocalStorePartitionLags(): Promise<Map<string, Map<number, LagInfo>>> {
    this.requireRunningOrRebalancing('allLocalStorePartitionLags');
    const { tasks, admin } = this.runtime;
    const out = new Map<string, Map<number, LagInfo>>();
    if (!tasks || !admin) return out;
    const positions = tasks.storePartitionPositions();
    const ends = new Map<string, number>();
    for (const topic of new Set(positions.map((p) => p.topic))) {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}\u0000${p.partition}`, Number(p.high));
    }
    for (const { store, topic, partition, position } of positions) {
      const end = ends.get(`${topic}\u0000${partition}`) ?? 0;
      const current = position === 'end' ? end : Math.min(position, end);
      let byPartition = out.get(store);
      if (!byPartition) out.set(store, (byPartition = new Map()));
      byPartition.set(partition, { currentOffsetPosition: current, endOffsetPosition: end, offsetLag: Math.max(0, end - current) });
    }
    return out;
  }

  /** The task threads of this process and their tasks (Java's metadataForLocalThreads). */
  metadataForLocalThreads(): ThreadMetadata[] {
    this.requireRunningOrRebalancing('metadataForLocalThreads');
    const { executor, topologyTasks, tasks } = this.runtime;
    if (!executor) return [];
    const standbys = new Set(tasks?.standbyTaskIds() ?? []);
    // Java reports a standby with its task's input partitions too
    const metadata = (taskId: string): TaskMetadata => ({ taskId, topicPartitions: topologyTasks?.byId.get(taskId)?.inputPartitions.map(({ topic, partition }) => ({ topic, partition })) ?? [] });
    return [...executor.tasksByThread()].map(([threadId, taskIds]) => ({
      threadName: `${this.config.get('application.id')}-StreamThread-${threadId}`,
      activeTasks: taskIds.filter((taskId) => !standbys.has(taskId)).map(metadata),
      standbyTasks: taskIds.filter((taskId) => standbys.has(taskId)).map(metadata),
    }));
  }

  /**
   * A read-only view of the local stores named `storeName` (Java's KafkaStreams#store): every
   * partition this process holds, as one store. Its reads return Promises: the stores live in
   * the task threads (docs/decisions.md). Each call looks the tasks up again, and fails with an
   * InvalidStateStoreError (StateStoreMigratedError while a task restores or after it moved away)
   * that says to retry or rediscover the host.
   * @throws StreamsNotStartedError before start(); IllegalStateError when the client is not running; UnknownStateStoreError for a store the topology does not have.
   */
  store<K, V>(parameters: StoreQueryParameters<K, V>): AsyncReadOnlyKeyValueStore<K, V> {
    this.requireRunningOrRebalancing('store');
    const { storeName, queryableStoreType, enableStaleStores = false, partition } = parameters;
    const built = this.runtime.built;
    if (!built) throw new InvalidStateStoreError(`The state store, ${storeName}, is not available yet: the client is still loading its topology. Retry later.`, { context: { store: storeName } });
    if (!built.subtopologies.some((s) => s.stores.some((d) => d.name === storeName))) {
      throw new UnknownStateStoreError(`Cannot get state store ${storeName} because no such store is registered in the topology.`, { context: { store: storeName } });
    }
    const kind = queryableStoreType.kind;
    return new CompositeReadOnlyKeyValueStore<K, V>(storeName, () => this.localStores<K, V>(storeName, kind, enableStaleStores, partition));
  }

  /** Starts the client; resolves once it is RUNNING (every assigned task restored), rejects if it fails first. */
  start(): Promise<void> {
    if (this.machine.state !== 'CREATED' || this.starting) {
      return Promise.reject(new IllegalStateError(`KafkaStreams.start() can only be called once, on a CREATED client; this client is ${this.machine.state}`));
    }
    const running = new Promise<void>((resolve, reject) => {
      const stop = this.machine.onChange((state) => {
        if (state === 'RUNNING') {
          stop();
          resolve();
        } else if (state === 'PENDING_ERROR' || state === 'ERROR') {
          stop();
          reject(this.failure ?? new StreamsError('the client failed while starting'));
        } else if (state === 'PENDING_SHUTDOWN' || state === 'NOT_RUNNING') {
          stop();
          reject(new IllegalStateError('the client was closed before it was RUNNING'));
        }
      });
    });
    running.catch(() => undefined);
    this.starting = this.launch().catch((error: unknown) => this.fail(asStreamsError(error)));
    return running;
  }

  /**
   * Commits and closes every task, leaves the group (its tasks go to the other instances) and
   * stops the threads. Resolves true once closed, false when `timeoutMs` ran out first.
   */
  async close(options: CloseOptions = {}): Promise<boolean> {
    if (this.machine.state === 'CREATED') {
      this.machine.transitionTo('PENDING_SHUTDOWN');
      this.machine.transitionTo('NOT_RUNNING');
      return true;
    }
    if (this.machine.state === 'NOT_RUNNING' || this.machine.state === 'ERROR') return true;
    if (this.machine.tryTransitionTo('PENDING_SHUTDOWN')) {
      this.stopping = this.teardown().then(() => this.machine.transitionTo('NOT_RUNNING'));
    }
    const done = (this.stopping ?? Promise.resolve()).then(() => true);
    if (options.timeoutMs === undefined) return done;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), options.timeoutMs)));
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Deletes this application's local state (`<state.dir>/<application.id>`). Only when the client is not running. */
  async cleanUp(): Promise<void> {
    this.requireState('cleanUp', ['CREATED', 'NOT_RUNNING', 'ERROR']);
    await rm(path.join(this.config.get('state.dir'), this.config.get('application.id')), { recursive: true, force: true });
  }

  // --- start-up -------------------------------------------------------------------------------

  private async launch(): Promise<void> {
    const fix = readCommittedFixStatus();
    if (!fix.ok) throw new StreamsError(`kstreams cannot run: its read_committed fix for kafkajs ${fix.kafkajsVersion} failed its self-check (${fix.reason})`, { code: 'KAFKAJS_PATCH_FAILED' });
    // only a speed-up: without it kafkajs groups produce requests in quadratic time, correctly
    const grouping = linearGroupingStatus();
    if (!grouping.ok) this.logger.warn(`kstreams runs without its linear produce grouping for kafkajs ${grouping.kafkajsVersion} (${grouping.reason}); large produce requests will be slow`);
    this.machine.transitionTo('REBALANCING');
    const config = this.config;
    const applicationId = config.get('application.id');
    const built = await this.buildTopology();
    refuseUnsupported(built);

    const settings = new KafkaClientSettings(config, this.logger);
    const admin = new Kafka(settings.kafka('admin', 'admin')).admin();
    this.runtime.admin = admin;
    await admin.connect();
    const plan = await ensureInternalTopics(admin, applicationId, built, config.get('replication.factor'));
    // co-partitioned inputs with different partition counts fail here, naming topics and counts
    let topologyTasks = deriveTasks(built, { applicationId, partitionCounts: plan.partitions });
    this.runtime.built = built;
    this.runtime.topologyTasks = topologyTasks;
    this.runtime.sourcePartitionCounts = plan.partitions;
    this.runtime.metadataTopology = metadataTopology(built, applicationId);
    const partitionCounts = await this.outputPartitionCounts(admin, built, plan.partitions);
    this.checkOpen();

    this.runtime.executor = typeof this.topologySource === 'object' && this.topologySource instanceof Topology
      ? await InProcessExecutor.start(this.topologySource, config, { logger: this.logger })
      : await WorkerPool.start({ topologyModule: this.topologySource, config, expectedFingerprint: built.fingerprint });
    this.runtime.executor.onRecordsDropped(({ counts }) => {
      for (const [reason, count] of Object.entries(counts) as [DropReason, number][]) this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + count);
    });
    this.checkOpen();

    const producer = new RecordProducer(new Kafka(settings.kafka('producer', 'producer')), settings.producer());
    this.runtime.producer = producer;
    await producer.connect();

    const consumerKafka = new Kafka(settings.kafka('main.consumer', 'consumer'));
    const changelogTopics = [...new Set(topologyTasks.tasks.flatMap((t) => t.changelogPartitions.map((p) => p.topic)))];
    const restoreConsumer: RestoreConsumer = new RestoreConsumer({
      kafka: new Kafka(settings.kafka('restore.consumer', 'restore-consumer')),
      groupId: `${applicationId}-restore-${this.processId}`,
      consumerConfig: { ...settings.consumer('restore.consumer', `${applicationId}-restore-${this.processId}`) },
      topics: changelogTopics,
      onRecords: (partition, records, nextOffset): Promise<void> => tasks.restoreRecords(partition, records, nextOffset),
      onError: (error) => this.fail(error),
      onDebug: (message) => this.logger.debug?.(message),
    });
    this.runtime.restoreConsumer = restoreConsumer;

    const tasks: TaskManager = new TaskManager({
      runner: this.runtime.executor,
      producer,
      restoreConsumer,
      admin,
      logger: this.logger,
      tasks: () => topologyTasks,
      partitionCounts,
      commitIntervalMs: config.get('commit.interval.ms'),
      autoOffsetReset: config.get('auto.offset.reset'),
      maxTaskIdleMs: config.get('max.task.idle.ms'),
      maxBufferedPerPartition: config.get('buffered.records.per.partition'),
      onProgress: (state) => this.progress(state),
      onTaskError: (taskId, error) => this.taskFailed(taskId, error),
      restoreListener: () => this.restoreListener,
    });
    this.runtime.tasks = tasks;

    // Offset sums of the task directories on disk that this process does not run, read before each
    // join (the subscription is built synchronously inside kafkajs's join).
    const executor = this.runtime.executor;
    let onDiskOffsetSums = new Map<string, number>();
    const readOnDiskOffsetSums = async (): Promise<void> => {
      try {
        onDiskOffsetSums = await readTaskOffsetSums({
          stateDir: config.get('state.dir'),
          applicationId,
          include: (taskId) => topologyTasks.byId.get(taskId)?.stateful === true,
          skip: (taskId) => tasks.activeTaskIds().includes(taskId) || executor.threadOf(taskId) !== undefined,
          liveThreadIds: () => executor.threadIds(),
          onDebug: (message) => this.logger.debug?.(message),
        });
      } catch (error) {
        this.logger.warn(`reading the offset sums of the local task directories failed (${(error as Error).message}); the subscription reports only running tasks`);
        onDiskOffsetSums = new Map();
      }
    };

    const membership = new GroupMembership({
      kafka: consumerKafka,
      consumerConfig: settings.consumer('main.consumer', applicationId),
      topics: topologyTasks.sourceTopics,
      fromBeginning: config.get('auto.offset.reset') === 'earliest',
      applicationId,
      topology: built,
      fingerprint: built.fingerprint,
      processId: this.processId,
      admin,
      assignorConfig: {
        numStandbyReplicas: config.get('num.standby.replicas'),
        maxWarmupReplicas: config.get('max.warmup.replicas'),
        acceptableRecoveryLag: config.get('acceptable.recovery.lag'),
        probingRebalanceIntervalMs: config.get('probing.rebalance.interval.ms'),
      },
      subscription: () => ({
        processId: this.processId,
        userEndpoint: config.get('application.server'),
        topologyFingerprint: built.fingerprint,
        numThreads: config.get('num.stream.threads'),
        errorCode: this.assignorErrorCode,
        prevActiveTasks: tasks.activeTaskIds(),
        prevStandbyTasks: tasks.standbyTaskIds(),
        // Java's getTaskOffsetSums: running actives LATEST_OFFSET, restoring tasks and standbys where they stand, other task directories their checkpoints
        taskOffsetSums: new Map([...onDiskOffsetSums, ...[...tasks.taskOffsetSums()].filter(([id]) => topologyTasks.byId.get(id)?.stateful)]),
      }),
      onRevoke: async () => {
        await tasks.revoke();
        await readOnDiskOffsetSums();
      },
      onAssigned: async (assignment) => {
        // partition counts may have grown (a repartition topic of another member's making): derive again
        topologyTasks = deriveTasks(built, { applicationId, partitionCounts: plan.partitions });
        this.runtime.topologyTasks = topologyTasks;
        this.runtime.assignment = assignment.info;
        await tasks.assigned(assignment);
      },
      onFatal: (error) => this.fail(error),
      onRecords: (batch) => tasks.records(batch),
      onLog: (message) => this.logger.warn(message),
      onDebug: (message) => this.logger.debug?.(message),
    });
    this.runtime.membership = membership;
    tasks.attach(membership);
    tasks.start();
    await readOnDiskOffsetSums();
    this.checkOpen();
    await membership.start();
  }

  private async buildTopology(): Promise<BuiltTopology> {
    const source = this.topologySource;
    if (source instanceof Topology) return internalTopologyBuilder(source).build();
    const module = await loadTopologyModule(source);
    try {
      return internalTopologyBuilder(module.definition.build()).build();
    } catch (error) {
      if (error instanceof TopologyError) throw error;
      throw new TopologyError(`building the topology of ${module.location} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** Partition counts of every topic the tasks may write, under the names tasks use (internal topics prefixed). */
  private async outputPartitionCounts(admin: Admin, built: BuiltTopology, known: ReadonlyMap<string, number>): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.fromEntries(known);
    const internal = new Set(built.internalTopics.map((t) => t.name));
    const sinks = [...new Set(built.subtopologies.flatMap((s) => s.sinkTopics))].filter((t) => !internal.has(t) && counts[t] === undefined);
    const { counts: present, missing } = await existingPartitionCounts(admin, sinks);
    for (const [topic, count] of present) counts[topic] = count;
    if (missing.length > 0) this.logger.warn(`output topic(s) ${missing.join(', ')} do not exist yet: records written to them fail until they are created`);
    return counts;
  }

  // --- running --------------------------------------------------------------------------------

  private progress(state: 'REBALANCING' | 'RUNNING'): void {
    if (this.machine.isTerminating()) return;
    this.machine.tryTransitionTo(state);
  }

  private taskFailed(taskId: string, error: StreamsError): void {
    if (this.machine.isTerminating()) return;
    let response: StreamThreadExceptionResponse;
    try {
      response = this.uncaughtHandler(error);
    } catch (handlerError) {
      this.logger.error(`the uncaught exception handler threw (${(handlerError as Error).message}); shutting the client down`);
      response = 'SHUTDOWN_CLIENT';
    }
    this.logger.error(`task ${taskId} failed: ${error.message} (uncaught exception handler: ${response})`);
    switch (response) {
      case 'REPLACE_THREAD':
        void this.replaceThread(taskId, error);
        return;
      case 'SHUTDOWN_APPLICATION':
        // every member learns it from the next assignment (Java's KIP-671) and stops with an error
        this.assignorErrorCode = AssignorErrorCode.SHUTDOWN_REQUESTED;
        if (this.runtime.membership?.requestRebalance() !== true) this.fail(error);
        return;
      default:
        this.fail(error);
    }
  }

  /**
   * REPLACE_THREAD: the thread that ran the failed task goes, with every task on it (closed dirty:
   * what they had not committed is processed again, at least once); a new thread takes its place
   * and the tasks are opened again (design-notes §4: "never lost").
   */
  private async replaceThread(taskId: string, error: StreamsError): Promise<void> {
    const { executor, tasks } = this.runtime;
    const threadId = executor?.threadOf(taskId);
    try {
      if (executor === undefined || threadId === undefined) {
        // the task is not on a thread any more (it was closed meanwhile): open it again on its own
        await tasks?.recover(taskId, error);
        return;
      }
      if (this.replacingThreads.has(threadId)) return;
      this.replacingThreads.add(threadId);
      const lost = executor.tasksByThread().get(threadId) ?? [];
      this.logger.warn(`replacing thread ${threadId} after task ${taskId} failed; its tasks ${lost.join(', ')} are closed dirty and opened again`);
      try {
        await executor.replaceThread(threadId, error);
      } finally {
        this.replacingThreads.delete(threadId);
      }
    } catch (replaceError) {
      this.fail(asStreamsError(replaceError));
    }
  }

  /** The client stops with an error: tasks that did not fail are committed and closed; the state ends in ERROR. */
  private fail(error: StreamsError): void {
    if (!this.machine.tryTransitionTo('PENDING_ERROR')) {
      if (this.machine.state === 'PENDING_SHUTDOWN') this.logger.error(`while closing: ${error.message}`);
      return;
    }
    this.failure = error;
    this.logger.error(`the client is stopping with an error: ${error.message}`);
    this.stopping = this.teardown().then(() => this.machine.transitionTo('ERROR'));
  }

  private async teardown(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const { tasks, membership, restoreConsumer, producer, executor, admin } = this.runtime;
    const step = async (what: string, op: (() => Promise<unknown>) | undefined): Promise<void> => {
      if (!op) return;
      try {
        await op();
      } catch (error) {
        this.logger.warn(`closing: ${what} failed: ${(error as Error).message}`);
      }
    };
    // commit while the member still belongs to the group, then leave it
    await step('closing the tasks', tasks && (() => tasks.close()));
    await step('leaving the group', membership && (() => membership.stop()));
    await step('closing the restore consumer', restoreConsumer && (() => restoreConsumer.close()));
    await step('closing the producer', producer && (() => producer.close()));
    await step('stopping the task threads', executor && (() => executor.close()));
    await step('closing the admin client', admin && (() => admin.disconnect()));
  }

  // --- interactive queries ------------------------------------------------------------------

  private metadataState(action: string): StreamsMetadataState {
    this.requireRunningOrRebalancing(action);
    const { metadataTopology, sourcePartitionCounts, assignment } = this.runtime;
    return new StreamsMetadataState(metadataTopology ?? { subtopologies: [] }, sourcePartitionCounts ?? new Map(), assignment ?? null);
  }

  /** The stores a query reads now, one per local task of the store (Java's StreamThreadStateStoreProvider + WrappingStoreProvider). */
  private localStores<K, V>(storeName: string, kind: QueryableStoreKind, stale: boolean, partition: number | undefined): TaskStoreClient<K, V>[] {
    const context = { store: storeName };
    const state = this.machine.state;
    if (state !== 'RUNNING' && state !== 'REBALANCING') {
      throw new StateStoreNotAvailableError(`The state store, ${storeName}, is not available: the client is ${state}.`, { context });
    }
    const { tasks, executor, built } = this.runtime;
    if (!tasks || !executor || !built) throw new InvalidStateStoreError(`The state store, ${storeName}, is not available yet: the client is starting. Retry later.`, { context });
    const subtopologies = new Set(built.subtopologies.filter((s) => s.stores.some((d) => d.name === storeName)).map((s) => s.id));
    // Java's StreamThreadStateStoreProvider: standby replicas answer only stale queries
    const candidates = [...tasks.taskPhases()]
      .filter(([taskId, phase]) => {
        if (phase === 'standby' && !stale) return false;
        const [subtopology, taskPartition] = taskId.split('_').map(Number);
        return subtopologies.has(subtopology) && (partition === undefined || taskPartition === partition);
      })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!stale) {
      const notRunning = candidates.filter(([, phase]) => phase !== 'running');
      if (notRunning.length > 0) {
        throw new StateStoreMigratedError(
          `Cannot get state store ${storeName} because task(s) ${notRunning.map(([id, phase]) => `${id} (${phase})`).join(', ')} are not running; the state store may have migrated to another instance. Retry later, or query with enableStaleStores.`,
          { context },
        );
      }
    }
    const usable = candidates.filter(([, phase]) => phase !== 'failed');
    if (usable.length === 0) {
      throw new InvalidStateStoreError(
        partition === undefined
          ? `The state store, ${storeName}, may have migrated to another instance: no task of this instance holds it. Rediscover its host with queryMetadataForKey/streamsMetadataForStore.`
          : `The specified partition ${partition} for store ${storeName} is not held by this instance; it may have migrated to another instance.`,
        { context },
      );
    }
    return usable.map(([taskId]) => new TaskStoreClient<K, V>({ executor, taskId, storeName, kind, stale }));
  }

  /** Java's validateIsRunningOrRebalancing. */
  private requireRunningOrRebalancing(action: string): void {
    const state = this.machine.state;
    if (state === 'CREATED') throw new StreamsNotStartedError(`KafkaStreams has not been started, you can retry after calling start() (KafkaStreams.${action}())`);
    if (state !== 'RUNNING' && state !== 'REBALANCING') throw new IllegalStateError(`KafkaStreams is not running. State is ${state}. (KafkaStreams.${action}())`);
  }

  private checkOpen(): void {
    if (this.machine.isTerminating()) throw new IllegalStateError('the client was closed while it was starting');
  }

  private requireState(action: string, states: readonly KafkaStreamsState[]): void {
    if (!states.includes(this.machine.state)) {
      throw new IllegalStateError(`KafkaStreams.${action}() can only be called when the client is ${states.join(' or ')}; it is ${this.machine.state}`);
    }
  }
}

function refuseUnsupported(built: BuiltTopology): void {
  if (built.globalStores.length > 0) {
    throw new TopologyError(
      `this topology has global stores (${built.globalStores.map((g) => `${g.store.name} from ${g.topic}`).join(', ')}): GlobalKTables and global stores are not supported by the kstreams runtime yet. ` +
        'Use a KTable (co-partitioned) instead for now.',
    );
  }
}

/** What the interactive-query metadata needs of the topology: each sub-topology's stores and source topics, under their real names. */
function metadataTopology(built: BuiltTopology, applicationId: string): MetadataTopology {
  const internal = new Set(built.internalTopics.map((t) => t.name));
  return {
    subtopologies: built.subtopologies.map((s) => ({
      id: s.id,
      sourceTopics: s.sourceTopics.map((topic) => (internal.has(topic) ? `${applicationId}-${topic}` : topic)),
      stores: s.stores.map((d) => d.name),
    })),
  };
}

/** For queryMetadataForKey with a StreamPartitioner only: when it leaves the partition to the default, there are no key bytes to hash. */
function noSerializer<K>(storeName: string): Serializer<K> {
  return {
    serialize: () => {
      throw new StreamsError(`the StreamPartitioner given to queryMetadataForKey(${storeName}, ...) returned no partition; give a key serializer instead to use the default partitioning`, { context: { store: storeName } });
    },
  };
}

function asStreamsError(error: unknown): StreamsError {
  return error instanceof StreamsError ? error : new StreamsError(error instanceof Error ? error.message : String(error), { cause: error });
}
