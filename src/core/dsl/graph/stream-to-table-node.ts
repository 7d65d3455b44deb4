// Java's StreamToTableNode: KStream#toTable's table source. Its store is added only if the table
// ended up materialized (named by the user, or needed by a downstream operation), which is known
// only once the whole DSL graph is built.
import type { TableSourceSupplier } from '../../processor/table-source';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import type { KeyValueStoreMaterializer } from '../key-value-store-materializer';
import { GraphNode } from './graph-node';
import type { ProcessorParameters } from './processor-parameters';

export class StreamToTableNode<K, V> extends GraphNode {
  constructor(
    nodeName: string,
    readonly processorParameters: ProcessorParameters,
    private readonly tableSource: TableSourceSupplier<K, V>,
    private readonly storeBuilder: KeyValueStoreMaterializer<K, V>,
  ) {
    super(nodeName);
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    this.processorParameters.addProcessorTo(builder, this.parentNodeNames());
    if (this.tableSource.materialized()) builder.addStateStore(this.storeBuilder, [this.processorParameters.processorName]);
  }
}
