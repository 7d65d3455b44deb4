// What KStream, KTable and the grouped streams share (Java's AbstractStream): the builder, the
// name of the node the handle stands for, its serdes, the source nodes of its sub-topology (for
// co-partitioning checks) and its graph node.
import type { Serde } from '../serde/serde';
import type { GraphNode } from './graph/graph-node';
import type { InternalStreamsBuilder } from './internal-streams-builder';

export abstract class AbstractStream<K, V> {
  protected constructor(
    /** @internal */ readonly builder: InternalStreamsBuilder,
    /** @internal the processor name of the node this handle stands for */ readonly nodeName: string,
    /** @internal */ readonly keySerde: Serde<K> | null,
    /** @internal */ readonly valueSerde: Serde<V> | null,
    /** @internal */ readonly subTopologySourceNodes: ReadonlySet<string>,
    /** @internal */ readonly graphNode: GraphNode,
  ) {}
}
