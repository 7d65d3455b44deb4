// Runs a topology without a broker (Java's TopologyTestDriver): the same processors and stores the
// runtime uses, all sub-topologies in one task on partition 0, records written to repartition and
// other source topics fed straight back in, and a commit after every input record. Persistent
// stores are real LevelDB stores, in a temporary state directory of the driver's own (created when
// the first one opens) that close() deletes.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StreamsConfigInput } from '../../config';
import { StreamsConfig } from '../../config';
import { resolveSerde } from '../serde/default-serde';
import type { Deserializer, Serde, Serializer } from '../serde/serde';
import { resolveTimestampExtractor } from '../time/default-timestamp-extractor';
import type { TimestampExtractor } from '../time/timestamp-extractor';
import { consoleLogger, resolveDeserializationHandler, resolveProcessingHandler, resolveProductionHandler, type Logger } from '../processor/exception-handlers';
import type { CollectedRecord, RecordCollector } from '../processor/record-collector';
import type { RecordHeaders } from '../processor/record-headers';
import { TaskId } from '../processor/task-id';
import { TaskProcessor, type InputRecord } from '../processor/task-processor';
import type { DropReason, TaskSensors } from '../processor/task-sensors';
import type { KeyValueStore } from '../state/key-value-store';
import type { StateStore } from '../state/state-store';
import type { StoreSensor } from '../state/store-sensor';
import { readOnlyGlobalStore } from '../state/read-only-global-store';
import { TaskCache } from '../state/task-cache';
import { TaskStorage } from '../state/task-storage';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { topicMatchesPattern } from '../topology/topic-pattern';
import type { BuiltTopology } from '../topology/topology-model';
import { internalTopologyBuilder, type Topology } from '../topology/topology';
import { MeteredTimestampedKeyValueStore } from '../state/metered-timestamped-key-value-store';
import { KeyValueStoreFacade } from './key-value-store-facade';
import { toDeserializer, toSerializer } from './serde-or';
import { TestInputTopic } from './test-input-topic';
import { TestOutputTopic } from './test-output-topic';

/** Config for the driver: any StreamsConfig key; application.id and bootstrap.servers are optional here. */
export type TestDriverConfig = Partial<StreamsConfigInput>;

export interface TopologyTestDriverOptions {
  /** Where handler messages go (default: the console). */
  logger?: Logger;
}

const TASK_ID = new TaskId(0, 0);
/** The global stores' task: its own state directory below the driver's, so its id cannot clash with TASK_ID's. */
const GLOBAL_TASK_ID = new TaskId(0, 0);

export class TopologyTestDriver {
  private readonly config: StreamsConfig;
  private readonly built: BuiltTopology;
  private readonly applicationId: string;
  private readonly internalTopics: ReadonlySet<string>;
  private readonly task: TaskProcessor | undefined;
  /** Java's GlobalStateUpdateTask: runs the global stores' sources and processors. */
  private readonly globalTask: TaskProcessor | undefined;
  private readonly globalStorage: TaskStorage | undefined;
  private readonly globalTopics = new Set<string>();
  private readonly inputPatterns: RegExp[] = [];
  private readonly droppedByProcessor = new Map<string, number>();
  private readonly stateDir: string;
  private readonly storage: TaskStorage | undefined;
  private readonly logger: Logger;
  /** The offset of the last record written to each topic (what the changelogs are checkpointed at). */
  private readonly endOffsets = new Map<string, number>();
  private readonly inputTopics = new Set<string>();
  private readonly queues = new Map<string, InputRecord[]>();
  private readonly offsets = new Map<string, number>();
  private readonly outputs = new Map<string, CollectedRecord[]>();
  private readonly produced = new Set<string>();
  private readonly dropped = new Map<DropReason, number>();
  private pendingOutput: CollectedRecord[] = [];
  /** Records the task wrote to a global topic, for the global stores. */
  private pendingGlobal: CollectedRecord[] = [];
  private wallClockMs: number;
  private initialised: Promise<void> | undefined;
  private closed = false;
  private enqueueSequence = 0;
  private readonly queueOrder = new Map<string, number>();

  constructor(topology: Topology, config: TestDriverConfig = {}, initialWallClockTimeMs = Date.now(), options: TopologyTestDriverOptions = {}) {
    this.config = new StreamsConfig({
      'bootstrap.servers': 'dummy-bootstrap-host:9092',
      ...config,
      'application.id': config['application.id'] ?? `dummy-topology-test-driver-app-id-${Math.floor(Math.random() * 2 ** 31)}`,
    } as StreamsConfigInput);
    this.applicationId = this.config.get('application.id');
    this.wallClockMs = initialWallClockTimeMs;
    this.stateDir = path.join(os.tmpdir(), `kstreams-test-driver-${randomUUID()}`);
    this.logger = options.logger ?? consoleLogger;
    this.built = internalTopologyBuilder(topology).build();
    this.internalTopics = new Set(this.built.internalTopics.map((t) => t.name));

    const nodes = this.built.subtopologies.flatMap((s) => s.nodes);
    for (const node of nodes) {
      if (node.kind === 'source') for (const topic of node.topics) this.inputTopics.add(this.resolveTopic(topic));
      if (node.kind === 'source' && node.pattern !== null) this.inputPatterns.push(node.pattern);
    }
    for (const global of this.built.globalStores) this.globalTopics.add(global.topic);
    if (nodes.length === 0 && this.globalTopics.size === 0) return;

    const sensors: TaskSensors = {
      recordDropped: (reason, _taskId, processorName) => {
        this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1);
        if (processorName !== undefined) this.droppedByProcessor.set(processorName, (this.droppedByProcessor.get(processorName) ?? 0) + 1);
      },
    };
    const collector: RecordCollector = {
      send: (record) => {
        this.pendingOutput.push(record);
        this.endOffsets.set(record.topic, (this.endOffsets.get(record.topic) ?? -1) + 1);
      },
      partitionsFor: () => 1,
    };
    if (this.globalTopics.size > 0) {
      const globalStateDir = path.join(this.stateDir, 'global');
      this.globalStorage = new TaskStorage({
        stateDir: globalStateDir,
        applicationId: this.applicationId,
        taskId: GLOBAL_TASK_ID,
        pendingWritesMaxBytes: this.config.get('statestore.pending.writes.max.bytes'),
      });
      this.globalTask = this.createTask(
        GLOBAL_TASK_ID,
        this.built.globalStores.flatMap((g) => [g.source, g.processor]),
        this.built.globalStores.map((g) => g.store),
        globalStateDir,
        this.globalStorage,
        sensors,
        { send: () => undefined, partitionsFor: () => 1 },
      );
    }
    if (nodes.length === 0) return;
    this.storage = new TaskStorage({
      stateDir: this.stateDir,
      applicationId: this.applicationId,
      taskId: TASK_ID,
      pendingWritesMaxBytes: this.config.get('statestore.pending.writes.max.bytes'),
    });
    this.task = this.createTask(TASK_ID, nodes, this.built.subtopologies.flatMap((s) => s.stores), this.stateDir, this.storage, sensors, collector);
  }

  private createTask(
    taskId: TaskId,
    nodes: BuiltTopology['subtopologies'][number]['nodes'],
    stores: BuiltTopology['subtopologies'][number]['stores'],
    stateDir: string,
    storage: TaskStorage,
    sensors: TaskSensors,
    collector: RecordCollector,
  ): TaskProcessor {
    const globalTask = this.globalTask;
    return new TaskProcessor({
      taskId,
      applicationId: this.applicationId,
      nodes,
      stores,
      appConfigs: this.config.originals(),
      stateDir,
      defaultKeySerde: resolveSerde(this.config.get('default.key.serde'), 'default.key.serde'),
      defaultValueSerde: resolveSerde(this.config.get('default.value.serde'), 'default.value.serde'),
      defaultTimestampExtractor: this.timestampExtractor(),
      handlers: {
        deserialization: resolveDeserializationHandler(this.config.get('default.deserialization.exception.handler'), this.logger),
        processing: resolveProcessingHandler(this.config.get('processing.exception.handler'), this.logger),
        production: resolveProductionHandler(this.config.get('default.production.exception.handler'), this.logger),
      },
      collector,
      sensors,
      wallClockMs: () => this.wallClockMs,
      resolveTopic: (name) => this.resolveTopic(name),
      cache: new TaskCache(this.config.get('statestore.cache.max.bytes')),
      taskStorage: storage,
      storeSensor: (storeName) => this.storeSensor(storeName),
      globalStore: globalTask === undefined ? undefined : (name) => {
        const store = globalTask.store(name);
        return store === undefined ? undefined : readOnlyGlobalStore(store);
      },
    });
  }

  // --- topics ---------------------------------------------------------------------------

  createInputTopic<K, V>(topic: string, key: Serde<K> | Serializer<K>, value: Serde<V> | Serializer<V>, startTimestampMs = Date.now(), autoAdvanceMs = 0): TestInputTopic<K, V> {
    return new TestInputTopic(this, topic, toSerializer(key), toSerializer(value), startTimestampMs, autoAdvanceMs);
  }

  createOutputTopic<K, V>(topic: string, key: Serde<K> | Deserializer<K>, value: Serde<V> | Deserializer<V>): TestOutputTopic<K, V> {
    return new TestOutputTopic(this, topic, toDeserializer(key), toDeserializer(value));
  }

  /** Every topic the topology wrote to so far, internal ones with their full names. */
  producedTopicNames(): Set<string> {
    return new Set(this.produced);
  }

  // --- time -----------------------------------------------------------------------------

  /** Moves the driver's wall clock forward, fires due wall-clock punctuations, and commits. */
  async advanceWallClockTime(advanceMs: number): Promise<void> {
    if (advanceMs < 0) throw new RangeError(`advance must not be negative, got ${advanceMs}`);
    this.assertOpen();
    await this.ready();
    this.wallClockMs += advanceMs;
    if (this.task) {
      await this.task.maybePunctuateSystemTime(this.wallClockMs);
      await this.commit();
    }
    await this.completeAllProcessableWork();
  }

  // --- stores ---------------------------------------------------------------------------

  /** A store of the topology by name, global stores included. */
  getStateStore<S extends StateStore = StateStore>(name: string): S | undefined {
    return (this.task?.store(name) ?? this.globalTask?.store(name)) as S | undefined;
  }

  /** A key-value store by name; a timestamped one (a KTable's) is seen through its plain values, as Java's driver does. */
  getKeyValueStore<K, V>(name: string): KeyValueStore<K, V> | undefined {
    const store = this.getStateStore<StateStore>(name);
    if (store instanceof MeteredTimestampedKeyValueStore) return new KeyValueStoreFacade(store as TimestampedKeyValueStore<K, V>);
    return store as KeyValueStore<K, V> | undefined;
  }

  getTimestampedKeyValueStore<K, V>(name: string): TimestampedKeyValueStore<K, V> | undefined {
    return this.getStateStore<TimestampedKeyValueStore<K, V>>(name);
  }

  /** How many records were dropped, by reason (Java's dropped-records-total metric). */
  droppedRecords(): ReadonlyMap<DropReason, number> {
    return new Map(this.dropped);
  }

  /** How many records were dropped, by the processor that dropped them (Java's processor-level dropped-records). */
  droppedRecordsByProcessor(): ReadonlyMap<string, number> {
    return new Map(this.droppedByProcessor);
  }

  // --- lifecycle ------------------------------------------------------------------------

  /**
   * Flushes the stores (their last cached updates are forwarded), closes the task and its state,
   * and deletes the driver's state directory. Iterators a processor left open are closed, with a
   * warning.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.ready();
      if (this.task) {
        await this.task.flush();
        await this.task.close();
      }
      if (this.globalTask) {
        await this.globalTask.flush();
        await this.globalTask.close();
      }
    } finally {
      this.closed = true;
      try {
        const report = await this.storage?.close();
        if (report && report.unclosedIterators > 0) this.warnUnclosedIterators(report.unclosedIterators, `the state of task ${TASK_ID}`);
        const globalReport = await this.globalStorage?.close();
        if (globalReport && globalReport.unclosedIterators > 0) this.warnUnclosedIterators(globalReport.unclosedIterators, 'the global stores');
      } finally {
        await fs.rm(this.stateDir, { recursive: true, force: true });
      }
    }
    this.captureOutputs();
  }

  /** The driver's state directory (under the OS temp directory; deleted by close()). */
  stateDirectory(): string {
    return this.stateDir;
  }

  // --- internals used by the test topics ----------------------------------------------------

  /** @internal */
  async pipeRecord(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: RecordHeaders): Promise<void> {
    this.assertOpen();
    const global = this.globalTopics.has(topic);
    if (!this.isTaskSourceTopic(topic) && !global) throw new Error(`Unknown topic: ${topic}`);
    await this.ready();
    if (global) {
      await this.processGlobalRecord(topic, key, value, timestamp, headers);
      return;
    }
    this.enqueue(topic, key, value, timestamp, headers);
    await this.completeAllProcessableWork();
  }

  /** @internal */
  readOutput(topic: string): CollectedRecord | undefined {
    return this.outputs.get(topic)?.shift();
  }

  /** @internal */
  queueSize(topic: string): number {
    return this.outputs.get(topic)?.length ?? 0;
  }

  private ready(): Promise<void> {
    // global stores first: the task's processors may look them up in their init
    this.initialised ??= (async () => {
      await this.globalTask?.init();
      await this.task?.init();
    })();
    return this.initialised;
  }

  /** `default.timestamp.extractor`; a built-in named by a string warns through the driver's logger. */
  private timestampExtractor(): TimestampExtractor {
    const given = this.config.originals()['default.timestamp.extractor'];
    const value = typeof given === 'string' ? given : this.config.get('default.timestamp.extractor');
    return resolveTimestampExtractor(value, { warn: (message) => this.logger.warn(message) });
  }

  /** A topic the task reads: named by a source, or matching a source's pattern (Java subscribes those as they appear). */
  private isTaskSourceTopic(topic: string): boolean {
    return this.inputTopics.has(topic) || this.inputPatterns.some((pattern) => topicMatchesPattern(pattern, topic));
  }

  /**
   * Java's processGlobalRecord: a record of a global topic goes through its global store's processor
   * at once (not queued with the task's records), then the global stores are flushed and committed.
   */
  private async processGlobalRecord(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: RecordHeaders): Promise<void> {
    const task = this.globalTask!;
    const offset = this.offsets.get(topic) ?? 0;
    this.offsets.set(topic, offset + 1);
    await task.process({ topic, partition: 0, offset, timestamp, key, value, headers });
    await task.flush();
    await this.globalStorage?.commit([{ topic, partition: 0, offset }]);
    task.commitDone();
  }

  private resolveTopic(name: string): string {
    return this.internalTopics.has(name) ? `${this.applicationId}-${name}` : name;
  }

  private enqueue(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: RecordHeaders): void {
    const offset = this.offsets.get(topic) ?? 0;
    this.offsets.set(topic, offset + 1);
    let queue = this.queues.get(topic);
    if (!queue) this.queues.set(topic, (queue = []));
    if (queue.length === 0) this.queueOrder.set(topic, this.enqueueSequence++);
    queue.push({ topic, partition: 0, offset, timestamp, key, value, headers });
  }

  /**
   * Java's completeAllProcessableWork: feed back what was written to source topics, then process
   * one record at a time — punctuate stream time, commit, feed back — until nothing is queued.
   */
  private async completeAllProcessableWork(): Promise<void> {
    this.captureOutputs();
    await this.processPendingGlobalRecords();
    if (!this.task) return;
    for (;;) {
      const next = this.nextRecord();
      if (!next) return;
      await this.task.process(next);
      await this.task.maybePunctuateStreamTime();
      await this.commit();
      this.captureOutputs();
      await this.processPendingGlobalRecords();
    }
  }

  private async processPendingGlobalRecords(): Promise<void> {
    while (this.pendingGlobal.length > 0) {
      const record = this.pendingGlobal.shift()!;
      await this.processGlobalRecord(record.topic, record.key, record.value, record.timestamp, record.headers);
    }
  }

  /** The head record with the smallest timestamp across the task's partitions (Java's PartitionGroup). */
  private nextRecord(): InputRecord | undefined {
    let best: { topic: string; record: InputRecord } | undefined;
    for (const [topic, queue] of this.queues) {
      const head = queue[0];
      if (!head) continue;
      if (!best || head.timestamp < best.record.timestamp || (head.timestamp === best.record.timestamp && this.queueOrder.get(topic)! < this.queueOrder.get(best.topic)!)) {
        best = { topic, record: head };
      }
    }
    if (!best) return undefined;
    const queue = this.queues.get(best.topic)!;
    queue.shift();
    if (queue.length > 0) this.queueOrder.set(best.topic, this.enqueueSequence++);
    return best.record;
  }

  /** The commit sequence with nothing to produce: flush, then write the stores' pending writes with the changelog offsets. */
  private async commit(): Promise<void> {
    await this.task!.flush();
    await this.storage?.commit([...this.endOffsets].map(([topic, offset]) => ({ topic, partition: 0, offset })));
    this.task!.commitDone();
  }

  /** A metered store reports the iterators a processor left open when closing the store closes them. */
  private storeSensor(storeName: string): StoreSensor {
    return {
      recordLatency: () => undefined,
      recordUnclosedIterators: (count) => this.warnUnclosedIterators(count, `store ${storeName}`),
    };
  }

  private warnUnclosedIterators(count: number, what: string): void {
    this.logger.warn(`Closing ${what} closed ${count} iterator(s) that were still open: a processor must close every iterator it opens (for await closes it).`);
  }

  private captureOutputs(): void {
    const output = this.pendingOutput;
    this.pendingOutput = [];
    for (const record of output) {
      this.produced.add(record.topic);
      let list = this.outputs.get(record.topic);
      if (!list) this.outputs.set(record.topic, (list = []));
      list.push(record);
      if (this.isTaskSourceTopic(record.topic) && !this.closed) {
        this.enqueue(record.topic, record.key, record.value, record.timestamp, record.headers);
      }
      if (this.globalTopics.has(record.topic) && !this.closed) {
        this.pendingGlobal.push(record);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the TopologyTestDriver is closed');
  }
}
