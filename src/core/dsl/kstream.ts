// Java's KStream (KStreamImpl): a record stream in the DSL. Every operation adds a node to the
// builder's graph and returns a new handle; nothing runs until StreamsBuilder#build compiles the
// graph. Processor names are taken from the builder's counter in exactly the order Java takes them,
// so a topology ported call for call gets Java's names, repartition topics and task ids.
//
// TypeScript forms of Java's single-method interfaces: predicates, mappers and actions are
// functions taking `(key, value)`, except that value mappers (mapValues, flatMapValues) take
// `(value, key)`: one signature covers Java's ValueMapper (`(value) => ...`) and ValueMapperWithKey
// (`(value, key) => ...`). A Java `(readOnlyKey, value) -> ...` lambda ports as `(value, key) => ...`.
import { TopologyError } from '../../errors';
import type { KeyValue } from '../key-value';
import type { FixedKeyProcessorSupplier, ProcessorSupplier } from '../processor/processor';
import { KStreamFilter } from '../processor/stream-filter';
import { KStreamFlatMap } from '../processor/stream-flat-map';
import { KStreamFlatMapValues } from '../processor/stream-flat-map-values';
import { KStreamForeach } from '../processor/stream-foreach';
import { KStreamMap } from '../processor/stream-map';
import { KStreamMapValues } from '../processor/stream-map-values';
import { KStreamPassThrough } from '../processor/stream-passthrough';
import { KStreamPeek } from '../processor/stream-peek';
import { KStreamPrint } from '../processor/stream-print';
import type { Serde } from '../serde/serde';
import type { TopicNameExtractor } from '../topology/topology-model';
import { AbstractStream } from './abstract-stream';
import { BranchedKStream } from './branched-kstream';
import type { GraphNode } from './graph/graph-node';
import { ProcessorGraphNode } from './graph/processor-graph-node';
import { ProcessorParameters } from './graph/processor-parameters';
import { unoptimizableRepartitionNodeBuilder } from './graph/repartition-node';
import { StatefulProcessorNode } from './graph/stateful-processor-node';
import { StreamSinkNode } from './graph/stream-sink-node';
import { Grouped } from './grouped';
import type { InternalStreamsBuilder } from './internal-streams-builder';
import { KGroupedStream } from './kgrouped-stream';
import { streamToTable, type KTable } from './ktable';
import {
  FILTER_NAME,
  FLATMAPVALUES_NAME,
  FLATMAP_NAME,
  FOREACH_NAME,
  KEY_SELECT_NAME,
  MAPVALUES_NAME,
  MAP_NAME,
  MERGE_NAME,
  PEEK_NAME,
  PRINTING_NAME,
  PROCESSOR_NAME,
  PROCESSVALUES_NAME,
  REPARTITION_NAME,
  SINK_NAME,
} from './kstream-names';
import { Materialized } from './materialized';
import { Named, NamedInternal, validateName } from './named';
import type { Printed } from './printed';
import { Produced } from './produced';
import { createRepartitionedSource } from './repartition';
import { Repartitioned } from './repartitioned';
import { requireFunction, requireNonNull } from './require-non-null';

export class KStream<K, V> extends AbstractStream<K, V> {
  /**
   * @internal For the DSL. `repartitionRequired`: the key may have changed since the last
   * repartition, so a grouping or join must repartition first.
   */
  constructor(
    builder: InternalStreamsBuilder,
    name: string,
    keySerde: Serde<K> | null,
    valueSerde: Serde<V> | null,
    subTopologySourceNodes: ReadonlySet<string>,
    /** @internal */ readonly repartitionRequired: boolean,
    graphNode: GraphNode,
  ) {
    super(builder, name, keySerde, valueSerde, subTopologySourceNodes, graphNode);
  }

  /** The records for which `predicate` holds. */
  filter(predicate: (key: K, value: V) => boolean, named?: Named): KStream<K, V> {
    return this.doFilter(predicate, named, false);
  }

  /** The records for which `predicate` does not hold. */
  filterNot(predicate: (key: K, value: V) => boolean, named?: Named): KStream<K, V> {
    return this.doFilter(predicate, named, true);
  }

  private doFilter(predicate: (key: K, value: V) => boolean, named: Named | undefined, filterNot: boolean): KStream<K, V> {
    requireFunction(predicate, 'predicate');
    const name = namedInternal(named).orElseGenerateWithPrefix(this.builder, FILTER_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamFilter(predicate, filterNot), name));
    this.builder.addGraphNode(this.graphNode, node);
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired, node);
  }

  /** Each record with the key `mapper` computes; a grouping or join downstream repartitions. */
  selectKey<KR>(mapper: (key: K, value: V) => KR, named?: Named): KStream<KR, V> {
    requireFunction(mapper, 'mapper');
    const node = this.internalSelectKey(mapper, namedInternal(named));
    node.keyChangingOperation = true;
    this.builder.addGraphNode(this.graphNode, node);
    // the key serde cannot be kept
    return new KStream<KR, V>(this.builder, node.nodeName, null, this.valueSerde, this.subTopologySourceNodes, true, node);
  }

  private internalSelectKey<KR>(mapper: (key: K, value: V) => KR, named: NamedInternal): ProcessorGraphNode {
    const name = named.orElseGenerateWithPrefix(this.builder, KEY_SELECT_NAME);
    const pair = (key: K, value: V): KeyValue<KR, V> => ({ key: mapper(key, value), value });
    return new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamMap(pair), name));
  }

  /** Each record replaced by the pair `mapper` returns (null is an error); a grouping or join downstream repartitions. */
  map<KR, VR>(mapper: (key: K, value: V) => KeyValue<KR, VR>, named?: Named): KStream<KR, VR> {
    requireFunction(mapper, 'mapper');
    const name = namedInternal(named).orElseGenerateWithPrefix(this.builder, MAP_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamMap(mapper), name));
    node.keyChangingOperation = true;
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<KR, VR>(this.builder, name, null, null, this.subTopologySourceNodes, true, node);
  }

  /** Each record with the value `mapper(value, key)` returns; the key stays, so no repartition follows. */
  mapValues<VR>(mapper: (value: V, key: K) => VR, named?: Named): KStream<K, VR> {
    requireFunction(mapper, 'valueMapper');
    const name = namedInternal(named).orElseGenerateWithPrefix(this.builder, MAPVALUES_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamMapValues(mapper), name));
    node.valueChangingOperation = true;
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<K, VR>(this.builder, name, this.keySerde, null, this.subTopologySourceNodes, this.repartitionRequired, node);
  }

  /** Each record replaced by the pairs `mapper` returns (zero or more); a grouping or join downstream repartitions. */
  flatMap<KR, VR>(mapper: (key: K, value: V) => Iterable<KeyValue<KR, VR>>, named?: Named): KStream<KR, VR> {
    requireFunction(mapper, 'mapper');
    const name = namedInternal(named).orElseGenerateWithPrefix(this.builder, FLATMAP_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamFlatMap(mapper), name));
    node.keyChangingOperation = true;
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<KR, VR>(this.builder, name, null, null, this.subTopologySourceNodes, true, node);
  }

  /** Each record replaced by one record per value `mapper(value, key)` returns, all with its key. */
  flatMapValues<VR>(mapper: (value: V, key: K) => Iterable<VR>, named?: Named): KStream<K, VR> {
    requireFunction(mapper, 'valueMapper');
    const name = namedInternal(named).orElseGenerateWithPrefix(this.builder, FLATMAPVALUES_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamFlatMapValues(mapper), name));
    node.valueChangingOperation = true;
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<K, VR>(this.builder, name, this.keySerde, null, this.subTopologySourceNodes, this.repartitionRequired, node);
  }

  /** Writes each record as a line `[label]: key, value` (see Printed). */
  print(printed: Printed<K, V>): void {
    requireNonNull(printed, "printed can't be null");
    const name = new NamedInternal(printed.processorName).orElseGenerateWithPrefix(this.builder, PRINTING_NAME);
    // Java labels with the name of the stream printed, not of the print processor
    const label = printed.label ?? this.nodeName;
    const { target, mapper } = printed;
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamPrint(target, mapper, label), name));
    this.builder.addGraphNode(this.graphNode, node);
  }

  /** Calls `action` for each record; a terminal operation. */
  foreach(action: (key: K, value: V) => void, named?: Named): void {
    requireFunction(action, 'action');
    const name = namedInternal(named).orElseGenerateWithPrefix(this.builder, FOREACH_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamForeach(action), name));
    this.builder.addGraphNode(this.graphNode, node);
  }

  /** Calls `action` for each record and passes the record on unchanged. */
  peek(action: (key: K, value: V) => void, named?: Named): KStream<K, V> {
    requireFunction(action, 'action');
    const name = namedInternal(named).orElseGenerateWithPrefix(this.builder, PEEK_NAME);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamPeek(action), name));
    this.builder.addGraphNode(this.graphNode, node);
    return this.derive(name, this.keySerde, this.valueSerde, this.repartitionRequired, node);
  }

  /** Splits the stream by predicates: see BranchedKStream. */
  split(named?: Named): BranchedKStream<K, V> {
    return new BranchedKStream(this, this.repartitionRequired, namedInternal(named));
  }

  /** The records of both streams, each in its own order; the serdes are dropped (neither stream's is safe for both). */
  merge(stream: KStream<K, V>, named?: Named): KStream<K, V> {
    requireNonNull(stream, "stream can't be null");
    const internal = namedInternal(named);
    if (!(stream instanceof KStream)) throw new TopologyError('merge() takes a KStream of the same StreamsBuilder.');
    if (stream.builder !== this.builder) {
      throw new TopologyError(`Cannot merge ${this.nodeName} with ${stream.nodeName}: they come from different StreamsBuilders.`);
    }
    const repartitionRequired = this.repartitionRequired || stream.repartitionRequired;
    const name = internal.orElseGenerateWithPrefix(this.builder, MERGE_NAME);
    const sourceNodes = new Set([...this.subTopologySourceNodes, ...stream.subTopologySourceNodes]);
    const node = new ProcessorGraphNode(name, ProcessorParameters.ofFactory(() => new KStreamPassThrough<K, V>(), name));
    node.mergeNode = true;
    this.builder.addGraphNode([this.graphNode, stream.graphNode], node);
    return new KStream<K, V>(this.builder, name, null, null, sourceNodes, repartitionRequired, node);
  }

  /**
   * The stream through a topic the application manages, `<application.id>-<name>-repartition`
   * (name from Repartitioned, or generated: KSTREAM-REPARTITION-<index>), partitioned by the key
   * (or Repartitioned's partitioner), with Repartitioned's partition count or the source topics'.
   */
  repartition(repartitioned?: Repartitioned<K, V>): KStream<K, V> {
    if (repartitioned === null) throw new TopologyError("repartitioned can't be null");
    const spec = repartitioned ?? Repartitioned.as<K, V>(null);
    if (spec.name !== null) validateName(spec.name);
    const name = spec.name ?? this.builder.newProcessorName(REPARTITION_NAME);
    const valueSerde = spec.valueSerde ?? this.valueSerde;
    const keySerde = spec.keySerde ?? this.keySerde;
    const nodeBuilder = unoptimizableRepartitionNodeBuilder<K, V>().withInternalTopicProperties({ numberOfPartitions: spec.numberOfPartitions });
    // Java 3.9 hands the repartition topic Repartitioned's key serde only (null: the default serde),
    // not the stream's; the stream returned carries the stream's. Kept as Java has it.
    const sourceName = createRepartitionedSource(this.builder, spec.keySerde, valueSerde, name, spec.partitioner, nodeBuilder);
    const node = nodeBuilder.build();
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<K, V>(this.builder, sourceName, keySerde, valueSerde, new Set([node.nodeName]), false, node);
  }

  /**
   * Writes the stream to `topic`, or to the topic `topicExtractor` picks per record. Serdes missing
   * from `produced` are the stream's, then the configured defaults.
   */
  to(topic: string | TopicNameExtractor<K, V>, produced?: Produced<K, V>): void {
    if (typeof topic === 'function') requireFunction(topic, 'topicExtractor');
    else requireNonNull(topic, "topic can't be null");
    if (produced === null) throw new TopologyError("produced can't be null");
    const spec = produced === undefined ? Produced.with<K, V>(this.keySerde, this.valueSerde) : produced.copy();
    if (spec.keySerde === null) spec.withKeySerde(this.keySerde);
    if (spec.valueSerde === null) spec.withValueSerde(this.valueSerde);
    const name = new NamedInternal(spec.processorName).orElseGenerateWithPrefix(this.builder, SINK_NAME);
    const node = new StreamSinkNode<K, V>(name, { topic, keySerde: spec.keySerde, valueSerde: spec.valueSerde, partitioner: spec.partitioner });
    this.builder.addGraphNode(this.graphNode, node);
  }

  /**
   * Runs a Processor API processor on each record (Java 3.9's process returning a KStream), with
   * access to the stores named (added with StreamsBuilder#addStateStore or by the supplier's
   * `stores()`). The processor may change keys, so a grouping or join downstream repartitions.
   */
  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, ...storeNames: string[]): KStream<KOut, VOut>;
  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, named: Named, ...storeNames: string[]): KStream<KOut, VOut>;
  process<KOut, VOut>(supplier: ProcessorSupplier<K, V, KOut, VOut>, ...rest: (Named | string)[]): KStream<KOut, VOut> {
    // Java generates the name before checking anything: the index is consumed even when the call fails
    const [named, storeNames] = splitNamedAndStores(rest, () => Named.as(this.builder.newProcessorName(PROCESSOR_NAME)));
    requireSupplier(supplier);
    const name = new NamedInternal(named).name as string;
    const node = new StatefulProcessorNode(name, ProcessorParameters.of(supplier, name), storeNames);
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<KOut, VOut>(this.builder, name, null, null, this.subTopologySourceNodes, true, node);
  }

  /**
   * Runs a FixedKeyProcessor on each record: like process(), but the key cannot change, so no
   * repartition is needed downstream because of it.
   */
  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, ...storeNames: string[]): KStream<K, VOut>;
  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, named: Named, ...storeNames: string[]): KStream<K, VOut>;
  processValues<VOut>(supplier: FixedKeyProcessorSupplier<K, V, VOut>, ...rest: (Named | string)[]): KStream<K, VOut> {
    const [named, storeNames] = splitNamedAndStores(rest, () => Named.as(this.builder.newProcessorName(PROCESSVALUES_NAME)));
    requireSupplier(supplier);
    const name = new NamedInternal(named).name as string;
    const node = new StatefulProcessorNode(name, ProcessorParameters.ofFixedKey(supplier, name), storeNames);
    this.builder.addGraphNode(this.graphNode, node);
    return new KStream<K, VOut>(this.builder, name, this.keySerde, null, this.subTopologySourceNodes, this.repartitionRequired, node);
  }

  /**
   * Groups by the current key, for an aggregation. If the key may have changed upstream, the
   * aggregation reads through a repartition topic (`<Grouped name>-repartition`, else named after
   * its store). Without `grouped`, the grouping keeps the stream's serdes; with one, its serdes
   * alone count (null: the configured defaults), as in Java.
   */
  groupByKey(grouped?: Grouped<K, V>): KGroupedStream<K, V> {
    if (grouped === null) throw new TopologyError("grouped can't be null");
    const spec = grouped ?? Grouped.with<K, V>(this.keySerde, this.valueSerde);
    return new KGroupedStream<K, V>(this.builder, this.nodeName, this.subTopologySourceNodes, spec, this.repartitionRequired, this.graphNode);
  }

  /**
   * Groups by the key `keySelector` computes, for an aggregation that then always repartitions. The
   * key-selecting processor is named after Grouped's name, else KSTREAM-KEY-SELECT-<index>.
   */
  groupBy<KR>(keySelector: (key: K, value: V) => KR, grouped?: Grouped<KR, V>): KGroupedStream<KR, V> {
    requireFunction(keySelector, 'keySelector');
    if (grouped === null) throw new TopologyError("grouped can't be null");
    const spec = grouped ?? Grouped.with<KR, V>(null, this.valueSerde);
    const node = this.internalSelectKey(keySelector, new NamedInternal(spec.name));
    node.keyChangingOperation = true;
    this.builder.addGraphNode(this.graphNode, node);
    return new KGroupedStream<KR, V>(this.builder, node.nodeName, this.subTopologySourceNodes, spec, true, node);
  }

  /**
   * The stream as a table: the latest value per key (a null value deletes). After a key change the
   * stream goes through `<name>-repartition` first. Java's overloads: `()`, `(named)`,
   * `(materialized)`, `(named, materialized)`.
   */
  toTable(named?: Named, materialized?: Materialized<K, V>): KTable<K, V>;
  toTable(materialized: Materialized<K, V>): KTable<K, V>;
  toTable(namedOrMaterialized?: Named | Materialized<K, V>, materialized?: Materialized<K, V>): KTable<K, V> {
    if (namedOrMaterialized instanceof Materialized) return streamToTable(this, undefined, namedOrMaterialized);
    return streamToTable(this, namedOrMaterialized, materialized);
  }

  private derive(name: string, keySerde: Serde<K> | null, valueSerde: Serde<V> | null, repartitionRequired: boolean, node: GraphNode): KStream<K, V> {
    return new KStream<K, V>(this.builder, name, keySerde, valueSerde, this.subTopologySourceNodes, repartitionRequired, node);
  }
}

/** An optional Named argument: absent is "generate a name", an explicit null is Java's NullPointerException. */
function namedInternal(named: Named | undefined | null): NamedInternal {
  if (named === undefined) return NamedInternal.empty();
  if (named === null) throw new TopologyError("named can't be null");
  if (!(named instanceof Named)) throw new TopologyError(`Expected a Named (Named.as(name)), got ${typeof named}.`);
  return new NamedInternal(named);
}

/**
 * process()/processValues() arguments after the supplier: an optional Named, then store names. When
 * there is no Named, `generate` makes one (it consumes a name index, as Java's overload does).
 */
function splitNamedAndStores(rest: readonly (Named | string | null | undefined)[], generate: () => Named): [Named, string[]] {
  let named: Named;
  let stores: readonly (Named | string | null | undefined)[];
  if (rest.length > 0 && (rest[0] instanceof Named || rest[0] === null)) {
    if (rest[0] === null) throw new TopologyError("named can't be null");
    named = rest[0];
    stores = rest.slice(1);
  } else {
    named = generate();
    stores = rest;
  }
  for (const store of stores) {
    if (store === null || store === undefined) throw new TopologyError("stateStoreNames can't be null");
    if (typeof store !== 'string') throw new TopologyError('Store names must be strings; a Named goes right after the processor supplier.');
  }
  return [named, stores as string[]];
}

function requireSupplier(supplier: unknown): void {
  if (supplier === null || supplier === undefined) throw new TopologyError("processorSupplier can't be null");
  if (typeof supplier !== 'function' && (typeof supplier !== 'object' || typeof (supplier as { get?: unknown }).get !== 'function')) {
    throw new TopologyError('A processor supplier is a function returning a new processor, or an object with get() (and optionally stores()).');
  }
}
