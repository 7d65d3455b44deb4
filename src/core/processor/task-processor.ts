// Runs the processors of one task: deserializes and timestamps input records, pushes them through
// the sub-topology's nodes, keeps stream time, fires punctuations, and hands sink and changelog
// records to the task's RecordCollector. It knows nothing of Kafka clients or threads: the
// worker threads and the TopologyTestDriver both drive it.
import type { DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler } from '../../config';
import { ConfigError, ProcessingError, SerdeError, StreamsError, TopologyError, toWire } from '../../errors';
import type { Deserializer, Serde, Serializer } from '../serde/serde';
import { isWrappingNullableSerde } from '../serde/wrapping-nullable-serde';
import type { StateStore, StateStoreContext } from '../state/state-store';
import type { StoreSensor } from '../state/store-sensor';
import type { TaskCache } from '../state/task-cache';
import type { TaskStorage } from '../state/task-storage';
import type { TimestampExtractor } from '../time/timestamp-extractor';
import { topicMatchesPattern } from '../topology/topic-pattern';
import type { NodeDefinition, SinkNodeDefinition, SourceNodeDefinition, StoreDefinition } from '../topology/topology-model';
import { handlerHeaders } from './exception-handlers';
import type { InternalProcessorContext } from './internal-processor-context';
import type { Cancellable, Punctuator } from './punctuation';
import { PunctuationType } from './punctuation';
import { PunctuationQueue, type PunctuationSchedule } from './punctuation-queue';
import { isPassThroughError, ProcessorNode, ProcessorNodeWithProcessor, SinkNode, SourceNode } from './processor-node';
import type { RecordMetadata } from './processor-context';
import { punctuationRecordContext, type ProcessorRecordContext } from './processor-record-context';
import { Record } from './record';
import type { RecordCollector } from './record-collector';
import { RecordHeaders } from './record-headers';
import type { TaskId } from './task-id';
import type { TaskSensors } from './task-sensors';

/** A consumed record, still in bytes, as the runtime hands it to the task. */
export interface InputRecord {
  /** The full topic name (internal topics with the application id prefix). */
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeaders;
}

export interface TaskProcessorOptions {
  taskId: TaskId;
  applicationId: string;
  /** The nodes this task runs (one sub-topology; all of them in the TopologyTestDriver). */
  nodes: readonly NodeDefinition[];
  stores: readonly StoreDefinition[];
  appConfigs: Readonly<{ [key: string]: unknown }>;
  stateDir: string;
  defaultKeySerde: Serde<unknown> | null;
  defaultValueSerde: Serde<unknown> | null;
  defaultTimestampExtractor: TimestampExtractor;
  handlers: {
    deserialization: DeserializationExceptionHandler;
    processing: ProcessingExceptionHandler;
    production: ProductionExceptionHandler;
  };
  collector: RecordCollector;
  sensors: TaskSensors;
  wallClockMs: () => number;
  /** The full name of a topic as the topology names it (internal topics get the application id prefix). */
  resolveTopic: (name: string) => string;
  /** The task's record cache (caching layers); its bound is `statestore.cache.max.bytes` over the task count. */
  cache: TaskCache;
  /**
   * The task's local state: persistent stores keep their data there, every store registers its
   * restore there, and the runtime commits it (`commit`) as the last step of the task's commit.
   * Reaching its pending-writes bound requests a commit. Absent: the task cannot open persistent stores.
   */
  taskStorage?: TaskStorage;
  /** Where metered stores report latencies and iterators left open; absent: not measured. */
  storeSensor?: (storeName: string, metricsScope: string) => StoreSensor | undefined;
  /**
   * The global stores (Java's GlobalStateManager#getGlobalStore): any processor of the task may read
   * them without being connected. Absent: the task sees none.
   */
  globalStore?: (name: string) => StateStore | undefined;
}

const UNKNOWN_STREAM_TIME = -1;

export class TaskProcessor {
  private readonly nodesByName = new Map<string, ProcessorNode>();
  private readonly sourcesByTopic = new Map<string, { node: SourceNode; def: SourceNodeDefinition }>();
  private readonly patternSources: { node: SourceNode; def: SourceNodeDefinition & { pattern: RegExp } }[] = [];
  private readonly contexts: NodeContext[] = [];
  private readonly stores = new Map<string, StateStore>();
  private readonly storeChangelogs = new Map<string, string | null>();
  /** Each input partition's time (the largest timestamp extracted there), by `topic \u0000 partition`. */
  private readonly partitionTimes = new Map<string, { timeMs: number }>();
  private readonly pending = new Set<Promise<void>>();
  private readonly streamTimePunctuations = new PunctuationQueue();
  private readonly wallClockPunctuations = new PunctuationQueue();
  private current: ProcessorRecordContext = punctuationRecordContext(UNKNOWN_STREAM_TIME);
  private streamTimeMs = UNKNOWN_STREAM_TIME;
  private commitRequestedFlag = false;
  private lastTopic = '';
  private lastPartition = -1;
  /** The partition time of (lastTopic, lastPartition). */
  private lastPartitionTime: { timeMs: number } = { timeMs: UNKNOWN_STREAM_TIME };
  /** The source of lastSourceTopic. */
  private lastSource: { node: SourceNode; def: SourceNodeDefinition } | undefined = undefined;
  private lastSourceTopic = '';
  /** Where deserialize leaves the record's key and value (one object per task, not one per record). */
  private readonly deserialized: { key: unknown; value: unknown } = { key: null, value: null };
  private state: 'created' | 'running' | 'closed' = 'created';

  constructor(private readonly options: TaskProcessorOptions) {
    this.buildNodes();
    options.taskStorage?.onCommitNeeded(() => this.requestCommit());
  }

  get taskId(): TaskId {
    return this.options.taskId;
  }

  /** The largest timestamp of a record this task has processed, -1 before the first. */
  get streamTime(): number {
    return this.streamTimeMs;
  }

  /** Whether a processor called `context.commit()`, or the pending writes reached their bound, since the last `commitDone()`. */
  get commitRequested(): boolean {
    return this.commitRequestedFlag;
  }

  commitDone(): void {
    this.commitRequestedFlag = false;
  }

  store(name: string): StateStore | undefined {
    return this.stores.get(name);
  }

  /** Opens the stores, then initialises the processors in the order they were added. */
  async init(): Promise<void> {
    if (this.state !== 'created') throw new StreamsError(`task ${this.taskId} was already initialised`, { context: { taskId: String(this.taskId) } });
    const storeContext = this.storeContext();
    for (const def of this.options.stores) {
      const store = def.builder.build();
      this.stores.set(def.name, store);
      this.storeChangelogs.set(def.name, def.changelogTopic === null ? null : this.options.resolveTopic(def.changelogTopic));
      await store.init(storeContext, store);
    }
    for (const context of this.contexts) {
      const node = context.node;
      if (node instanceof ProcessorNodeWithProcessor && node.processor.init) {
        const result = node.processor.init(context);
        if (result) await result;
      }
    }
    this.state = 'running';
  }

  /** Processes one consumed record through the topology and waits until every processor is done with it. */
  async process(input: InputRecord): Promise<void> {
    this.assertRunning('process');
    // Consecutive records usually come from one topic and partition: their source and partition
    // time are looked up when it changes, not per record.
    let source = this.lastSource;
    if (input.topic !== this.lastSourceTopic || source === undefined) {
      source = this.sourcesByTopic.get(input.topic) ?? this.patternSource(input.topic);
      this.lastSource = source;
      this.lastSourceTopic = input.topic;
    }
    if (!source) {
      throw new TopologyError(`task ${this.taskId} has no source for topic ${input.topic}`, { context: { taskId: String(this.taskId), topic: input.topic } });
    }
    const deserialized = this.deserialized;
    if (!this.deserialize(source, input, deserialized)) return;
    const key = deserialized.key;
    const value = deserialized.value;
    deserialized.key = deserialized.value = null;

    if (input.topic !== this.lastTopic || input.partition !== this.lastPartition) {
      const partitionKey = `${input.topic}\u0000${input.partition}`;
      let time = this.partitionTimes.get(partitionKey);
      if (time === undefined) this.partitionTimes.set(partitionKey, (time = { timeMs: UNKNOWN_STREAM_TIME }));
      this.lastPartitionTime = time;
      this.lastTopic = input.topic;
      this.lastPartition = input.partition;
    }
    const partitionTime = this.lastPartitionTime;
    const extractor = source.def.timestampExtractor ?? this.options.defaultTimestampExtractor;
    const timestamp = extractor.extract(
      { topic: input.topic, partition: input.partition, offset: input.offset, timestamp: input.timestamp, key, value, headers: input.headers },
      partitionTime.timeMs,
    );
    if (timestamp < 0) {
      this.options.sensors.recordDropped('negative-timestamp', String(this.taskId), source.node.name);
      return;
    }
    if (timestamp > partitionTime.timeMs) partitionTime.timeMs = timestamp;
    this.streamTimeMs = Math.max(this.streamTimeMs, timestamp);

    this.current = { timestamp, topic: input.topic, partition: input.partition, offset: input.offset, headers: input.headers };
    const result = source.node.process(new Record(key, value, timestamp, input.headers));
    if (result === undefined && this.pending.size === 0) return; // all synchronous: nothing to wait for
    await this.settle(result);
  }

  /** Fires the stream-time punctuations that are due. */
  maybePunctuateStreamTime(): Promise<boolean> {
    this.assertRunning('punctuate');
    if (this.streamTimeMs === UNKNOWN_STREAM_TIME) return Promise.resolve(false);
    return this.streamTimePunctuations.mayPunctuate(this.streamTimeMs, (schedule, now) => this.punctuate(schedule, now, PunctuationType.STREAM_TIME));
  }

  /** Fires the wall-clock punctuations that are due at `nowMs` (default: the task's clock). */
  maybePunctuateSystemTime(nowMs = this.options.wallClockMs()): Promise<boolean> {
    this.assertRunning('punctuate');
    return this.wallClockPunctuations.mayPunctuate(nowMs, (schedule, now) => this.punctuate(schedule, now, PunctuationType.WALL_CLOCK_TIME));
  }

  /**
   * Commit step 1 (design-notes §6): flushes the stores' caches, which forwards their dirty
   * entries downstream and writes them to the changelogs.
   */
  async flush(): Promise<void> {
    this.assertRunning('flush');
    for (const store of this.stores.values()) {
      const result = store.flush();
      if (result) await result;
    }
    await this.settle();
  }

  /** Closes the processors, then the stores. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    await this.settle();
    for (const context of this.contexts) {
      const node = context.node;
      if (node instanceof ProcessorNodeWithProcessor && node.processor.close) {
        const result = node.processor.close();
        if (result) await result;
      }
    }
    for (const store of this.stores.values()) {
      if (store.isOpen()) {
        const result = store.close();
        if (result) await result;
      }
    }
  }

  // --- building -------------------------------------------------------------------------

  private buildNodes(): void {
    for (const def of this.options.nodes) {
      const node = this.createNode(def);
      if (this.nodesByName.has(def.name)) throw new TopologyError(`processor name ${def.name} is used twice in task ${this.taskId}`);
      this.nodesByName.set(def.name, node);
    }
    for (const def of this.options.nodes) {
      if (def.kind === 'sink') continue;
      const node = this.nodesByName.get(def.name)!;
      for (const childName of def.successors) {
        const child = this.nodesByName.get(childName);
        if (!child) throw new TopologyError(`processor ${def.name} forwards to ${childName}, which task ${this.taskId} does not run`);
        node.addChild(child);
      }
    }
  }

  private createNode(def: NodeDefinition): ProcessorNode {
    switch (def.kind) {
      case 'source': {
        const node = new SourceNode(def.name, (from, record) => this.forward(from, record));
        this.setIfUnset(def.keyDeserializer, def.valueDeserializer);
        for (const topic of def.topics) this.sourcesByTopic.set(this.options.resolveTopic(topic), { node, def });
        if (def.pattern !== null) this.patternSources.push({ node, def: { ...def, pattern: def.pattern } });
        return node;
      }
      case 'processor': {
        const processor = def.createProcessor();
        const node = new ProcessorNodeWithProcessor(def.name, processor, (n, record, error) => this.onProcessorFailure(n, record, error));
        this.contexts.push(new NodeContext(this, node, new Set(def.stores)));
        return node;
      }
      case 'sink':
        return this.createSink(def);
    }
  }

  /** The pattern source whose pattern matches all of `topic` (Java subscribes such topics as they appear); remembered. */
  private patternSource(topic: string): { node: SourceNode; def: SourceNodeDefinition } | undefined {
    const match = this.patternSources.find((s) => topicMatchesPattern(s.def.pattern, topic));
    if (match) this.sourcesByTopic.set(topic, match);
    return match;
  }

  private createSink(def: SinkNodeDefinition): SinkNode {
    this.setIfUnset(def.keySerializer, def.valueSerializer);
    let fixedTopic: string | null = null; // a fixed topic's full name, resolved on the first record
    return new SinkNode(def.name, (node, record) => {
      if (typeof def.topic === 'string' && fixedTopic === null) fixedTopic = this.options.resolveTopic(def.topic);
      this.writeToSink(node, def, fixedTopic, record);
    });
  }

  /** Java's WrappingNullableUtils: a serde wrapping a missing inner one takes the default (KTable#groupBy's Change serde). */
  private setIfUnset(...serdes: unknown[]): void {
    const { defaultKeySerde, defaultValueSerde } = this.options;
    for (const serde of serdes) {
      if (isWrappingNullableSerde(serde)) serde.setIfUnset({ keySerde: () => defaultKeySerde, valueSerde: () => defaultValueSerde });
    }
  }

  // --- processing ---------------------------------------------------------------------

  /** Forwards from `node` to its children (or to the child `childName`), tracking asynchronous children. */
  forward(node: ProcessorNode, record: Record<unknown, unknown>, childName?: string): void {
    const saved = this.current;
    if (record.timestamp !== saved.timestamp || record.headers !== saved.headers) {
      this.current = { ...saved, timestamp: record.timestamp, headers: record.headers };
    }
    try {
      if (childName === undefined) {
        for (const child of node.children) this.track(child.process(record));
      } else {
        const child = node.child(childName);
        if (!child) throw new StreamsError(`Unknown downstream node: ${childName} either does not exist or is not connected to processor ${node.name}.`, { context: { processor: node.name, taskId: String(this.taskId) } });
        this.track(child.process(record));
      }
    } finally {
      this.current = saved;
    }
  }

  private track(result: void | Promise<void>): void {
    if (!result) return;
    this.pending.add(result);
    result.then(
      () => this.pending.delete(result),
      () => undefined, // kept in `pending`: settle() rethrows it
    );
  }

  /** Waits until no processor has work pending, rethrowing the first failure. */
  private async settle(first?: void | Promise<void>): Promise<void> {
    this.track(first);
    while (this.pending.size > 0) {
      const batch = [...this.pending];
      try {
        await Promise.all(batch);
      } finally {
        for (const p of batch) this.pending.delete(p);
      }
    }
  }

  /** Deserializes into `into`; false when the record is dropped (the handler said CONTINUE). */
  private deserialize(source: { node: SourceNode; def: SourceNodeDefinition }, input: InputRecord, into: { key: unknown; value: unknown }): boolean {
    const keyDeserializer = source.def.keyDeserializer ?? this.defaultDeserializer('key', source.def.name);
    const valueDeserializer = source.def.valueDeserializer ?? this.defaultDeserializer('value', source.def.name);
    try {
      into.key = keyDeserializer.deserialize(input.topic, input.key, input.headers);
      into.value = valueDeserializer.deserialize(input.topic, input.value, input.headers);
      return true;
    } catch (error) {
      const cause = asError(error);
      const context = { topic: input.topic, partition: input.partition, offset: input.offset, timestamp: input.timestamp, headers: handlerHeaders(input.headers), processorNodeId: source.node.name, taskId: String(this.taskId) };
      const response = this.options.handlers.deserialization(context, { ...context, key: input.key, value: input.value }, cause);
      if (response === 'CONTINUE') {
        this.options.sensors.recordDropped('deserialization', String(this.taskId), source.node.name);
        return false;
      }
      throw new SerdeError(
        `Deserialization exception handler is set to fail upon a deserialization error (task ${this.taskId}, topic ${input.topic}, partition ${input.partition}, offset ${input.offset}): ${cause.message}. ` +
          `If you would rather have the streaming pipeline continue after a deserialization error, set default.deserialization.exception.handler to 'logAndContinue'.`,
        { cause: error, context: { taskId: String(this.taskId), topic: input.topic, partition: input.partition, offset: input.offset, processor: source.node.name } },
      );
    }
  }

  private defaultDeserializer(which: 'key' | 'value', nodeName: string): Deserializer<unknown> {
    const serde = which === 'key' ? this.options.defaultKeySerde : this.options.defaultValueSerde;
    if (!serde) throw missingSerde(which, nodeName);
    return serde.deserializer();
  }

  private defaultSerializer(which: 'key' | 'value', nodeName: string): Serializer<unknown> {
    const serde = which === 'key' ? this.options.defaultKeySerde : this.options.defaultValueSerde;
    if (!serde) throw missingSerde(which, nodeName);
    return serde.serializer();
  }

  /** `fixedTopic`: the full name of the sink's topic, null when a TopicNameExtractor chooses it per record. */
  private writeToSink(node: SinkNode, def: SinkNodeDefinition, fixedTopic: string | null, record: Record<unknown, unknown>): void {
    const ctx = this.current;
    const topic =
      fixedTopic ??
      (typeof def.topic === 'string'
        ? this.options.resolveTopic(def.topic)
        : def.topic(record.key, record.value, { topic: ctx.topic ?? undefined, partition: ctx.partition < 0 ? undefined : ctx.partition, offset: ctx.offset < 0 ? undefined : ctx.offset, timestamp: record.timestamp }));
    const keyBytes = this.serializeForSink(node, def, topic, record, 'KEY');
    if (keyBytes === SKIP) return;
    const valueBytes = this.serializeForSink(node, def, topic, record, 'VALUE');
    if (valueBytes === SKIP) return;
    let partition: number | null = null;
    if (def.partitioner) {
      const numPartitions = this.options.collector.partitionsFor(topic);
      if (numPartitions !== undefined) partition = def.partitioner(topic, record.key, record.value, numPartitions) ?? null;
    }
    this.options.collector.send({ topic, partition, key: keyBytes, value: valueBytes, timestamp: record.timestamp, headers: record.headers });
  }

  private serializeForSink(node: SinkNode, def: SinkNodeDefinition, topic: string, record: Record<unknown, unknown>, origin: 'KEY' | 'VALUE'): Buffer | null | typeof SKIP {
    const serializer = origin === 'KEY' ? (def.keySerializer ?? this.defaultSerializer('key', def.name)) : (def.valueSerializer ?? this.defaultSerializer('value', def.name));
    try {
      return serializer.serialize(topic, origin === 'KEY' ? record.key : record.value, record.headers);
    } catch (error) {
      const ctx = this.current;
      const context = { topic: ctx.topic, partition: ctx.partition, offset: ctx.offset, timestamp: record.timestamp, headers: handlerHeaders(record.headers), processorNodeId: node.name, taskId: String(this.taskId) };
      const failed = { topic, partition: null, key: record.key, value: record.value, timestamp: record.timestamp, headers: handlerHeaders(record.headers) };
      if (this.options.handlers.production(context, failed, asError(error), origin) === 'CONTINUE') {
        this.options.sensors.recordDropped('processing', String(this.taskId), node.name);
        return SKIP;
      }
      throw new SerdeError(`could not serialize the ${origin.toLowerCase()} of a record for topic ${topic} at sink ${node.name} (task ${this.taskId}): ${asError(error).message}`, {
        cause: error,
        context: { taskId: String(this.taskId), topic, processor: node.name },
      });
    }
  }

  /** Java's ProcessorNode#process catch block: the processing exception handler decides. */
  private onProcessorFailure(node: ProcessorNode, record: Record<unknown, unknown>, error: unknown): void {
    if (isPassThroughError(error)) throw error;
    const ctx = this.current;
    const cause = asError(error);
    const context = { topic: ctx.topic, partition: ctx.partition, offset: ctx.offset, timestamp: ctx.timestamp, headers: handlerHeaders(ctx.headers), processorNodeId: node.name, taskId: String(this.taskId) };
    let response;
    try {
      response = this.options.handlers.processing(context, { key: record.key, value: record.value, timestamp: record.timestamp, headers: handlerHeaders(record.headers) }, cause);
    } catch (handlerError) {
      throw new ProcessingError(`the processing exception handler failed on an error of processor ${node.name} (task ${this.taskId}): ${asError(handlerError).message}`, { cause: handlerError, context: this.errorContext(node) });
    }
    if (response === 'CONTINUE') {
      this.options.sensors.recordDropped('processing', String(this.taskId), node.name);
      return;
    }
    throw new ProcessingError(
      `Exception caught in process. taskId=${this.taskId}, processor=${node.name}, topic=${ctx.topic}, partition=${ctx.partition}, offset=${ctx.offset}: ${cause.message}`,
      { cause: error, context: this.errorContext(node) },
    );
  }

  private errorContext(node: ProcessorNode) {
    const ctx = this.current;
    return { taskId: String(this.taskId), processor: node.name, topic: ctx.topic ?? undefined, partition: ctx.partition, offset: ctx.offset };
  }

  // --- punctuation ----------------------------------------------------------------------

  schedule(node: ProcessorNode, intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    if (!(intervalMs >= 1)) throw new StreamsError(`the punctuation interval must be at least 1 ms, got ${intervalMs} (processor ${node.name})`);
    if (type === PunctuationType.STREAM_TIME) {
      // aligned to 0: fires as soon as there is data
      return this.streamTimePunctuations.schedule(node.name, 0, intervalMs, punctuator);
    }
    return this.wallClockPunctuations.schedule(node.name, this.options.wallClockMs() + intervalMs, intervalMs, punctuator);
  }

  private async punctuate(schedule: PunctuationSchedule, nowMs: number, type: PunctuationType): Promise<void> {
    const node = this.nodesByName.get(schedule.nodeName)!;
    const saved = this.current;
    this.current = punctuationRecordContext(nowMs);
    try {
      try {
        await this.settle(schedule.punctuator(nowMs));
      } catch (error) {
        this.onPunctuatorFailure(node, nowMs, type, error);
      }
    } finally {
      this.current = saved;
    }
  }

  private onPunctuatorFailure(node: ProcessorNode, nowMs: number, type: PunctuationType, error: unknown): void {
    if (isPassThroughError(error)) throw error;
    const cause = asError(error);
    const context = { topic: null, partition: -1, offset: -1, timestamp: nowMs, headers: {}, processorNodeId: node.name, taskId: String(this.taskId) };
    const response = this.options.handlers.processing(context, { key: null, value: null, timestamp: nowMs, headers: {} }, cause);
    if (response === 'CONTINUE') {
      this.options.sensors.recordDropped('processing', String(this.taskId), node.name);
      return;
    }
    throw new ProcessingError(`Exception caught while punctuating (${type}) processor ${node.name} in task ${this.taskId}: ${cause.message}`, { cause: error, context: this.errorContext(node) });
  }

  // --- stores -------------------------------------------------------------------------

  getStateStore<S extends StateStore>(node: ProcessorNode, connected: ReadonlySet<string>, name: string): S {
    const global = this.stores.has(name) ? undefined : this.options.globalStore?.(name);
    if (global !== undefined) return global as S;
    const store = this.stores.get(name);
    if (!store || !connected.has(name)) {
      throw new StreamsError(
        `Processor ${node.name} has no access to StateStore ${name} as the store is not connected to the processor. ` +
          `If you add stores manually via '.addStateStore()' make sure to connect the added store to the processor by providing the processor name to '.addStateStore()' or connect them via '.connectProcessorAndStateStores()'. ` +
          `DSL users need to provide the store name to '.process()', '.processValues()' or '.transform()' to connect the store to the corresponding operator.`,
        { context: { processor: node.name, store: name, taskId: String(this.taskId) } },
      );
    }
    return store as S;
  }

  private storeContext(): StateStoreContext {
    const { options, storeChangelogs } = this;
    return {
      applicationId: () => options.applicationId,
      taskId: () => options.taskId,
      stateDir: () => options.stateDir,
      appConfigs: () => options.appConfigs,
      keySerde: () => options.defaultKeySerde,
      valueSerde: () => options.defaultValueSerde,
      recordContext: () => this.current,
      cache: () => options.cache,
      register: (store, restore) => {
        const changelogTopic = storeChangelogs.get(store.name()) ?? null;
        options.taskStorage?.register(store.name(), changelogTopic, restore);
      },
      changelogFor: (storeName) => storeChangelogs.get(storeName) ?? null,
      logChange: (storeName, record) => {
        const topic = storeChangelogs.get(storeName);
        if (!topic) return;
        options.collector.send({ topic, partition: options.taskId.partition, key: record.key, value: record.value, timestamp: record.timestamp, headers: emptyHeaders() });
      },
      storeSensor: (storeName, metricsScope) => options.storeSensor?.(storeName, metricsScope),
      taskStorage: () => options.taskStorage,
    };
  }

  // --- the context's view ---------------------------------------------------------------

  recordContext(): ProcessorRecordContext {
    return this.current;
  }

  recordMetadata(): RecordMetadata | undefined {
    const ctx = this.current;
    return ctx.topic === null ? undefined : { topic: ctx.topic, partition: ctx.partition, offset: ctx.offset };
  }

  requestCommit(): void {
    this.commitRequestedFlag = true;
  }

  get opts(): TaskProcessorOptions {
    return this.options;
  }

  private assertRunning(what: string): void {
    if (this.state !== 'running') throw new StreamsError(`cannot ${what}: task ${this.taskId} is ${this.state}`, { context: { taskId: String(this.taskId) } });
  }
}

const SKIP = Symbol('skip');

function missingSerde(which: 'key' | 'value', nodeName: string): ConfigError {
  return new ConfigError(
    `Please specify a ${which} serde or set one through StreamsConfig#default.${which}.serde (node ${nodeName} has no ${which} serde and no default is configured)`,
    { context: { processor: nodeName, configKey: `default.${which}.serde` } },
  );
}

function asError(error: unknown): Error {
  if (error instanceof Error) return error;
  return new Error(toWire(error).message);
}

function emptyHeaders(): RecordHeaders {
  // a changelog record carries no headers of its own
  return new RecordHeaders();
}

/** The context a processor gets: bound to its own node, so asynchronous processors forward from the right place. */
class NodeContext implements InternalProcessorContext<unknown, unknown> {
  constructor(
    private readonly task: TaskProcessor,
    readonly node: ProcessorNode,
    private readonly connectedStores: ReadonlySet<string>,
  ) {}

  get sensors(): TaskSensors {
    return this.task.opts.sensors;
  }
  applicationId(): string {
    return this.task.opts.applicationId;
  }
  taskId(): TaskId {
    return this.task.taskId;
  }
  recordMetadata(): RecordMetadata | undefined {
    return this.task.recordMetadata();
  }
  recordContext(): ProcessorRecordContext {
    return this.task.recordContext();
  }
  currentNodeName(): string {
    return this.node.name;
  }
  keySerde(): Serde<unknown> | null {
    return this.task.opts.defaultKeySerde;
  }
  valueSerde(): Serde<unknown> | null {
    return this.task.opts.defaultValueSerde;
  }
  stateDir(): string {
    return this.task.opts.stateDir;
  }
  appConfigs(): Readonly<{ [key: string]: unknown }> {
    return this.task.opts.appConfigs;
  }
  currentSystemTimeMs(): number {
    return this.task.opts.wallClockMs();
  }
  currentStreamTimeMs(): number {
    return this.task.streamTime;
  }
  getStateStore<S extends StateStore>(name: string): S {
    return this.task.getStateStore<S>(this.node, this.connectedStores, name);
  }
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable {
    return this.task.schedule(this.node, intervalMs, type, punctuator);
  }
  commit(): void {
    this.task.requestCommit();
  }
  forward<K, V>(record: Record<K, V>, childName?: string): void {
    this.task.forward(this.node, record as Record<unknown, unknown>, childName);
  }
}
