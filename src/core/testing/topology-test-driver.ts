// Runs a topology without a broker (Java's TopologyTestDriver): the same processors and stores the
// runtime uses, all sub-topologies in one task on partition 0, records written to repartition and
// other source topics fed straight back in, and a commit after every input record.
import type { StreamsConfigInput } from '../../config';
import { StreamsConfig } from '../../config';
import { resolveSerde } from '../serde/default-serde';
import type { Deserializer, Serde, Serializer } from '../serde/serde';
import { resolveTimestampExtractor } from '../time/default-timestamp-extractor';
import { consoleLogger, resolveDeserializationHandler, resolveProcessingHandler, resolveProductionHandler, type Logger } from '../processor/exception-handlers';
import type { CollectedRecord, RecordCollector } from '../processor/record-collector';
import type { RecordHeaders } from '../processor/record-headers';
import { TaskId } from '../processor/task-id';
import { TaskProcessor, type InputRecord } from '../processor/task-processor';
import type { DropReason, TaskSensors } from '../processor/task-sensors';
import type { KeyValueStore } from '../state/key-value-store';
import type { StateStore } from '../state/state-store';
import { TaskCache } from '../state/task-cache';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import type { BuiltTopology } from '../topology/topology-model';
import { internalTopologyBuilder, type Topology } from '../topology/topology';
import { toDeserializer, toSerializer } from './serde-or';
import { TestInputTopic } from './test-input-topic';
import { TestOutputTopic } from './test-output-topic';

/** Config for the driver: any StreamsConfig key; application.id and bootstrap.servers are optional here. */
export type TestDriverConfig = Partial<StreamsConfigInput>;

export interface TopologyTestDriverOptions {
  /** Where handler messages go (default: the console). */
  logger?: Logger;
}

export class TopologyTestDriver {
  private readonly config: StreamsConfig;
  private readonly built: BuiltTopology;
  private readonly applicationId: string;
  private readonly internalTopics: ReadonlySet<string>;
  private readonly task: TaskProcessor | undefined;
  private readonly inputTopics = new Set<string>();
  private readonly queues = new Map<string, InputRecord[]>();
  private readonly offsets = new Map<string, number>();
  private readonly outputs = new Map<string, CollectedRecord[]>();
  private readonly produced = new Set<string>();
  private readonly dropped = new Map<DropReason, number>();
  private pendingOutput: CollectedRecord[] = [];
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
    this.built = internalTopologyBuilder(topology).build();
    this.internalTopics = new Set(this.built.internalTopics.map((t) => t.name));

    const nodes = this.built.subtopologies.flatMap((s) => s.nodes);
    for (const node of nodes) {
      if (node.kind === 'source') for (const topic of node.topics) this.inputTopics.add(this.resolveTopic(topic));
    }
    if (nodes.length === 0) return;

    const logger = options.logger ?? consoleLogger;
    const sensors: TaskSensors = { recordDropped: (reason) => this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + 1) };
    const collector: RecordCollector = {
      send: (record) => {
        this.pendingOutput.push(record);
      },
      partitionsFor: () => 1,
    };
    this.task = new TaskProcessor({
      taskId: new TaskId(0, 0),
      applicationId: this.applicationId,
      nodes,
      stores: this.built.subtopologies.flatMap((s) => s.stores),
      appConfigs: this.config.originals(),
      stateDir: this.config.get('state.dir'),
      defaultKeySerde: resolveSerde(this.config.get('default.key.serde'), 'default.key.serde'),
      defaultValueSerde: resolveSerde(this.config.get('default.value.serde'), 'default.value.serde'),
      defaultTimestampExtractor: resolveTimestampExtractor(this.config.get('default.timestamp.extractor')),
      handlers: {
        deserialization: resolveDeserializationHandler(this.config.get('default.deserialization.exception.handler'), logger),
        processing: resolveProcessingHandler(this.config.get('processing.exception.handler'), logger),
        production: resolveProductionHandler(this.config.get('default.production.exception.handler'), logger),
      },
      collector,
      sensors,
      wallClockMs: () => this.wallClockMs,
      resolveTopic: (name) => this.resolveTopic(name),
      cache: new TaskCache(this.config.get('statestore.cache.max.bytes')),
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

  getStateStore<S extends StateStore = StateStore>(name: string): S | undefined {
    return this.task?.store(name) as S | undefined;
  }

  getKeyValueStore<K, V>(name: string): KeyValueStore<K, V> | undefined {
    return this.getStateStore<KeyValueStore<K, V>>(name);
  }

  getTimestampedKeyValueStore<K, V>(name: string): TimestampedKeyValueStore<K, V> | undefined {
    return this.getStateStore<TimestampedKeyValueStore<K, V>>(name);
  }

  /** How many records were dropped, by reason (Java's dropped-records-total metric). */
  droppedRecords(): ReadonlyMap<DropReason, number> {
    return new Map(this.dropped);
  }

  // --- lifecycle ------------------------------------------------------------------------

  /** Flushes the stores (their last cached updates are forwarded), closes the task. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.ready();
    if (this.task) {
      await this.task.flush();
      await this.task.close();
    }
    this.closed = true;
    this.captureOutputs();
  }

  // --- internals used by the test topics ----------------------------------------------------

  /** @internal */
  async pipeRecord(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: RecordHeaders): Promise<void> {
    this.assertOpen();
    if (!this.inputTopics.has(topic)) throw new Error(`Unknown topic: ${topic}`);
    await this.ready();
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
    this.initialised ??= this.task ? this.task.init() : Promise.resolve();
    return this.initialised;
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
    if (!this.task) return;
    for (;;) {
      const next = this.nextRecord();
      if (!next) return;
      await this.task.process(next);
      await this.task.maybePunctuateStreamTime();
      await this.commit();
      this.captureOutputs();
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

  private async commit(): Promise<void> {
    await this.task!.flush();
    this.task!.commitDone();
  }

  private captureOutputs(): void {
    const output = this.pendingOutput;
    this.pendingOutput = [];
    for (const record of output) {
      this.produced.add(record.topic);
      let list = this.outputs.get(record.topic);
      if (!list) this.outputs.set(record.topic, (list = []));
      list.push(record);
      if (this.inputTopics.has(record.topic) && !this.closed) {
        this.enqueue(record.topic, record.key, record.value, record.timestamp, record.headers);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the TopologyTestDriver is closed');
  }
}
