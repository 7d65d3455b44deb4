// Java's StateStoreNode: a store added with StreamsBuilder#addStateStore, under the root, connected
// to no processor yet (KStream#process and #processValues connect it by name).
import type { StoreBuilder } from '../../state/store-builder';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import { GraphNode } from './graph-node';

export class StateStoreNode extends GraphNode {
  constructor(private readonly storeBuilder: StoreBuilder) {
    super(storeBuilder.name());
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    builder.addStateStore(this.storeBuilder);
  }
}
