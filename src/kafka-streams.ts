// KafkaStreams: the one place that wires the Kafka side (coordination) to the tasks (worker) and
// the topology (core) (design-notes §2, §3). A topology given as a module runs on the Piscina
// pool; a Topology instance runs on the main thread (same protocol, same semantics).
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { Kafka, type Admin } from 'kafkajs';
import { StreamsConfig, type StreamsConfigInput } from './config';
import { ConfigError, IllegalStateError, StreamsError, TopologyError } from './errors';
import { readCommittedFixStatus } from './coordination/kafkajs-patches';
import { AssignorErrorCode } from './coordination/assignment/assignor-error';
import { LATEST_OFFSET } from './coordination/assignment/task-lags';
import { deriveTasks } from './coordination/assignment/topology-tasks';
import { GroupMembership } from './coordination/group/group-membership';
import { ensureInternalTopics } from './coordination/internal-topics';
import { KafkaClientSettings } from './coordination/kafka-client-settings';
import { RecordProducer } from './coordination/producer/record-producer';
import { RestoreConsumer } from './coordination/restore/restore-consumer';
import { TaskManager, type StateRestoreListener } from './coordination/task-manager';
import { readTaskOffsetSums } from './coordination/task-offset-sums';
import type { DropReason } from './core/processor/task-sensors';
import { internalTopologyBuilder, Topology } from './core/topology/topology';
import type { BuiltTopology } from './core/topology/topology-model';
import { ClientStateMachine, KafkaStreamsState, type StateListener } from './kafka-streams-state';
import { InProcessExecutor } from './worker/in-process-executor';
import { WorkerPool } from './worker/pool';
import type { TaskExecutor } from './worker/task-executor';
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
        prevStandbyTasks: [],
        taskOffsetSums: new Map([
          ...[...onDiskOffsetSums].filter(([id]) => !tasks.activeTaskIds().includes(id)),
          ...tasks.activeTaskIds().filter((id) => topologyTasks.byId.get(id)?.stateful).map((id): [string, number] => [id, LATEST_OFFSET]),
        ]),
      }),
      onRevoke: async () => {
        await tasks.revoke();
        await readOnDiskOffsetSums();
      },
      onAssigned: async (assignment) => {
        // partition counts may have grown (a repartition topic of another member's making): derive again
        topologyTasks = deriveTasks(built, { applicationId, partitionCounts: plan.partitions });
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
    if (sinks.length > 0) {
      const existing = new Set(await admin.listTopics());
      const present = sinks.filter((t) => existing.has(t));
      if (present.length > 0) for (const t of (await admin.fetchTopicMetadata({ topics: present })).topics) counts[t.name] = t.partitions.length;
      const missing = sinks.filter((t) => !existing.has(t));
      if (missing.length > 0) this.logger.warn(`output topic(s) ${missing.join(', ')} do not exist yet: records written to them fail until they are created`);
    }
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

function asStreamsError(error: unknown): StreamsError {
  return error instanceof StreamsError ? error : new StreamsError(error instanceof Error ? error.message : String(error), { cause: error });
}
