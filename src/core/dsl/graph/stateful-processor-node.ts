// Java's StatefulProcessorNode: a processor connected to stores — stores added elsewhere and named
// here (KStream#process with store names), or one store built with the node (aggregations).
import type { StoreBuilder } from '../../state/store-builder';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import type { ProcessorParameters } from './processor-parameters';
import { ProcessorGraphNode } from './processor-graph-node';

export class StatefulProcessorNode extends ProcessorGraphNode {
  private readonly storeNames: readonly string[];
  private readonly storeBuilder: StoreBuilder | null;

  /** `stores`: the names of stores added elsewhere, or the builder of a store to add with this processor. */
  constructor(nodeName: string, processorParameters: ProcessorParameters, stores: readonly string[] | StoreBuilder) {
    super(nodeName, processorParameters);
    if (Array.isArray(stores)) {
      this.storeNames = [...(stores as readonly string[])];
      this.storeBuilder = null;
    } else {
      this.storeNames = [];
      this.storeBuilder = stores as StoreBuilder;
    }
  }

  override writeToTopology(builder: InternalTopologyBuilder): void {
    const name = this.processorParameters.processorName;
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames());
    if (this.storeNames.length > 0) builder.connectProcessorAndStateStores(name, this.storeNames);
    if (this.storeBuilder !== null) builder.addStateStore(this.storeBuilder, [name]);
  }
}
