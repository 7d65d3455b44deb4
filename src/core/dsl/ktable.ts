// Java's KTable (KTableImpl): a changelog stream read as a table — each record the latest value of
// its key, a null value a delete. Like KStream, every operation only adds a node to the DSL graph;
// the processors live in core/processor (table-source.ts, table-filter.ts ...). What is particular
// to tables is the plumbing between operators: a downstream operator may ask its parent to send old
// values along with new ones (so a filter can delete exactly what it had let through, an aggregate
// subtract what it had added) or for a value getter, and either may force an upstream table source
// to be materialized. That is settled while the DSL graph is built, and read when it is written.
import type { KeyValue } from '../key-value';
import type { ParentTable, StreamAggregateProcessorSupplier, TableProcessorSupplier } from '../processor/table-processor-supplier';
import { TableFilterSupplier } from '../processor/table-filter';
import { TableMapValuesSupplier } from '../processor/table-map-values';
import { TableRepartitionMapSupplier } from '../processor/table-repartition-map';
import { TableSourceSupplier } from '../processor/table-source';
import { tableToStreamProcessor } from '../processor/table-to-stream';
import type { TableValueGetterSupplier } from '../processor/table-value-getter';
import type { Serde } from '../serde/serde';
import { AbstractStream } from './abstract-stream';
import { Consumed } from './consumed';
import type { GraphNode } from './graph/graph-node';
import { ProcessorGraphNode } from './graph/processor-graph-node';
import { ProcessorParameters } from './graph/processor-parameters';
import { optimizableRepartitionNodeBuilder } from './graph/repartition-node';
import { StreamToTableNode } from './graph/stream-to-table-node';
import { TableProcessorNode } from './graph/table-processor-node';
import { TableSourceNode } from './graph/table-source-node';
import { Grouped } from './grouped';
import type { InternalStreamsBuilder } from './internal-streams-builder';
import { KeyValueStoreMaterializer } from './key-value-store-materializer';
import { KGroupedTable } from './kgrouped-table';
import { KStream } from './kstream';
import { Materialized, MaterializedInternal } from './materialized';
import { Named, NamedInternal } from './named';
import { SOURCE_NAME, TO_KTABLE_NAME } from './kstream-names';
import { createRepartitionedSource } from './repartition';
import { requireFunction, requireNonNull } from './require-non-null';

/** Java's KTableImpl name prefixes. */
const TABLE_SOURCE_NAME = 'KTABLE-SOURCE-';
const FILTER_NAME = 'KTABLE-FILTER-';
const MAPVALUES_NAME = 'KTABLE-MAPVALUES-';
const SELECT_NAME = 'KTABLE-SELECT-';
const TOSTREAM_NAME = 'KTABLE-TOSTREAM-';
/** Java's InternalStreamsBuilder.TABLE_SOURCE_SUFFIX: a named table's source is `<name>-source`. */
const TABLE_SOURCE_SUFFIX = '-source';

/** What a KTable stands on: a table source, a table operator, or a stream aggregation. */
export type KTableProcessorSupplier<K, V> =
  | TableSourceSupplier<K, V>
  | TableProcessorSupplier<unknown, unknown, K, V>
  | StreamAggregateProcessorSupplier<unknown, unknown, K, V>;

export class KTable<K, V> extends AbstractStream<K, V> implements ParentTable<K, V> {
  private sendOldValues = false;

  /** @internal Tables are made by the DSL (StreamsBuilder#table, KStream#toTable, aggregations), not by users. */
  constructor(
    builder: InternalStreamsBuilder,
    name: string,
    keySerde: Serde<K> | null,
    valueSerde: Serde<V> | null,
    subTopologySourceNodes: ReadonlySet<string>,
    private readonly queryableName: string | null,
    /** @internal */ readonly processorSupplier: KTableProcessorSupplier<K, V>,
    graphNode: GraphNode,
  ) {
    super(builder, name, keySerde, valueSerde, subTopologySourceNodes, graphNode);
  }

  /** The name of the store interactive queries can read this table from, or null when it has none. */
  queryableStoreName(): string | null {
    return this.queryableName;
  }

  /**
   * Keeps the entries for which `predicate` holds. An update that fails it becomes a delete of its
   * key downstream. `filter(predicate, named?, materialized?)`, or `filter(predicate, materialized)`.
   */
  filter(predicate: (key: K, value: V) => boolean, named?: Named | null, materialized?: Materialized<K, V> | null): KTable<K, V>;
  filter(predicate: (key: K, value: V) => boolean, materialized: Materialized<K, V>): KTable<K, V>;
  filter(predicate: (key: K, value: V) => boolean, namedOrMaterialized?: Named | Materialized<K, V> | null, materialized?: Materialized<K, V> | null): KTable<K, V> {
    requireFunction(predicate, 'predicate');
    const [named, m] = namedAndMaterialized(namedOrMaterialized, materialized);
    return this.doFilter(predicate, named, m, false);
  }

  /** Keeps the entries for which `predicate` does not hold; see filter. */
  filterNot(predicate: (key: K, value: V) => boolean, named?: Named | null, materialized?: Materialized<K, V> | null): KTable<K, V>;
  filterNot(predicate: (key: K, value: V) => boolean, materialized: Materialized<K, V>): KTable<K, V>;
  filterNot(predicate: (key: K, value: V) => boolean, namedOrMaterialized?: Named | Materialized<K, V> | null, materialized?: Materialized<K, V> | null): KTable<K, V> {
    requireFunction(predicate, 'predicate');
    const [named, m] = namedAndMaterialized(namedOrMaterialized, materialized);
    return this.doFilter(predicate, named, m, true);
  }

  /**
   * Maps every value (the key is passed second and must not be changed). A delete stays a delete;
   * the mapper never sees null. The result has no value serde unless `materialized` gives one.
   */
  mapValues<VR>(mapper: (value: V, key: K) => VR, named?: Named | null, materialized?: Materialized<K, VR> | null): KTable<K, VR>;
  mapValues<VR>(mapper: (value: V, key: K) => VR, materialized: Materialized<K, VR>): KTable<K, VR>;
  mapValues<VR>(mapper: (value: V, key: K) => VR, namedOrMaterialized?: Named | Materialized<K, VR> | null, materialized?: Materialized<K, VR> | null): KTable<K, VR> {
    requireFunction(mapper, 'mapper');
    const [named, m] = namedAndMaterialized(namedOrMaterialized, materialized);
    return this.doMapValues(mapper, named, m);
  }

  /**
   * The table's changelog as a stream: every update a record, a delete a record with a null value.
   * With a key mapper: `toStream().selectKey(mapper)`.
   */
  toStream(named?: Named | null): KStream<K, V>;
  toStream<KR>(mapper: (key: K, value: V) => KR, named?: Named | null): KStream<KR, V>;
  toStream<KR>(mapperOrNamed?: ((key: K, value: V) => KR) | Named | null, named?: Named | null): KStream<K, V> | KStream<KR, V> {
    if (typeof mapperOrNamed === 'function') return this.toStream(named).selectKey(mapperOrNamed);
    const givenName = mapperOrNamed === undefined ? NamedInternal.empty() : requireNonNull(mapperOrNamed, "named can't be null");
    const name = new NamedInternal(givenName).orElseGenerateWithPrefix(this.builder, TOSTREAM_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => tableToStreamProcessor<K, V>(), name));
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<K, V>(this.builder, name, this.keySerde, this.valueSerde, this.subTopologySourceNodes, false, node);
  }

  /**
   * Re-keys the table for an aggregation: `selector` maps each entry to the (key, value) it
   * contributes; when an entry's key changes, its old contribution is removed from the old group.
   * Always repartitions, through `<store name>-repartition` or `<Grouped name>-repartition`.
   */
  groupBy<KR, VR>(selector: (key: K, value: V) => KeyValue<KR, VR>, grouped: Grouped<KR, VR> = Grouped.with<KR, VR>(null, null)): KGroupedTable<KR, VR> {
    requireFunction(selector, 'selector');
    requireNonNull(grouped, "grouped can't be null");
    const selectName = new NamedInternal(grouped.name).orElseGenerateWithPrefix(this.builder, SELECT_NAME);
    const supplier = new TableRepartitionMapSupplier<K, V, KR, VR>(this, selector);
    const node = new ProcessorGraphNode(selectName, ProcessorParameters.of(supplier, selectName));
    this.builder.addGraphNode(this.graphNode, node);
    // the aggregation subtracts old values: the table must send them
    this.enableSendingOldValues(true);
    return new KGroupedTable<KR, VR>(this.builder, selectName, this.subTopologySourceNodes, grouped, node);
  }

  /** @internal How operators downstream read this table's values (Java's valueGetterSupplier). */
  valueGetterSupplier(): TableValueGetterSupplier<K, V> {
    return this.processorSupplier.view();
  }

  /**
   * @internal Makes this table send old values. Without `forceMaterialization` this succeeds only
   * when something upstream is materialized already; returns whether old values are now sent.
   */
  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (this.sendOldValues) return true;
    const supplier = this.processorSupplier;
    switch (supplier.kind) {
      case 'source':
        if (!forceMaterialization && !supplier.materialized()) return false;
        supplier.enableSendingOldValues();
        break;
      case 'stream-aggregate':
        supplier.enableSendingOldValues();
        break;
      case 'table':
        if (!supplier.enableSendingOldValues(forceMaterialization)) return false;
        break;
    }
    this.sendOldValues = true;
    return true;
  }

  /** @internal */
  sendingOldValueEnabled(): boolean {
    return this.sendOldValues;
  }

  private doFilter(predicate: (key: K, value: V) => boolean, named: Named | null, materialized: Materialized<K, V> | null, filterNot: boolean): KTable<K, V> {
    let keySerde = this.keySerde;
    let valueSerde = this.valueSerde;
    let queryableStoreName: string | null = null;
    let storeBuilder: KeyValueStoreMaterializer<K, V> | null = null;
    if (materialized !== null) {
      const internal = new MaterializedInternal(materialized);
      // An unnamed store is not materialized, but Java still burns its index, before the processor's.
      if (internal.storeName() === null) this.builder.newStoreName(FILTER_NAME);
      keySerde = internal.keySerde ?? this.keySerde;
      valueSerde = internal.valueSerde ?? this.valueSerde;
      queryableStoreName = internal.queryableStoreName();
      storeBuilder = queryableStoreName !== null ? new KeyValueStoreMaterializer(internal) : null;
    }
    const name = new NamedInternal(named).orElseGenerateWithPrefix(this.builder, FILTER_NAME);
    const supplier = new TableFilterSupplier<K, V>(this, predicate, filterNot, queryableStoreName);
    const node = new TableProcessorNode(name, ProcessorParameters.of(supplier, name), storeBuilder);
    this.builder.addGraphNode(this.graphNode, node);
    return new KTable<K, V>(this.builder, name, keySerde, valueSerde, this.subTopologySourceNodes, queryableStoreName, erase(supplier), node);
  }

  private doMapValues<VR>(mapper: (value: V, key: K) => VR, named: Named | null, materialized: Materialized<K, VR> | null): KTable<K, VR> {
    let keySerde = this.keySerde;
    let valueSerde: Serde<VR> | null = null;
    let queryableStoreName: string | null = null;
    let storeBuilder: KeyValueStoreMaterializer<K, VR> | null = null;
    if (materialized !== null) {
      const internal = new MaterializedInternal(materialized);
      if (internal.storeName() === null) this.builder.newStoreName(MAPVALUES_NAME);
      keySerde = internal.keySerde ?? this.keySerde;
      valueSerde = internal.valueSerde;
      queryableStoreName = internal.queryableStoreName();
      storeBuilder = queryableStoreName !== null ? new KeyValueStoreMaterializer(internal) : null;
    }
    const name = new NamedInternal(named).orElseGenerateWithPrefix(this.builder, MAPVALUES_NAME);
    const supplier = new TableMapValuesSupplier<K, V, VR>(this, mapper, queryableStoreName);
    const node = new TableProcessorNode(name, ProcessorParameters.of(supplier, name), storeBuilder);
    this.builder.addGraphNode(this.graphNode, node);
    return new KTable<K, VR>(this.builder, name, keySerde, valueSerde, this.subTopologySourceNodes, queryableStoreName, erase(supplier), node);
  }
}

/**
 * StreamsBuilder#table (Java's StreamsBuilder#table and InternalStreamsBuilder#table). The store name
 * is taken first (`<topic>-STATE-STORE-<index>` when unnamed), then the source's and the processor's.
 * Serdes: with both `consumed` and `materialized`, the store uses consumed's serdes (as Java, which
 * overwrites them); with only `materialized`, the source reads with its serdes.
 */
export function tableFromTopic<K, V>(
  builder: InternalStreamsBuilder,
  topic: string,
  consumed?: Consumed<K, V> | null,
  materialized?: Materialized<K, V> | null,
): KTable<K, V> {
  requireNonNull(topic, "topic can't be null");
  const internal = new MaterializedInternal<K, V>(materialized ?? Materialized.with<K, V>(consumed?.keySerde ?? null, consumed?.valueSerde ?? null), builder, `${topic}-`);
  let source: Consumed<K, V>;
  if (consumed !== null && consumed !== undefined) {
    source = consumed;
    internal.withKeySerde(consumed.keySerde).withValueSerde(consumed.valueSerde);
  } else {
    source = Consumed.with<K, V>(internal.keySerde, internal.valueSerde);
  }

  const named = new NamedInternal(source.processorName);
  const sourceName = named.suffixWithOrElseGet(TABLE_SOURCE_SUFFIX, builder, SOURCE_NAME);
  const tableSourceName = named.orElseGenerateWithPrefix(builder, TABLE_SOURCE_NAME);
  const tableSource = new TableSourceSupplier<K, V>(requireStoreName(internal), internal.queryableStoreName());
  const node = new TableSourceNode<K, V>(tableSourceName, {
    sourceName,
    processorName: tableSourceName,
    topic,
    consumed: source,
    tableSource,
    storeBuilder: new KeyValueStoreMaterializer(internal),
    isGlobalKTable: false,
  });
  builder.addGraphNode(builder.root, node);
  return new KTable<K, V>(builder, tableSourceName, source.keySerde, source.valueSerde, new Set([sourceName]), internal.queryableStoreName(), tableSource, node);
}

/**
 * KStream#toTable (Java's KStreamImpl#toTable): the processor's name is taken first, then the store's
 * (`KSTREAM-TOTABLE-STATE-STORE-<index>`, burned even when the table is never materialized), then,
 * after a key change, the repartition topic `<processor name>-repartition` with its sink, filter and
 * source. The table is materialized only when `materialized` names a store or a downstream needs it.
 */
export function streamToTable<K, V>(stream: KStream<K, V>, named?: Named | null, materialized?: Materialized<K, V> | null): KTable<K, V> {
  const builder = stream.builder;
  const givenName = named === undefined ? NamedInternal.empty() : requireNonNull(named, "named can't be null");
  const m = materialized === undefined ? Materialized.with<K, V>(stream.keySerde, stream.valueSerde) : requireNonNull(materialized, "materialized can't be null");
  const name = new NamedInternal(givenName).orElseGenerateWithPrefix(builder, TO_KTABLE_NAME);
  const internal = new MaterializedInternal(m, builder, TO_KTABLE_NAME);
  const keySerde = internal.keySerde ?? stream.keySerde;
  const valueSerde = internal.valueSerde ?? stream.valueSerde;

  let parent = stream.graphNode;
  let subTopologySourceNodes = stream.subTopologySourceNodes;
  if (stream.repartitionRequired) {
    const repartitionBuilder = optimizableRepartitionNodeBuilder<K, V>();
    const sourceName = createRepartitionedSource(builder, keySerde, valueSerde, name, null, repartitionBuilder);
    parent = repartitionBuilder.build();
    builder.addGraphNode(stream.graphNode, parent);
    subTopologySourceNodes = new Set([sourceName]);
  }

  const tableSource = new TableSourceSupplier<K, V>(requireStoreName(internal), internal.queryableStoreName());
  const node = new StreamToTableNode<K, V>(name, ProcessorParameters.of(tableSource, name), tableSource, new KeyValueStoreMaterializer(internal));
  builder.addGraphNode(parent, node);
  return new KTable<K, V>(builder, name, keySerde, valueSerde, subTopologySourceNodes, internal.queryableStoreName(), tableSource, node);
}

/** Splits Java's overloads `(named)`, `(materialized)`, `(named, materialized)`. */
function namedAndMaterialized<M>(namedOrMaterialized: Named | M | null | undefined, materialized: M | null | undefined): [Named | null, M | null] {
  if (namedOrMaterialized instanceof Materialized) return [null, namedOrMaterialized as M];
  if (materialized === null) requireNonNull(materialized, "materialized can't be null");
  return [(namedOrMaterialized as Named | null | undefined) ?? null, materialized ?? null];
}

function requireStoreName<K, V>(internal: MaterializedInternal<K, V>): string {
  // A MaterializedInternal made with a name provider always has a name.
  return internal.storeName() as string;
}

/** Table operators are stored without their input types, which only the operator itself needs. */
function erase<KIn, VIn, K, V>(supplier: TableProcessorSupplier<KIn, VIn, K, V>): TableProcessorSupplier<unknown, unknown, K, V> {
  return supplier as unknown as TableProcessorSupplier<unknown, unknown, K, V>;
}
