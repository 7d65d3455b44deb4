// Java's ProcessorGraphNode: one processor (a stateless operation, or a user processor) below its
// parents in the graph.
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import { GraphNode } from './graph-node';
import type { ProcessorParameters } from './processor-parameters';

export class ProcessorGraphNode extends GraphNode {
  constructor(
    nodeName: string,
    readonly processorParameters: ProcessorParameters,
  ) {
    super(nodeName);
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames());
  }
}
