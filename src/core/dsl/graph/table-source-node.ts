// Java's TableSourceNode: builder.table() and builder.globalTable() — a source reading the topic and
// the KTableSource processor turning its records into table updates. A KTable's store is added only
// if the table ended up materialized; a GlobalKTable is always materialized, as a global store
// (logging off: the topic is its changelog).
import type { TableSourceSupplier } from '../../processor/table-source';
import type { InternalTopologyBuilder, ProcessorFactory } from '../../topology/internal-topology-builder';
import type { Consumed } from '../consumed';
import type { KeyValueStoreMaterializer } from '../key-value-store-materializer';
import { GraphNode } from './graph-node';

export interface TableSourceSpec<K, V> {
  /** The source node's name (KSTREAM-SOURCE-…, or `<Consumed name>-source`). */
  readonly sourceName: string;
  /** The KTableSource processor's name (KTABLE-SOURCE-…, or the Consumed name). */
  readonly processorName: string;
  readonly topic: string;
  readonly consumed: Consumed<K, V>;
  readonly tableSource: TableSourceSupplier<K, V>;
  readonly storeBuilder: KeyValueStoreMaterializer<K, V>;
  readonly isGlobalKTable: boolean;
}

export class TableSourceNode<K, V> extends GraphNode {
  /** Java's topology optimization "reuse.ktable.source.topics": the topic doubles as the changelog. */
  reuseSourceTopicForChangelog = false;

  constructor(
    nodeName: string,
    readonly spec: TableSourceSpec<K, V>,
  ) {
    super(nodeName);
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    const { sourceName, processorName, topic, consumed, tableSource, storeBuilder } = this.spec;
    const createProcessor = (() => tableSource.get()) as ProcessorFactory;
    const keyDeserializer = consumed.keySerde?.deserializer() ?? null;
    const valueDeserializer = consumed.valueSerde?.deserializer() ?? null;
    if (this.spec.isGlobalKTable) {
      builder.addGlobalStore({
        storeBuilder,
        sourceName,
        topic,
        processorName,
        createProcessor,
        keyDeserializer,
        valueDeserializer,
        timestampExtractor: consumed.timestampExtractor,
        reprocessOnRestore: false,
      });
      return;
    }
    builder.addSource({
      name: sourceName,
      topics: [topic],
      keyDeserializer,
      valueDeserializer,
      timestampExtractor: consumed.timestampExtractor,
      offsetReset: consumed.offsetResetPolicy,
    });
    builder.addProcessor(processorName, createProcessor, [sourceName]);
    if (tableSource.materialized()) {
      builder.addStateStore(storeBuilder, [processorName]);
      if (this.reuseSourceTopicForChangelog) {
        storeBuilder.withLoggingDisabled();
        builder.connectSourceStoreAndTopic(storeBuilder.name(), topic);
      }
    }
  }
}
