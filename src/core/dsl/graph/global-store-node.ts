// Java's GlobalStoreNode: StreamsBuilder#addGlobalStore — a store every instance fills from all
// partitions of `topic` through the user's update processor (run again on restore), readable by
// every processor without being connected.
import type { ProcessorSupplier } from '../../processor/processor';
import { supplierGet } from '../../processor/processor';
import type { StoreBuilder } from '../../state/store-builder';
import type { InternalTopologyBuilder, ProcessorFactory } from '../../topology/internal-topology-builder';
import type { SourceSpec } from './stream-source-node';
import { GraphNode } from './graph-node';

export class GlobalStoreNode<KIn, VIn> extends GraphNode {
  constructor(
    private readonly storeBuilder: StoreBuilder,
    private readonly sourceName: string,
    private readonly topic: string,
    private readonly consumed: SourceSpec<KIn, VIn>,
    private readonly processorName: string,
    private readonly stateUpdateSupplier: ProcessorSupplier<KIn, VIn, never, never>,
    private readonly reprocessOnRestore: boolean,
  ) {
    super(storeBuilder.name());
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    // the topic is the store's changelog
    this.storeBuilder.withLoggingDisabled();
    const { keySerde, valueSerde, timestampExtractor } = this.consumed;
    const supplier = this.stateUpdateSupplier;
    builder.addGlobalStore({
      storeBuilder: this.storeBuilder,
      sourceName: this.sourceName,
      topic: this.topic,
      processorName: this.processorName,
      createProcessor: (() => supplierGet(supplier)) as ProcessorFactory,
      keyDeserializer: keySerde === null ? null : keySerde.deserializer(),
      valueDeserializer: valueSerde === null ? null : valueSerde.deserializer(),
      timestampExtractor,
      reprocessOnRestore: this.reprocessOnRestore,
    });
  }
}
