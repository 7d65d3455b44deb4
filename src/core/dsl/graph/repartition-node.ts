// Java's BaseRepartitionNode and its two kinds: a repartition topic with the three nodes around it —
// a filter, the sink writing to the topic (in the upstream sub-topology) and the source reading it
// (starting a new one). Optimizable nodes are the ones the DSL inserts by itself (before a grouping
// or join after a key change); Unoptimizable ones are the user's KStream#repartition(), which an
// optimizer must leave in place. Without optimizations both write the same way.
import { TopologyError } from '../../../errors';
import { FailOnInvalidTimestamp } from '../../time/timestamp-extractors';
import type { Serde } from '../../serde/serde';
import { KStreamFilter } from '../../processor/stream-filter';
import { KStreamNullKeyFilter } from '../../processor/stream-null-key-filter';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import type { StreamPartitioner } from '../../topology/topology-model';
import { GraphNode } from './graph-node';
import { ProcessorParameters } from './processor-parameters';

/** Java's InternalTopicProperties: a fixed partition count, or null for "as many as the upstream topics". */
export interface InternalTopicProperties {
  readonly numberOfPartitions: number | null;
}

/**
 * Java's GraphNode.Label.NULL_KEY_RELAXED_JOIN: joins that accept records without a key (left and
 * outer stream-stream joins, KIP-962). A repartition topic feeding one keeps its null-key records.
 */
const nullKeyRelaxedJoins = new WeakSet<GraphNode>();

export function markNullKeyRelaxedJoin(node: GraphNode): void {
  nullKeyRelaxedJoins.add(node);
}

/** What a repartition node is made of; createRepartitionedSource fills it in. */
export interface RepartitionNodeParts<K, V> {
  /** The graph node's name: Java reuses the source's name. */
  readonly nodeName: string;
  readonly sourceName: string;
  /** The filter's name; the filter itself is chosen when the graph is written (see writeToTopology). */
  readonly filterName: string;
  readonly sinkName: string;
  readonly repartitionTopic: string;
  /** Null: `default.key.serde`. */
  readonly keySerde: Serde<K> | null;
  /** Null: `default.value.serde`. */
  readonly valueSerde: Serde<V> | null;
  readonly partitioner: StreamPartitioner<K, V> | null;
  readonly internalTopicProperties: InternalTopicProperties;
}

export abstract class BaseRepartitionNode<K, V> extends GraphNode {
  readonly sourceName: string;
  readonly filterName: string;
  readonly sinkName: string;
  readonly repartitionTopic: string;
  readonly keySerde: Serde<K> | null;
  readonly valueSerde: Serde<V> | null;
  readonly partitioner: StreamPartitioner<K, V> | null;
  readonly internalTopicProperties: InternalTopicProperties;

  constructor(parts: RepartitionNodeParts<K, V>) {
    super(parts.nodeName);
    this.sourceName = parts.sourceName;
    this.filterName = parts.filterName;
    this.sinkName = parts.sinkName;
    this.repartitionTopic = parts.repartitionTopic;
    this.keySerde = parts.keySerde;
    this.valueSerde = parts.valueSerde;
    this.partitioner = parts.partitioner;
    this.internalTopicProperties = parts.internalTopicProperties;
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    builder.addInternalTopic(this.repartitionTopic, { kind: 'repartition', partitions: this.internalTopicProperties.numberOfPartitions });
    this.filterParameters().addProcessorTo(builder, this.parentNodeNames());
    builder.addSink({
      name: this.sinkName,
      topic: this.repartitionTopic,
      keySerializer: this.keySerde === null ? null : this.keySerde.serializer(),
      valueSerializer: this.valueSerde === null ? null : this.valueSerde.serializer(),
      partitioner: this.partitioner as StreamPartitioner | null,
      parentNames: [this.filterName],
    });
    builder.addSource({
      name: this.sourceName,
      topics: [this.repartitionTopic],
      // records in a repartition topic carry the timestamps the upstream sub-topology gave them
      timestampExtractor: new FailOnInvalidTimestamp(),
      keyDeserializer: this.keySerde === null ? null : this.keySerde.deserializer(),
      valueDeserializer: this.valueSerde === null ? null : this.valueSerde.deserializer(),
    });
  }

  /**
   * Java's rewriteRepartitionNodes (run on every build, optimizations or not): the filter drops
   * null-key records, unless a join that accepts them is downstream, where it lets everything through.
   */
  private filterParameters(): ProcessorParameters {
    return hasNullKeyRelaxedJoinBelow(this, new Set())
      ? ProcessorParameters.ofFactory(() => new KStreamFilter<K, V>(() => true, false), this.filterName)
      : ProcessorParameters.ofFactory(() => new KStreamNullKeyFilter<K, V>(), this.filterName);
  }
}

function hasNullKeyRelaxedJoinBelow(node: GraphNode, visited: Set<GraphNode>): boolean {
  for (const child of node.children) {
    if (nullKeyRelaxedJoins.has(child)) return true;
    if (visited.has(child)) continue;
    visited.add(child);
    if (hasNullKeyRelaxedJoinBelow(child, visited)) return true;
  }
  return false;
}

export class OptimizableRepartitionNode<K, V> extends BaseRepartitionNode<K, V> {}

export class UnoptimizableRepartitionNode<K, V> extends BaseRepartitionNode<K, V> {}

/** Java's BaseRepartitionNodeBuilder: filled in by createRepartitionedSource, built by the caller (or not). */
export class RepartitionNodeBuilder<K, V, N extends BaseRepartitionNode<K, V>> {
  private parts: Partial<{ -readonly [P in keyof RepartitionNodeParts<K, V>]: RepartitionNodeParts<K, V>[P] }> = {};

  constructor(private readonly create: (parts: RepartitionNodeParts<K, V>) => N) {}

  withNodeName(nodeName: string): this {
    this.parts.nodeName = nodeName;
    return this;
  }
  withSourceName(sourceName: string): this {
    this.parts.sourceName = sourceName;
    return this;
  }
  /** The name of the filter in front of the sink (Java passes it inside the filter's ProcessorParameters). */
  withFilterName(filterName: string): this {
    this.parts.filterName = filterName;
    return this;
  }
  withSinkName(sinkName: string): this {
    this.parts.sinkName = sinkName;
    return this;
  }
  withRepartitionTopic(repartitionTopic: string): this {
    this.parts.repartitionTopic = repartitionTopic;
    return this;
  }
  withKeySerde(keySerde: Serde<K> | null): this {
    this.parts.keySerde = keySerde;
    return this;
  }
  withValueSerde(valueSerde: Serde<V> | null): this {
    this.parts.valueSerde = valueSerde;
    return this;
  }
  withStreamPartitioner(partitioner: StreamPartitioner<K, V> | null): this {
    this.parts.partitioner = partitioner;
    return this;
  }
  withInternalTopicProperties(properties: InternalTopicProperties): this {
    this.parts.internalTopicProperties = properties;
    return this;
  }

  build(): N {
    const { nodeName, sourceName, filterName, sinkName, repartitionTopic } = this.parts;
    if (nodeName === undefined || sourceName === undefined || filterName === undefined || sinkName === undefined || repartitionTopic === undefined) {
      throw new TopologyError('A repartition node was built before createRepartitionedSource named its parts.');
    }
    return this.create({
      nodeName,
      sourceName,
      filterName,
      sinkName,
      repartitionTopic,
      keySerde: this.parts.keySerde ?? null,
      valueSerde: this.parts.valueSerde ?? null,
      partitioner: this.parts.partitioner ?? null,
      internalTopicProperties: this.parts.internalTopicProperties ?? { numberOfPartitions: null },
    });
  }
}

export function optimizableRepartitionNodeBuilder<K, V>(): RepartitionNodeBuilder<K, V, OptimizableRepartitionNode<K, V>> {
  return new RepartitionNodeBuilder((parts: RepartitionNodeParts<K, V>) => new OptimizableRepartitionNode(parts));
}

export function unoptimizableRepartitionNodeBuilder<K, V>(): RepartitionNodeBuilder<K, V, UnoptimizableRepartitionNode<K, V>> {
  return new RepartitionNodeBuilder((parts: RepartitionNodeParts<K, V>) => new UnoptimizableRepartitionNode(parts));
}
