// Java's KGroupedTable (KGroupedTableImpl): a KTable re-keyed by KTable#groupBy, ready to be
// aggregated. Every aggregation goes through a repartition topic carrying the selected updates as
// Changes; its processor subtracts an update's old value from its group and adds the new one.
// Names, in the order Java takes them: the store (`KTABLE-AGGREGATE-STATE-STORE-<index>` when
// unnamed), then the repartition sink and source, then the aggregation processor. The topic is
// `<Grouped name>-repartition`, else `<store name>-repartition`.
import { TopologyError } from '../../errors';
import type { Aggregator, Initializer } from '../processor/stream-aggregate';
import type { Reducer } from '../processor/stream-reduce';
import { TableAggregateSupplier } from '../processor/table-aggregate';
import type { TableProcessorSupplier } from '../processor/table-processor-supplier';
import { TableReduceSupplier } from '../processor/table-reduce';
import type { Serde } from '../serde/serde';
import { Serdes } from '../serde/serdes';
import { AbstractStream } from './abstract-stream';
import type { GraphNode } from './graph/graph-node';
import { GroupedTableRepartitionNode } from './graph/grouped-table-repartition-node';
import { ProcessorParameters } from './graph/processor-parameters';
import { StatefulProcessorNode } from './graph/stateful-processor-node';
import type { InternalStreamsBuilder } from './internal-streams-builder';
import { KeyValueStoreMaterializer } from './key-value-store-materializer';
import { REPARTITION_TOPIC_SUFFIX, SINK_NAME, SOURCE_NAME } from './kstream-names';
import { KTable } from './ktable';
import { Materialized, MaterializedInternal } from './materialized';
import { Named, NamedInternal } from './named';
import { requireFunction, requireNonNull } from './require-non-null';

const AGGREGATE_NAME = 'KTABLE-AGGREGATE-';
const REDUCE_NAME = 'KTABLE-REDUCE-';

export class KGroupedTable<K, V> extends AbstractStream<K, V> {
  private readonly userProvidedRepartitionTopicName: string | null;
  private repartitionGraphNode: GroupedTableRepartitionNode<K, V> | null = null;

  /** @internal Made by KTable#groupBy. */
  constructor(
    builder: InternalStreamsBuilder,
    name: string,
    subTopologySourceNodes: ReadonlySet<string>,
    grouped: { readonly name: string | null; readonly keySerde: Serde<K> | null; readonly valueSerde: Serde<V> | null },
    graphNode: GraphNode,
  ) {
    super(builder, name, grouped.keySerde, grouped.valueSerde, subTopologySourceNodes, graphNode);
    this.userProvidedRepartitionTopicName = grouped.name;
  }

  /**
   * Counts the entries of each group: `count()`, `count(named)`, `count(materialized)` or
   * `count(named, materialized)`. The count's serde defaults to Serdes.Long().
   */
  count(named?: Named | null, materialized?: Materialized<K, number> | null): KTable<K, number>;
  count(materialized: Materialized<K, number>): KTable<K, number>;
  count(namedOrMaterialized?: Named | Materialized<K, number> | null, materialized?: Materialized<K, number> | null): KTable<K, number> {
    const [named, m] = split(namedOrMaterialized, materialized, () => Materialized.with<K, number>(this.keySerde, Serdes.Long()));
    const internal = new MaterializedInternal(m, this.builder, AGGREGATE_NAME);
    if (internal.keySerde === null) internal.withKeySerde(this.keySerde);
    if (internal.valueSerde === null) internal.withValueSerde(Serdes.Long());
    const supplier = new TableAggregateSupplier<K, V, number>(
      storeNameOf(internal),
      () => 0,
      (_key, _value, aggregate) => aggregate + 1,
      (_key, _value, aggregate) => aggregate - 1,
    );
    return this.doAggregate(supplier, new NamedInternal(named), AGGREGATE_NAME, internal);
  }

  /**
   * Combines each group's values: `adder(aggregate, value)` for a value entering the group,
   * `subtractor(aggregate, value)` for one leaving it. A group's first value is its aggregate.
   */
  reduce(adder: Reducer<V>, subtractor: Reducer<V>, named?: Named | null, materialized?: Materialized<K, V> | null): KTable<K, V>;
  reduce(adder: Reducer<V>, subtractor: Reducer<V>, materialized: Materialized<K, V>): KTable<K, V>;
  reduce(adder: Reducer<V>, subtractor: Reducer<V>, namedOrMaterialized?: Named | Materialized<K, V> | null, materialized?: Materialized<K, V> | null): KTable<K, V> {
    requireFunction(adder, 'adder');
    requireFunction(subtractor, 'subtractor');
    const [named, m] = split(namedOrMaterialized, materialized, () => Materialized.with<K, V>(this.keySerde, this.valueSerde));
    const internal = new MaterializedInternal(m, this.builder, AGGREGATE_NAME);
    if (internal.keySerde === null) internal.withKeySerde(this.keySerde);
    if (internal.valueSerde === null) internal.withValueSerde(this.valueSerde);
    const supplier = new TableReduceSupplier<K, V>(storeNameOf(internal), adder, subtractor);
    return this.doAggregate(supplier, new NamedInternal(named), REDUCE_NAME, internal);
  }

  /**
   * Folds each group's values into an aggregate that starts as `initializer()`: `adder(key, value,
   * aggregate)` for a value entering the group, `subtractor(key, value, aggregate)` for one leaving it.
   * Without a value serde in `materialized`, the aggregate uses `default.value.serde`.
   */
  aggregate<VA>(
    initializer: Initializer<VA>,
    adder: Aggregator<K, V, VA>,
    subtractor: Aggregator<K, V, VA>,
    named?: Named | null,
    materialized?: Materialized<K, VA> | null,
  ): KTable<K, VA>;
  aggregate<VA>(initializer: Initializer<VA>, adder: Aggregator<K, V, VA>, subtractor: Aggregator<K, V, VA>, materialized: Materialized<K, VA>): KTable<K, VA>;
  aggregate<VA>(
    initializer: Initializer<VA>,
    adder: Aggregator<K, V, VA>,
    subtractor: Aggregator<K, V, VA>,
    namedOrMaterialized?: Named | Materialized<K, VA> | null,
    materialized?: Materialized<K, VA> | null,
  ): KTable<K, VA> {
    requireFunction(initializer, 'initializer');
    requireFunction(adder, 'adder');
    requireFunction(subtractor, 'subtractor');
    const [named, m] = split(namedOrMaterialized, materialized, () => Materialized.with<K, VA>(this.keySerde, null));
    const internal = new MaterializedInternal(m, this.builder, AGGREGATE_NAME);
    if (internal.keySerde === null) internal.withKeySerde(this.keySerde);
    const supplier = new TableAggregateSupplier<K, V, VA>(storeNameOf(internal), initializer, adder, subtractor);
    return this.doAggregate(supplier, new NamedInternal(named), AGGREGATE_NAME, internal);
  }

  private doAggregate<VA>(
    supplier: TableProcessorSupplier<K, V, K, VA>,
    named: NamedInternal,
    functionName: string,
    materialized: MaterializedInternal<K, VA>,
  ): KTable<K, VA> {
    const sinkName = named.suffixWithOrElseGet('-sink', this.builder, SINK_NAME);
    const sourceName = named.suffixWithOrElseGet('-source', this.builder, SOURCE_NAME);
    const funcName = named.orElseGenerateWithPrefix(this.builder, functionName);
    const repartitionTopic = (this.userProvidedRepartitionTopicName ?? storeNameOf(materialized)) + REPARTITION_TOPIC_SUFFIX;

    // A second aggregation of the same grouping shares the repartition topic only when the user named it.
    if (this.repartitionGraphNode === null || this.userProvidedRepartitionTopicName === null) {
      this.repartitionGraphNode = new GroupedTableRepartitionNode<K, V>({
        sinkName,
        sourceName,
        repartitionTopic,
        keySerde: this.keySerde,
        valueSerde: this.valueSerde,
      });
    }
    this.builder.addGraphNode(this.graphNode, this.repartitionGraphNode);

    const node = new StatefulProcessorNode(funcName, ProcessorParameters.of(supplier, funcName), new KeyValueStoreMaterializer(materialized));
    this.builder.addGraphNode(this.repartitionGraphNode, node);
    return new KTable<K, VA>(
      this.builder,
      funcName,
      materialized.keySerde,
      materialized.valueSerde,
      // Java names the freshly generated source here even when an earlier node is reused.
      new Set([sourceName]),
      materialized.queryableStoreName(),
      supplier as unknown as TableProcessorSupplier<unknown, unknown, K, VA>,
      node,
    );
  }
}

/** The Named and the Materialized of Java's overloads; a missing Materialized is `defaults()`. */
function split<M>(namedOrMaterialized: Named | M | null | undefined, materialized: M | null | undefined, defaults: () => M): [Named | null, M] {
  if (namedOrMaterialized instanceof Materialized) return [null, namedOrMaterialized as M];
  if (materialized === null) requireNonNull(materialized, "materialized can't be null");
  const named = (namedOrMaterialized as Named | null | undefined) ?? null;
  if (named !== null && !(named instanceof Named)) throw new TopologyError('expected a Named or a Materialized');
  return [named, materialized ?? defaults()];
}

function storeNameOf<K, V>(materialized: MaterializedInternal<K, V>): string {
  // made with a name provider: always named
  return materialized.storeName() as string;
}
