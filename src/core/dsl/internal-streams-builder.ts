// The state of one StreamsBuilder (Java's InternalStreamsBuilder): the graph, the name counter
// that gives processors and stores Java's names (KSTREAM-FILTER-0000000001 ...), and the build.
import { TopologyError } from '../../errors';
import type { InternalTopologyBuilder } from '../topology/internal-topology-builder';
import { GraphNode, RootGraphNode } from './graph/graph-node';
import { OptimizableRepartitionNode } from './graph/repartition-node';
import { TableSourceNode } from './graph/table-source-node';
import { OptimizationMetadata, optimizeTopology } from './topology-optimizations';

/** Java's KTableImpl.STATE_STORE_NAME: store names are `<prefix>STATE-STORE-<index>`. */
export const STATE_STORE_NAME = 'STATE-STORE-';

export class InternalStreamsBuilder {
  readonly root: GraphNode = new RootGraphNode();
  private index = 0;
  private buildPriorityIndex = 0;
  private readonly optimizationMetadata = new OptimizationMetadata();

  constructor(readonly topologyBuilder: InternalTopologyBuilder) {
    this.root.buildPriority = this.buildPriorityIndex++;
  }

  /** `prefix` + the next index, zero-padded to 10 digits: Java's processor names. */
  newProcessorName(prefix: string): string {
    return prefix + String(this.index++).padStart(10, '0');
  }

  /** `prefix` + 'STATE-STORE-' + the next index: Java's generated store names. */
  newStoreName(prefix: string): string {
    return prefix + STATE_STORE_NAME + String(this.index++).padStart(10, '0');
  }

  /** Adds `child` below `parents` and gives it the next build priority. */
  addGraphNode(parents: GraphNode | readonly GraphNode[], child: GraphNode): void {
    const list = Array.isArray(parents) ? (parents as readonly GraphNode[]) : [parents as GraphNode];
    if (list.length === 0) throw new TopologyError(`graph node ${child.nodeName} needs at least one parent`);
    for (const parent of list) parent.addChild(child);
    child.buildPriority = this.buildPriorityIndex++;
    this.optimizationMetadata.record(child, { optimizableRepartition: child instanceof OptimizableRepartitionNode, tableSource: child instanceof TableSourceNode });
  }

  /**
   * Writes the graph into the topology builder, in build priority order, each node once all its
   * parents are written, after applying `optimizations` (Java's buildAndOptimizeTopology; see
   * topology-optimizations.ts). Building again writes only the nodes added since: every node knows
   * whether it was written.
   */
  buildTopology(optimizations: ReadonlySet<string> = new Set()): void {
    if (optimizations.size > 0) optimizeTopology(this, this.optimizationMetadata, optimizations);
    const queue: GraphNode[] = [this.root];
    while (queue.length > 0) {
      queue.sort((a, b) => a.buildPriority - b.buildPriority);
      const node = queue.shift()!;
      if (node.allParentsWritten() && !node.written) {
        node.writeToTopology(this.topologyBuilder);
        node.written = true;
      }
      queue.push(...node.children);
    }
  }
}
