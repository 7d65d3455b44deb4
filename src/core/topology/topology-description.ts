// Java's TopologyDescription: what `Topology.describe()` returns, and its text, character for character.
// Users compare this text with their Java application's, and the fingerprint every member checks is its
// hash, so the rules below are Java's own (InternalTopologyBuilder's AbstractNode, Source, Processor,
// Sink, SubtopologyDescription, GlobalStore, NodeComparator and TopologyDescription), quirks included.
import type { TopicNameExtractor } from './topology-model';
import { InsertionComparedTreeSet, hashSetCopyOrder, hashSetOrder } from './java-iteration-order';

export interface TopologyDescription {
  /** Ordered by id. */
  subtopologies(): readonly SubtopologyDescription[];
  /** Ordered by id. */
  globalStores(): readonly GlobalStoreDescription[];
  /** Java's text: "Topologies:\n   Sub-topology: 0\n    Source: ...". */
  toString(): string;
}

export interface SubtopologyDescription {
  id(): number;
  /** In Java's print order: larger sub-trees first, then by name. */
  nodes(): readonly NodeDescription[];
  toString(): string;
}

export interface GlobalStoreDescription {
  id(): number;
  source(): SourceNodeDescription;
  processor(): ProcessorNodeDescription;
  toString(): string;
}

interface NodeDescriptionBase {
  name(): string;
  /** In Java's print order. */
  predecessors(): readonly NodeDescription[];
  /** In Java's print order. */
  successors(): readonly NodeDescription[];
  toString(): string;
}

export interface SourceNodeDescription extends NodeDescriptionBase {
  readonly kind: 'source';
  /** The topics, or null for a pattern source. */
  topicSet(): ReadonlySet<string> | null;
  topicPattern(): RegExp | null;
}

export interface ProcessorNodeDescription extends NodeDescriptionBase {
  readonly kind: 'processor';
  stores(): ReadonlySet<string>;
}

export interface SinkNodeDescription extends NodeDescriptionBase {
  readonly kind: 'sink';
  /** The fixed topic, or null when a TopicNameExtractor picks it per record. */
  topic(): string | null;
  topicNameExtractor(): TopicNameExtractor | null;
}

export type NodeDescription = SourceNodeDescription | ProcessorNodeDescription | SinkNodeDescription;

/** A node as the builder knows it: what describeTopology needs, in the order the node was added. */
export type DescribedNodeSpec =
  | { readonly kind: 'source'; readonly name: string; readonly topics: readonly string[]; readonly pattern: RegExp | null }
  | { readonly kind: 'processor'; readonly name: string; readonly predecessors: readonly string[]; readonly stores: readonly string[] }
  | { readonly kind: 'sink'; readonly name: string; readonly predecessors: readonly string[]; readonly topic: string | TopicNameExtractor };

export type DescribedGroup =
  | { readonly kind: 'subtopology'; readonly id: number; readonly nodes: readonly DescribedNodeSpec[] }
  | {
      readonly kind: 'global';
      readonly id: number;
      readonly sourceName: string;
      readonly processorName: string;
      readonly storeName: string;
      readonly topic: string;
    };

/**
 * Builds the description of node groups that the builder computed (ids and membership); the nodes of
 * each group are listed in the order they were added to the builder.
 */
export function describeTopology(groups: readonly DescribedGroup[]): TopologyDescription {
  const subtopologies: SubtopologyDescription[] = [];
  const globalStores: GlobalStoreDescription[] = [];
  for (const group of groups) {
    if (group.kind === 'subtopology') subtopologies.push(describeSubtopology(group.id, group.nodes));
    else globalStores.push(new GlobalStoreImpl(group.id, group.sourceName, group.processorName, group.storeName, group.topic));
  }
  subtopologies.sort((a, b) => a.id() - b.id());
  globalStores.sort((a, b) => a.id() - b.id());
  return new TopologyDescriptionImpl(subtopologies, globalStores);
}

/** How a sink with a TopicNameExtractor prints, where Java prints the extractor object's toString(). */
export function describeTopicNameExtractor(extractor: TopicNameExtractor): string {
  // A function's own toString() is its source text: long, and different after any rebuild or
  // minification, which would change the fingerprint. Use a toString() the user defined (as Java users
  // do for the same purpose), else the function's name.
  if (extractor.toString !== Function.prototype.toString) return String(extractor.toString());
  return extractor.name === '' ? 'anonymous' : extractor.name;
}

abstract class AbstractNode {
  /** Paths from this node down through its successors, counting the empty one: Java's sub-tree size. */
  size = 1;
  private readonly predecessorSet = new InsertionComparedTreeSet<NodeImpl>(compareNodes);
  private readonly successorSet = new InsertionComparedTreeSet<NodeImpl>(compareNodes);

  constructor(private readonly nodeName: string) {}

  name(): string {
    return this.nodeName;
  }
  predecessors(): readonly NodeDescription[] {
    return this.predecessorSet.values();
  }
  successors(): readonly NodeDescription[] {
    return this.successorSet.values();
  }
  addPredecessor(node: NodeImpl): void {
    this.predecessorSet.add(node);
  }
  addSuccessor(node: NodeImpl): void {
    this.successorSet.add(node);
  }
}

class SourceImpl extends AbstractNode implements SourceNodeDescription {
  readonly kind = 'source';
  private readonly topics: ReadonlySet<string> | null;

  constructor(
    name: string,
    topics: readonly string[] | null,
    private readonly pattern: RegExp | null,
  ) {
    super(name);
    // Java: new HashSet<>(topics), printed in that set's order.
    this.topics = topics === null ? null : new Set(hashSetCopyOrder(topics));
  }

  topicSet(): ReadonlySet<string> | null {
    return this.topics;
  }
  topicPattern(): RegExp | null {
    return this.pattern;
  }
  override toString(): string {
    const topics = this.topics === null ? (this.pattern?.source ?? '') : `[${[...this.topics].join(', ')}]`;
    return `Source: ${this.name()} (topics: ${topics})\n      --> ${nodeNames(this.successors())}`;
  }
}

class ProcessorImpl extends AbstractNode implements ProcessorNodeDescription {
  readonly kind = 'processor';

  constructor(
    name: string,
    private readonly storeNames: ReadonlySet<string>,
  ) {
    super(name);
  }

  stores(): ReadonlySet<string> {
    return this.storeNames;
  }
  override toString(): string {
    return (
      `Processor: ${this.name()} (stores: [${[...this.storeNames].join(', ')}])\n` +
      `      --> ${nodeNames(this.successors())}\n      <-- ${nodeNames(this.predecessors())}`
    );
  }
}

class SinkImpl extends AbstractNode implements SinkNodeDescription {
  readonly kind = 'sink';

  constructor(
    name: string,
    private readonly target: string | TopicNameExtractor,
  ) {
    super(name);
  }

  topic(): string | null {
    return typeof this.target === 'string' ? this.target : null;
  }
  topicNameExtractor(): TopicNameExtractor | null {
    return typeof this.target === 'string' ? null : this.target;
  }
  override toString(): string {
    const target = typeof this.target === 'string' ? `topic: ${this.target}` : `extractor class: ${describeTopicNameExtractor(this.target)}`;
    return `Sink: ${this.name()} (${target})\n      <-- ${nodeNames(this.predecessors())}`;
  }
}

type NodeImpl = SourceImpl | ProcessorImpl | SinkImpl;

/** Java's NodeComparator: larger sub-tree first, then by name (UTF-16 code units, as String.compareTo). */
function compareNodes(a: NodeImpl, b: NodeImpl): number {
  if (a === b) return 0;
  if (a.size !== b.size) return b.size - a.size;
  return a.name() < b.name() ? -1 : a.name() > b.name() ? 1 : 0;
}

function nodeNames(nodes: readonly NodeDescription[]): string {
  return nodes.length === 0 ? 'none' : nodes.map((n) => n.name()).join(', ');
}

function updateSize(node: AbstractNode, delta: number): void {
  node.size += delta;
  for (const predecessor of node.predecessors()) updateSize(predecessor as NodeImpl, delta);
}

function describeSubtopology(id: number, specs: readonly DescribedNodeSpec[]): SubtopologyDescription {
  const specByName = new Map(specs.map((spec) => [spec.name, spec]));
  // Java wires the nodes up in the iteration order of a HashMap keyed by name; since successor and
  // predecessor sets compare sizes as they stand at insertion, that order shows in the text.
  const nodesByName = new Map<string, NodeImpl>();
  for (const name of hashSetOrder(specs.map((spec) => spec.name))) {
    const spec = specByName.get(name) as DescribedNodeSpec;
    nodesByName.set(name, describeNode(spec));
  }
  for (const node of nodesByName.values()) {
    const spec = specByName.get(node.name()) as DescribedNodeSpec;
    if (spec.kind === 'source') continue;
    for (const predecessorName of spec.predecessors) {
      const predecessor = nodesByName.get(predecessorName);
      if (predecessor === undefined) continue; // the builder keeps a node and its parents in one group
      node.addPredecessor(predecessor);
      predecessor.addSuccessor(node);
      updateSize(predecessor, node.size);
    }
  }
  // Sizes are final now, so this sort agrees with the TreeSet Java fills at this point.
  return new SubtopologyImpl(id, [...nodesByName.values()].sort(compareNodes));
}

function describeNode(spec: DescribedNodeSpec): NodeImpl {
  switch (spec.kind) {
    case 'source':
      return new SourceImpl(spec.name, spec.pattern === null ? spec.topics : null, spec.pattern);
    case 'processor':
      // Java: new HashSet<>(stateStoreNames), itself a HashSet filled in connection order.
      return new ProcessorImpl(spec.name, new Set(hashSetCopyOrder(hashSetOrder(spec.stores))));
    case 'sink':
      return new SinkImpl(spec.name, spec.topic);
  }
}

class SubtopologyImpl implements SubtopologyDescription {
  constructor(
    private readonly subtopologyId: number,
    private readonly nodeList: readonly NodeImpl[],
  ) {}

  id(): number {
    return this.subtopologyId;
  }
  nodes(): readonly NodeDescription[] {
    return this.nodeList;
  }
  toString(): string {
    return `Sub-topology: ${this.subtopologyId}\n${this.nodeList.map((node) => `    ${node.toString()}\n`).join('')}\n`;
  }
}

class GlobalStoreImpl implements GlobalStoreDescription {
  private readonly sourceNode: SourceImpl;
  private readonly processorNode: ProcessorImpl;

  constructor(
    private readonly storeId: number,
    sourceName: string,
    processorName: string,
    storeName: string,
    topic: string,
  ) {
    this.sourceNode = new SourceImpl(sourceName, [topic], null);
    this.processorNode = new ProcessorImpl(processorName, new Set([storeName]));
    this.sourceNode.addSuccessor(this.processorNode);
    this.processorNode.addPredecessor(this.sourceNode);
  }

  id(): number {
    return this.storeId;
  }
  source(): SourceNodeDescription {
    return this.sourceNode;
  }
  processor(): ProcessorNodeDescription {
    return this.processorNode;
  }
  toString(): string {
    return (
      `Sub-topology: ${this.storeId} for global store (will not generate tasks)\n` +
      `    ${this.sourceNode.toString()}\n    ${this.processorNode.toString()}\n`
    );
  }
}

class TopologyDescriptionImpl implements TopologyDescription {
  constructor(
    private readonly subtopologyList: readonly SubtopologyDescription[],
    private readonly globalStoreList: readonly GlobalStoreDescription[],
  ) {}

  subtopologies(): readonly SubtopologyDescription[] {
    return this.subtopologyList;
  }
  globalStores(): readonly GlobalStoreDescription[] {
    return this.globalStoreList;
  }

  toString(): string {
    // Java interleaves the two id-ordered lists: while both have entries, a sub-topology is printed
    // when its id is the next expected one, else a global store; the rest of either list follows.
    let text = 'Topologies:\n ';
    let s = 0;
    let g = 0;
    let expectedId = 0;
    while (s < this.subtopologyList.length && g < this.globalStoreList.length) {
      const subtopology = this.subtopologyList[s];
      text += '  ' + (subtopology.id() === expectedId ? this.subtopologyList[s++] : this.globalStoreList[g++]).toString();
      expectedId++;
    }
    while (s < this.subtopologyList.length) text += '  ' + this.subtopologyList[s++].toString();
    while (g < this.globalStoreList.length) text += '  ' + this.globalStoreList[g++].toString();
    return text;
  }
}
