// Java's StreamsBuilder: where a DSL topology starts. Sources, tables and stores added here hang from
// the graph's root; build() compiles the graph into the Topology (the same object every time).
import { TopologyError } from '../../errors';
import type { ProcessorSupplier } from '../processor/processor';
import type { StoreBuilder } from '../state/store-builder';
import { Topology, internalTopologyBuilder } from '../topology/topology';
import { Consumed } from './consumed';
import { GlobalStoreNode } from './graph/global-store-node';
import { StateStoreNode } from './graph/state-store-node';
import { StreamSourceNode, mergeDuplicateSourceNodes } from './graph/stream-source-node';
import { type GlobalKTable, globalTableFromTopic } from './global-ktable';
import { InternalStreamsBuilder } from './internal-streams-builder';
import { KStream } from './kstream';
import { SOURCE_NAME } from './kstream-names';
import { type KTable, tableFromTopic } from './ktable';
import { Materialized } from './materialized';
import { NamedInternal } from './named';
import { requireNonNull } from './require-non-null';
import { optimizationsOf } from './topology-optimizations';

/** Java's KTableImpl.SOURCE_NAME: the processor of a global store's (and a table's) source. */
const TABLE_SOURCE_NAME = 'KTABLE-SOURCE-';
const TABLE_SOURCE_SUFFIX = '-source';

export class StreamsBuilder {
  private readonly topology = new Topology();
  /** @internal */
  readonly internalStreamsBuilder = new InternalStreamsBuilder(internalTopologyBuilder(this.topology));

  /**
   * A stream of the records of `topics` (one topic, a list, or every topic whose whole name matches
   * a RegExp). Reading the same topics, or pattern, in two calls is allowed: both streams share one
   * source. `consumed` sets serdes, timestamp extractor, offset reset policy and the source's name.
   */
  stream<K, V>(topics: string | readonly string[] | RegExp, consumed?: Consumed<K, V>): KStream<K, V> {
    requireNonNull(topics, "topics can't be null");
    if (consumed === null) throw new TopologyError("consumed can't be null");
    const spec = consumed ?? Consumed.with<K, V>(null, null);
    const subscription = typeof topics === 'string' ? [topics] : topics;
    if (Array.isArray(subscription)) {
      if (subscription.length === 0) throw new TopologyError('You must provide at least one topic to stream().');
      for (const topic of subscription) {
        if (typeof topic !== 'string' || topic.length === 0) throw new TopologyError(`Topic names must be non-empty strings, got ${topic === null ? 'null' : JSON.stringify(topic)}.`);
      }
    } else if (!(subscription instanceof RegExp)) {
      throw new TopologyError('stream() takes a topic name, a list of topic names or a RegExp.');
    }

    const builder = this.internalStreamsBuilder;
    const name = new NamedInternal(spec.processorName).orElseGenerateWithPrefix(builder, SOURCE_NAME);
    const node = new StreamSourceNode<K, V>(name, subscription as readonly string[] | RegExp, {
      keySerde: spec.keySerde,
      valueSerde: spec.valueSerde,
      timestampExtractor: spec.timestampExtractor,
      offsetResetPolicy: spec.offsetResetPolicy,
    });
    builder.addGraphNode(builder.root, node);
    return new KStream<K, V>(builder, name, spec.keySerde, spec.valueSerde, new Set([name]), false, node);
  }

  /**
   * A table of the latest value per key of `topic` (Java's table overloads: `(topic)`,
   * `(topic, consumed)`, `(topic, materialized)`, `(topic, consumed, materialized)`).
   */
  table<K, V>(topic: string, consumed?: Consumed<K, V>, materialized?: Materialized<K, V>): KTable<K, V>;
  table<K, V>(topic: string, materialized: Materialized<K, V>): KTable<K, V>;
  table<K, V>(topic: string, consumedOrMaterialized?: Consumed<K, V> | Materialized<K, V>, materialized?: Materialized<K, V>): KTable<K, V> {
    if (consumedOrMaterialized instanceof Materialized) return tableFromTopic(this.internalStreamsBuilder, topic, undefined, consumedOrMaterialized);
    if (consumedOrMaterialized === null) throw new TopologyError("consumed can't be null");
    if (materialized === null) throw new TopologyError("materialized can't be null");
    return tableFromTopic(this.internalStreamsBuilder, topic, consumedOrMaterialized, materialized);
  }

  /**
   * A table every instance holds whole: all partitions of `topic`, in a store that is never
   * change-logged (the topic is its changelog). Java's overloads: `(topic)`, `(topic, consumed)`,
   * `(topic, materialized)`, `(topic, consumed, materialized)`.
   */
  globalTable<K, V>(topic: string, consumed?: Consumed<K, V>, materialized?: Materialized<K, V>): GlobalKTable<K, V>;
  globalTable<K, V>(topic: string, materialized: Materialized<K, V>): GlobalKTable<K, V>;
  globalTable<K, V>(topic: string, consumedOrMaterialized?: Consumed<K, V> | Materialized<K, V>, materialized?: Materialized<K, V>): GlobalKTable<K, V> {
    if (consumedOrMaterialized instanceof Materialized) return globalTableFromTopic(this.internalStreamsBuilder, topic, undefined, consumedOrMaterialized);
    if (consumedOrMaterialized === null) throw new TopologyError("consumed can't be null");
    if (materialized === null) throw new TopologyError("materialized can't be null");
    return globalTableFromTopic(this.internalStreamsBuilder, topic, consumedOrMaterialized, materialized);
  }

  /**
   * Adds a store that processors connect to by name (KStream#process(supplier, ...storeNames)).
   * Its changelog is `<application.id>-<store>-changelog` unless logging is disabled on the builder.
   */
  addStateStore(storeBuilder: StoreBuilder): this {
    requireNonNull(storeBuilder, "builder can't be null");
    const builder = this.internalStreamsBuilder;
    builder.addGraphNode(builder.root, new StateStoreNode(storeBuilder));
    return this;
  }

  /**
   * Adds a global store: every instance reads all partitions of `topic` through the update
   * processor into the store (logging disabled: the topic is the changelog), and any processor can
   * read it. The source is `<consumed name>-source` or KSTREAM-SOURCE-<index>, the processor the
   * consumed name or KTABLE-SOURCE-<index>.
   */
  addGlobalStore<KIn, VIn>(
    storeBuilder: StoreBuilder,
    topic: string,
    consumed: Consumed<KIn, VIn>,
    stateUpdateSupplier: ProcessorSupplier<KIn, VIn, never, never>,
  ): this {
    requireNonNull(storeBuilder, "storeBuilder can't be null");
    requireNonNull(consumed, "consumed can't be null");
    const builder = this.internalStreamsBuilder;
    storeBuilder.withLoggingDisabled();
    const named = new NamedInternal(consumed.processorName);
    const sourceName = named.suffixWithOrElseGet(TABLE_SOURCE_SUFFIX, builder, SOURCE_NAME);
    const processorName = named.orElseGenerateWithPrefix(builder, TABLE_SOURCE_NAME);
    const node = new GlobalStoreNode<KIn, VIn>(storeBuilder, sourceName, topic, consumed, processorName, stateUpdateSupplier, true);
    builder.addGraphNode(builder.root, node);
    return this;
  }

  /**
   * Compiles the graph into the topology; fails with a TopologyError on a mistake (names used twice,
   * ...). `config` is Java's `build(props)`: its `topology.optimization` says which optimizations
   * to apply (none by default).
   */
  build(config?: Readonly<{ [key: string]: unknown }>): Topology {
    mergeDuplicateSourceNodes(this.internalStreamsBuilder.root);
    this.internalStreamsBuilder.buildTopology(optimizationsOf(config));
    return this.topology;
  }
}
