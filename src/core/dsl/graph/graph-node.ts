// The DSL's graph (Java's kstream.internals.graph): every DSL call adds a node and returns a new
// handle; nothing is written to the topology until StreamsBuilder#build walks the graph in build
// priority order (the order the nodes were added) and lets each node write itself. Processor and
// store names are fixed when the node is created, with Java's counter, so they match Java's.
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';

export abstract class GraphNode {
  readonly children: GraphNode[] = [];
  readonly parents: GraphNode[] = [];
  buildPriority = -1;
  written = false;
  /** Marks operations that may change the key: a downstream grouping or join then needs a repartition. */
  keyChangingOperation = false;
  valueChangingOperation = false;
  mergeNode = false;

  constructor(readonly nodeName: string) {}

  addChild(child: GraphNode): void {
    if (!this.children.includes(child)) this.children.push(child);
    if (!child.parents.includes(this)) child.parents.push(this);
  }

  removeChild(child: GraphNode): void {
    const i = this.children.indexOf(child);
    if (i >= 0) this.children.splice(i, 1);
    const j = child.parents.indexOf(this);
    if (j >= 0) child.parents.splice(j, 1);
  }

  clearChildren(): void {
    for (const child of [...this.children]) this.removeChild(child);
  }

  parentNodeNames(): string[] {
    return this.parents.map((p) => p.nodeName);
  }

  allParentsWritten(): boolean {
    return this.parents.every((p) => p.written);
  }

  abstract writeToTopology(builder: InternalTopologyBuilder): void;
}

/** The root every source hangs from; writes nothing. */
export class RootGraphNode extends GraphNode {
  constructor() {
    super('ROOT-NODE');
  }

  writeToTopology(): void {}
}
