// Java's TableProcessorNode: a KTable operation (filter, mapValues ...) below its parent, with the
// store it materializes into when the user named one.
import type { StoreBuilder } from '../../state/store-builder';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import { GraphNode } from './graph-node';
import type { ProcessorParameters } from './processor-parameters';

export class TableProcessorNode extends GraphNode {
  constructor(
    nodeName: string,
    readonly processorParameters: ProcessorParameters,
    private readonly storeBuilder: StoreBuilder | null,
    /** Stores added elsewhere that the processor reads (value getters of other tables). */
    private readonly storeNames: readonly string[] = [],
  ) {
    super(nodeName);
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    const name = this.processorParameters.processorName;
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames());
    if (this.storeNames.length > 0) builder.connectProcessorAndStateStores(name, this.storeNames);
    if (this.storeBuilder !== null) builder.addStateStore(this.storeBuilder, [name]);
  }
}
