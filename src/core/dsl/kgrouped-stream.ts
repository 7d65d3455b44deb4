// Java's KGroupedStream (KGroupedStreamImpl with GroupedStreamAggregateBuilder): a KStream grouped
// by key, ready to be aggregated into a KTable. When the key may have changed upstream
// (groupBy, or groupByKey after selectKey/map ...), each aggregation reads through a repartition
// topic: `<Grouped name>-repartition`, else `<store name>-repartition`.
// Names, in the order Java takes them: the store (`KSTREAM-AGGREGATE-STATE-STORE-<index>` or
// `KSTREAM-REDUCE-STATE-STORE-<index>` when unnamed), the aggregation processor, then the repartition
// sink, filter and source. count(materialized) burns one more index first, for compatibility.
import { TopologyError } from '../../errors';
import { StreamAggregateSupplier, type Aggregator, type Initializer } from '../processor/stream-aggregate';
import { StreamReduceSupplier, type Reducer } from '../processor/stream-reduce';
import type { StreamAggregateProcessorSupplier } from '../processor/table-processor-supplier';
import type { Serde } from '../serde/serde';
import { Serdes } from '../serde/serdes';
import { AbstractStream } from './abstract-stream';
import type { GraphNode } from './graph/graph-node';
import { ProcessorParameters } from './graph/processor-parameters';
import { optimizableRepartitionNodeBuilder, type OptimizableRepartitionNode } from './graph/repartition-node';
import { StatefulProcessorNode } from './graph/stateful-processor-node';
import type { InternalStreamsBuilder } from './internal-streams-builder';
import { KeyValueStoreMaterializer } from './key-value-store-materializer';
import { KTable } from './ktable';
import { Materialized, MaterializedInternal } from './materialized';
import { Named, NamedInternal } from './named';
import { createRepartitionedSource } from './repartition';
import { requireFunction, requireNonNull } from './require-non-null';

const REDUCE_NAME = 'KSTREAM-REDUCE-';
const AGGREGATE_NAME = 'KSTREAM-AGGREGATE-';

/** Java's GroupedInternal: what a grouping carries into its aggregations. */
export interface GroupedView<K, V> {
  readonly name: string | null;
  readonly keySerde: Serde<K> | null;
  readonly valueSerde: Serde<V> | null;
}

export class KGroupedStream<K, V> extends AbstractStream<K, V> {
  private readonly userProvidedRepartitionTopicName: string | null;
  private repartitionNode: OptimizableRepartitionNode<K, V> | null = null;

  /** @internal Made by KStream#groupBy and #groupByKey. */
  constructor(
    builder: InternalStreamsBuilder,
    name: string,
    subTopologySourceNodes: ReadonlySet<string>,
    grouped: GroupedView<K, V>,
    /** @internal */ readonly repartitionRequired: boolean,
    graphNode: GraphNode,
  ) {
    super(builder, name, grouped.keySerde, grouped.valueSerde, subTopologySourceNodes, graphNode);
    this.userProvidedRepartitionTopicName = grouped.name;
  }

  /**
   * Counts the records of each key (records with a null key or value are dropped):
   * `count()`, `count(named)`, `count(materialized)` or `count(named, materialized)`.
   */
  count(named?: Named | null, materialized?: Materialized<K, number> | null): KTable<K, number>;
  count(materialized: Materialized<K, number>): KTable<K, number>;
  count(namedOrMaterialized?: Named | Materialized<K, number> | null, materialized?: Materialized<K, number> | null): KTable<K, number> {
    const [named, given] = split(namedOrMaterialized, materialized);
    if (given !== null) {
      // Java used to burn a name here and keeps doing so for compatibility (KGroupedStreamImpl#count).
      if (new MaterializedInternal(given).storeName() === null) this.builder.newStoreName(AGGREGATE_NAME);
    }
    const internal = new MaterializedInternal(given ?? Materialized.with<K, number>(this.keySerde, Serdes.Long()), this.builder, AGGREGATE_NAME);
    if (internal.keySerde === null) internal.withKeySerde(this.keySerde);
    if (internal.valueSerde === null) internal.withValueSerde(Serdes.Long());
    const name = new NamedInternal(named).orElseGenerateWithPrefix(this.builder, AGGREGATE_NAME);
    const supplier = new StreamAggregateSupplier<K, V, number>(
      storeNameOf(internal),
      () => 0,
      (_key, _value, aggregate) => aggregate + 1,
    );
    return this.doAggregate(supplier, name, internal);
  }

  /**
   * Combines the values of each key: the first value is the aggregate, then
   * `reducer(aggregate, value)` for each later one. Records with a null key or value are dropped.
   */
  reduce(reducer: Reducer<V>, named?: Named | null, materialized?: Materialized<K, V> | null): KTable<K, V>;
  reduce(reducer: Reducer<V>, materialized: Materialized<K, V>): KTable<K, V>;
  reduce(reducer: Reducer<V>, namedOrMaterialized?: Named | Materialized<K, V> | null, materialized?: Materialized<K, V> | null): KTable<K, V> {
    requireFunction(reducer, 'reducer');
    const [named, given] = split(namedOrMaterialized, materialized);
    const internal = new MaterializedInternal(given ?? Materialized.with<K, V>(this.keySerde, this.valueSerde), this.builder, REDUCE_NAME);
    if (internal.keySerde === null) internal.withKeySerde(this.keySerde);
    if (internal.valueSerde === null) internal.withValueSerde(this.valueSerde);
    const name = new NamedInternal(named).orElseGenerateWithPrefix(this.builder, REDUCE_NAME);
    return this.doAggregate(new StreamReduceSupplier<K, V>(storeNameOf(internal), reducer), name, internal);
  }

  /**
   * Folds the values of each key into an aggregate that starts as `initializer()`:
   * `aggregator(key, value, aggregate)`. Records with a null key or value are dropped. Without a
   * value serde in `materialized`, the aggregate uses `default.value.serde`.
   */
  aggregate<VA>(initializer: Initializer<VA>, aggregator: Aggregator<K, V, VA>, named?: Named | null, materialized?: Materialized<K, VA> | null): KTable<K, VA>;
  aggregate<VA>(initializer: Initializer<VA>, aggregator: Aggregator<K, V, VA>, materialized: Materialized<K, VA>): KTable<K, VA>;
  aggregate<VA>(
    initializer: Initializer<VA>,
    aggregator: Aggregator<K, V, VA>,
    namedOrMaterialized?: Named | Materialized<K, VA> | null,
    materialized?: Materialized<K, VA> | null,
  ): KTable<K, VA> {
    requireFunction(initializer, 'initializer');
    requireFunction(aggregator, 'aggregator');
    const [named, given] = split(namedOrMaterialized, materialized);
    const internal = new MaterializedInternal(given ?? Materialized.with<K, VA>(this.keySerde, null), this.builder, AGGREGATE_NAME);
    if (internal.keySerde === null) internal.withKeySerde(this.keySerde);
    const name = new NamedInternal(named).orElseGenerateWithPrefix(this.builder, AGGREGATE_NAME);
    return this.doAggregate(new StreamAggregateSupplier<K, V, VA>(storeNameOf(internal), initializer, aggregator), name, internal);
  }

  /** Java's GroupedStreamAggregateBuilder#build. */
  private doAggregate<VA>(supplier: StreamAggregateProcessorSupplier<K, V, K, VA>, functionName: string, materialized: MaterializedInternal<K, VA>): KTable<K, VA> {
    let sourceName = this.nodeName;
    let parent: GraphNode = this.graphNode;
    if (this.repartitionRequired) {
      const repartitionBuilder = optimizableRepartitionNodeBuilder<K, V>();
      const prefix = this.userProvidedRepartitionTopicName ?? storeNameOf(materialized);
      // names are generated (and the counter advanced) on every call, even when the node is reused
      sourceName = createRepartitionedSource(this.builder, this.keySerde, this.valueSerde, prefix, null, repartitionBuilder);
      // a second aggregation of this grouping shares the repartition topic only when the user named it
      if (this.repartitionNode === null || this.userProvidedRepartitionTopicName === null) this.repartitionNode = repartitionBuilder.build();
      this.builder.addGraphNode(parent, this.repartitionNode);
      parent = this.repartitionNode;
    }
    const node = new StatefulProcessorNode(functionName, ProcessorParameters.of(supplier, functionName), new KeyValueStoreMaterializer(materialized));
    this.builder.addGraphNode(parent, node);
    return new KTable<K, VA>(
      this.builder,
      functionName,
      materialized.keySerde,
      materialized.valueSerde,
      sourceName === this.nodeName ? this.subTopologySourceNodes : new Set([sourceName]),
      materialized.queryableStoreName(),
      supplier as unknown as StreamAggregateProcessorSupplier<unknown, unknown, K, VA>,
      node,
    );
  }
}

/** The Named and the Materialized (or null) of Java's overloads. */
function split<M>(namedOrMaterialized: Named | M | null | undefined, materialized: M | null | undefined): [Named | null, M | null] {
  if (namedOrMaterialized instanceof Materialized) return [null, namedOrMaterialized as M];
  if (materialized === null) requireNonNull(materialized, "materialized can't be null");
  const named = (namedOrMaterialized as Named | null | undefined) ?? null;
  if (named !== null && !(named instanceof Named)) throw new TopologyError('expected a Named or a Materialized');
  return [named, materialized ?? null];
}

function storeNameOf<K, V>(materialized: MaterializedInternal<K, V>): string {
  // made with a name provider: always named
  return materialized.storeName() as string;
}
