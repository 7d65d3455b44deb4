// What a built topology is made of, as plain definitions: the topology builder produces them,
// the task runtime (core/processor, the TopologyTestDriver, the worker threads) instantiates them.
// A definition holds factories, never live processors or stores: every task makes its own.
import type { Deserializer, Serializer } from '../serde/serde';
import type { Processor } from '../processor/processor';
import type { StoreBuilder } from '../state/store-builder';
import type { TimestampExtractor } from '../time/timestamp-extractor';
import type { TopologyDescription } from './topology-description';

/** Where a record goes: a fixed topic, or one chosen per record (Java's TopicNameExtractor). */
export type TopicNameExtractor<K = unknown, V = unknown> = (key: K, value: V, context: RecordContextView) => string;

/** Java's StreamPartitioner: the partition for a record, or undefined for the default (murmur2 of the serialized key). */
export type StreamPartitioner<K = unknown, V = unknown> = (topic: string, key: K, value: V, numPartitions: number) => number | undefined;

/** What a TopicNameExtractor can see of the record being written. */
export interface RecordContextView {
  readonly topic: string | undefined;
  readonly partition: number | undefined;
  readonly offset: number | undefined;
  readonly timestamp: number;
}

export type OffsetResetPolicy = 'earliest' | 'latest';

export interface SourceNodeDefinition {
  readonly kind: 'source';
  readonly name: string;
  /** Topic names as the user wrote them; internal (repartition) topics without the application id prefix. Empty for a pattern source. */
  readonly topics: readonly string[];
  /** Java's `Pattern` subscription: every topic whose whole name matches (`topicMatchesPattern` in topic-pattern.ts); null for a topic-list source. */
  readonly pattern: RegExp | null;
  readonly keyDeserializer: Deserializer<unknown> | null;
  readonly valueDeserializer: Deserializer<unknown> | null;
  readonly timestampExtractor: TimestampExtractor | null;
  readonly offsetReset: OffsetResetPolicy | null;
  readonly successors: readonly string[];
}

export interface ProcessorNodeDefinition {
  readonly kind: 'processor';
  readonly name: string;
  readonly createProcessor: () => Processor<unknown, unknown, unknown, unknown>;
  readonly predecessors: readonly string[];
  /** In the order they were connected: forward() visits children in this order, as Java does. */
  readonly successors: readonly string[];
  readonly stores: readonly string[];
}

export interface SinkNodeDefinition {
  readonly kind: 'sink';
  readonly name: string;
  /** A fixed topic (internal ones without prefix) or an extractor. */
  readonly topic: string | TopicNameExtractor;
  readonly keySerializer: Serializer<unknown> | null;
  readonly valueSerializer: Serializer<unknown> | null;
  readonly partitioner: StreamPartitioner | null;
  readonly predecessors: readonly string[];
}

export type NodeDefinition = SourceNodeDefinition | ProcessorNodeDefinition | SinkNodeDefinition;

export interface StoreDefinition {
  readonly name: string;
  readonly builder: StoreBuilder;
  /**
   * `<application.id>-<store>-changelog` without the prefix (`<store>-changelog`), or null when logging is off.
   * A store that reuses its source topic as changelog (Java's `connectSourceStoreAndTopic`: global stores,
   * read-only stores, KTable sources under the reuse optimization) has that source topic here instead.
   */
  readonly changelogTopic: string | null;
  /** True when `changelogTopic` is a source topic: restore from it, but never create it or write to it. */
  readonly changelogIsSourceTopic: boolean;
}

/** A connected part of the topology between Kafka topics: one task per input partition. */
export interface SubtopologyDefinition {
  readonly id: number;
  /** Every node of the sub-topology, sources first, in the order they were added. */
  readonly nodes: readonly NodeDefinition[];
  /** Unprefixed, in the order the sources were added. */
  readonly sourceTopics: readonly string[];
  /** The patterns of pattern sources; topics they match also belong to this sub-topology. */
  readonly sourcePatterns: readonly RegExp[];
  /** Fixed sink topics, unprefixed (a TopicNameExtractor's topics are only known at run time). */
  readonly sinkTopics: readonly string[];
  readonly stores: readonly StoreDefinition[];
}

/**
 * A global store (Java's addGlobalStore / GlobalKTable): its source reads every partition of `topic`
 * on every instance, outside any task. describe() shows it as a sub-topology "for global store".
 */
export interface GlobalStoreDefinition {
  /** The node-group id describe() prints; no task ever has it. */
  readonly id: number;
  readonly topic: string;
  readonly source: SourceNodeDefinition;
  readonly processor: ProcessorNodeDefinition;
  /** Logging is always off; `changelogTopic` is `topic`, `changelogIsSourceTopic` true. */
  readonly store: StoreDefinition;
  /**
   * Java's reprocessOnRestore: true (Topology.addGlobalStore) restores by running the records through
   * the processor; false (GlobalKTable) copies the topic's records into the store as they are.
   */
  readonly reprocessOnRestore: boolean;
}

export interface InternalTopicDefinition {
  /** Without the application id prefix. */
  readonly name: string;
  readonly kind: 'repartition' | 'changelog';
  /** Fixed partition count (Repartitioned.withNumberOfPartitions), or null: as many as the upstream sources. */
  readonly partitions: number | null;
  /**
   * Java's library defaults for the kind of topic, overridden by the topic's own config (a store's
   * logConfig, the DSL's repartition config). Global `topic.*` settings from StreamsConfig go between
   * the two in Java: the runtime applies them where the defaults are not overridden.
   */
  readonly config: Readonly<{ [key: string]: string }>;
  /** The store a changelog belongs to; null for a repartition topic. */
  readonly store: string | null;
}

/** What `InternalTopologyBuilder.build()` produces: everything a task runtime needs, as plain definitions. */
export interface BuiltTopology {
  /** By id; ids are Java's (see InternalTopologyBuilder), so task ids `<subtopology>_<partition>` match a Java build's. */
  readonly subtopologies: readonly SubtopologyDefinition[];
  readonly globalStores: readonly GlobalStoreDefinition[];
  /** Repartition topics read by a sub-topology, then changelogs of logged stores; unprefixed. */
  readonly internalTopics: readonly InternalTopicDefinition[];
  /** Topics that must have the same partition count (joins, KTable-KTable ops); unprefixed, each group sorted. */
  readonly copartitionGroups: readonly (readonly string[])[];
  /** Every fixed source topic (unprefixed, global topics excluded) → the sub-topology that reads it. */
  readonly sourceTopicToSubtopology: ReadonlyMap<string, number>;
  describe(): TopologyDescription;
  /** sha256 (hex) of `describe().toString()`: members whose fingerprints differ must not share tasks. */
  readonly fingerprint: string;
}
