// The public Processor API topology (Java's org.apache.kafka.streams.Topology): sources, processors,
// sinks and stores wired by name. Every method registers through the InternalTopologyBuilder and
// returns `this`, so a Java topology ports call for call. Java's positional overloads that carry
// deserializers, serializers, a partitioner, a timestamp extractor or an offset reset become one
// options object.
import type { ProcessorSupplier } from '../processor/processor';
import { supplierGet, supplierStores } from '../processor/processor';
import type { Deserializer, Serializer } from '../serde/serde';
import type { StoreBuilder } from '../state/store-builder';
import type { TimestampExtractor } from '../time/timestamp-extractor';
import { TopologyError } from '../../errors';
import { InternalTopologyBuilder, type ProcessorFactory } from './internal-topology-builder';
import type { TopologyDescription } from './topology-description';
import type { OffsetResetPolicy, StreamPartitioner, TopicNameExtractor } from './topology-model';

export interface SourceOptions<K = unknown, V = unknown> {
  readonly name: string;
  /** The topics to read; give either these or `pattern`. */
  readonly topics?: readonly string[];
  /** Reads every topic whose whole name matches, as Java's `Pattern` sources. */
  readonly pattern?: RegExp;
  /** Null or absent: `default.key.serde`. */
  readonly keyDeserializer?: Deserializer<K> | null;
  /** Null or absent: `default.value.serde`. */
  readonly valueDeserializer?: Deserializer<V> | null;
  /** Null or absent: `default.timestamp.extractor`. */
  readonly timestampExtractor?: TimestampExtractor | null;
  /** Null or absent: `auto.offset.reset`. */
  readonly offsetReset?: OffsetResetPolicy | null;
}

export interface SinkOptions<K = unknown, V = unknown> {
  readonly name: string;
  readonly topic: string | TopicNameExtractor<K, V>;
  /** Null or absent: `default.key.serde`. */
  readonly keySerializer?: Serializer<K> | null;
  /** Null or absent: `default.value.serde`. */
  readonly valueSerializer?: Serializer<V> | null;
  /** Null or absent: murmur2 of the serialized key, as Java's producer. */
  readonly partitioner?: StreamPartitioner<K, V> | null;
  readonly parentNames: readonly string[];
}

export interface GlobalStoreOptions<KIn = unknown, VIn = unknown> {
  readonly storeBuilder: StoreBuilder;
  readonly sourceName: string;
  readonly topic: string;
  readonly processorName: string;
  /** Writes the topic's records into the store; runs again on restore. */
  readonly stateUpdateSupplier: ProcessorSupplier<KIn, VIn, never, never>;
  readonly keyDeserializer?: Deserializer<KIn> | null;
  readonly valueDeserializer?: Deserializer<VIn> | null;
  readonly timestampExtractor?: TimestampExtractor | null;
}

const builders = new WeakMap<Topology, InternalTopologyBuilder>();

export class Topology {
  constructor() {
    builders.set(this, new InternalTopologyBuilder());
  }

  /** `addSource(name, ...topics)`, `addSource(name, pattern)` or `addSource({ name, topics | pattern, ... })`. */
  addSource(name: string, ...topics: string[]): this;
  addSource(name: string, pattern: RegExp): this;
  addSource<K, V>(options: SourceOptions<K, V>): this;
  addSource<K, V>(nameOrOptions: string | SourceOptions<K, V>, ...topicsOrPattern: (string | RegExp)[]): this {
    if (typeof nameOrOptions === 'object' && nameOrOptions !== null) {
      const options = nameOrOptions;
      this.builder().addSource({
        name: options.name,
        topics: options.topics,
        pattern: options.pattern,
        keyDeserializer: options.keyDeserializer,
        valueDeserializer: options.valueDeserializer,
        timestampExtractor: options.timestampExtractor,
        offsetReset: options.offsetReset,
      });
      return this;
    }
    const [first] = topicsOrPattern;
    if (first instanceof RegExp) {
      if (topicsOrPattern.length > 1) throw new TopologyError(`Source "${String(nameOrOptions)}": give one pattern, or topic names, not both.`);
      this.builder().addSource({ name: nameOrOptions, pattern: first });
    } else {
      this.builder().addSource({ name: nameOrOptions, topics: topicsOrPattern as string[] });
    }
    return this;
  }

  /**
   * Adds a processor reading from `parentNames`. When the supplier has `stores()`, each store is added
   * and connected to this processor (Java's ConnectedStoreProvider).
   */
  addProcessor<KIn, VIn, KOut, VOut>(name: string, supplier: ProcessorSupplier<KIn, VIn, KOut, VOut>, ...parentNames: string[]): this {
    if (supplier === null || (typeof supplier !== 'function' && typeof supplier !== 'object')) {
      throw new TopologyError(`Processor ${String(name)}: the processor supplier must be a function or an object with get().`);
    }
    const createProcessor = (() => supplierGet(supplier)) as ProcessorFactory;
    const builder = this.builder();
    builder.addProcessor(name, createProcessor, parentNames);
    for (const storeBuilder of supplierStores(supplier)) builder.addStateStore(storeBuilder, [name]);
    return this;
  }

  /** `addSink(name, topic | extractor, ...parentNames)` or `addSink({ name, topic, keySerializer, ..., parentNames })`. */
  addSink<K, V>(name: string, topic: string | TopicNameExtractor<K, V>, ...parentNames: string[]): this;
  addSink<K, V>(options: SinkOptions<K, V>): this;
  addSink<K, V>(nameOrOptions: string | SinkOptions<K, V>, topic?: string | TopicNameExtractor<K, V>, ...parentNames: string[]): this {
    if (typeof nameOrOptions === 'object' && nameOrOptions !== null) {
      const options = nameOrOptions;
      this.builder().addSink({
        name: options.name,
        topic: options.topic as string | TopicNameExtractor,
        keySerializer: options.keySerializer as Serializer<unknown> | null | undefined,
        valueSerializer: options.valueSerializer as Serializer<unknown> | null | undefined,
        partitioner: options.partitioner as StreamPartitioner | null | undefined,
        parentNames: options.parentNames,
      });
      return this;
    }
    this.builder().addSink({ name: nameOrOptions, topic: topic as string | TopicNameExtractor, parentNames });
    return this;
  }

  /** Adds a store, connected to `processorNames` (more can be connected later). */
  addStateStore(storeBuilder: StoreBuilder, ...processorNames: string[]): this {
    this.builder().addStateStore(storeBuilder, processorNames);
    return this;
  }

  connectProcessorAndStateStores(processorName: string, ...storeNames: string[]): this {
    this.builder().connectProcessorAndStateStores(processorName, storeNames);
    return this;
  }

  /**
   * Adds a global store: every instance reads all partitions of `topic` into it, and any processor can
   * read it without being connected. The builder must have logging disabled (the topic is the changelog).
   */
  addGlobalStore<KIn, VIn>(options: GlobalStoreOptions<KIn, VIn>): this {
    const supplier = options.stateUpdateSupplier;
    this.builder().addGlobalStore({
      storeBuilder: options.storeBuilder,
      sourceName: options.sourceName,
      topic: options.topic,
      processorName: options.processorName,
      createProcessor: (() => supplierGet(supplier)) as ProcessorFactory,
      keyDeserializer: options.keyDeserializer as Deserializer<unknown> | null | undefined,
      valueDeserializer: options.valueDeserializer as Deserializer<unknown> | null | undefined,
      timestampExtractor: options.timestampExtractor,
      reprocessOnRestore: true,
    });
    return this;
  }

  /**
   * Adds a store filled from `topic` by the update processor and read by the rest of the sub-topology
   * (Java's addReadOnlyStateStore): logging is disabled, the topic is read from the earliest offset and
   * is the store's changelog.
   */
  addReadOnlyStateStore<KIn, VIn>(options: GlobalStoreOptions<KIn, VIn>): this {
    const { storeBuilder, sourceName, topic, processorName } = options;
    if (storeBuilder === null || typeof storeBuilder !== 'object') throw new TopologyError('addReadOnlyStateStore needs a StoreBuilder.');
    storeBuilder.withLoggingDisabled();
    const builder = this.builder();
    builder.addSource({
      name: sourceName,
      topics: [topic],
      keyDeserializer: options.keyDeserializer as Deserializer<unknown> | null | undefined,
      valueDeserializer: options.valueDeserializer as Deserializer<unknown> | null | undefined,
      timestampExtractor: options.timestampExtractor,
      offsetReset: 'earliest',
    });
    const supplier = options.stateUpdateSupplier;
    builder.addProcessor(processorName, (() => supplierGet(supplier)) as ProcessorFactory, [sourceName]);
    builder.addStateStore(storeBuilder, [processorName]);
    builder.connectSourceStoreAndTopic(storeBuilder.name(), topic);
    return this;
  }

  describe(): TopologyDescription {
    return this.builder().describe();
  }

  private builder(): InternalTopologyBuilder {
    return internalTopologyBuilder(this);
  }
}

/**
 * For StreamsBuilder, the test driver and the runtime, not the public API: the builder behind a
 * topology (Java's `topology.internalTopologyBuilder`).
 */
export function internalTopologyBuilder(topology: Topology): InternalTopologyBuilder {
  const builder = builders.get(topology);
  if (builder === undefined) throw new TopologyError('Not a kstreams Topology: create it with new Topology() or StreamsBuilder.build().');
  return builder;
}

/** For StreamsBuilder.build(): a Topology over a builder the DSL filled (Java's protected Topology(builder)). */
export function topologyFromBuilder(builder: InternalTopologyBuilder): Topology {
  const topology = new Topology();
  builders.set(topology, builder);
  return topology;
}
