// Java's topology optimizations (StreamsConfig `topology.optimization`, applied by
// InternalStreamsBuilder#optimizeTopology before the graph is written):
// - reuse.ktable.source.topics: a source KTable's store is restored from its input topic, so it
//   gets no changelog of its own;
// - merge.repartition.topics: the repartition topics that follow one key-changing operation are
//   replaced by a single one (named after the first), which all their consumers read.
// single.store.self.join needs stream-stream joins, which kstreams does not have yet: it is accepted
// and does nothing.
import { TopologyError } from '../../errors';
import type { GraphNode } from './graph/graph-node';
import { optimizableRepartitionNodeBuilder, type OptimizableRepartitionNode } from './graph/repartition-node';
import type { TableSourceNode } from './graph/table-source-node';
import type { InternalStreamsBuilder } from './internal-streams-builder';
import { createRepartitionedSource } from './repartition';

export const REUSE_KTABLE_SOURCE_TOPICS = 'reuse.ktable.source.topics';
export const MERGE_REPARTITION_TOPICS = 'merge.repartition.topics';
export const SINGLE_STORE_SELF_JOIN = 'single.store.self.join';
const ALL = [REUSE_KTABLE_SOURCE_TOPICS, MERGE_REPARTITION_TOPICS, SINGLE_STORE_SELF_JOIN];

/**
 * The optimizations `topology.optimization` asks for (Java's getTopologyOptimizationConfigs): 'none'
 * (the default), 'all', or a comma-separated list of their names.
 */
export function optimizationsOf(config: Readonly<{ [key: string]: unknown }> | undefined): ReadonlySet<string> {
  const value = config?.['topology.optimization'];
  if (value === undefined || value === null) return new Set();
  if (typeof value !== 'string') throw invalidOptimization(value);
  const parts = value.trim().split(/\s*,\s*/);
  if (parts.length === 1 && parts[0] === 'none') return new Set();
  if (parts.length === 1 && parts[0] === 'all') return new Set(ALL);
  for (const part of parts) if (!ALL.includes(part)) throw invalidOptimization(value);
  return new Set(parts);
}

function invalidOptimization(value: unknown): TopologyError {
  return new TopologyError(
    `Invalid value ${JSON.stringify(value)} for topology.optimization: use 'none', 'all', or a comma-separated list of ${ALL.map((o) => `'${o}'`).join(', ')}.`,
    { context: { configKey: 'topology.optimization' } },
  );
}

/** What the optimizations need to know of the graph, recorded as nodes are added (Java's maybeAddNodeForOptimizationMetadata). */
export class OptimizationMetadata {
  /** Each key-changing node, with the optimizable repartition nodes that follow it (insertion order kept). */
  readonly keyChangingOperationsToOptimizableRepartitionNodes = new Map<GraphNode, Set<OptimizableRepartitionNode<unknown, unknown>>>();
  readonly mergeNodes: GraphNode[] = [];
  readonly tableSourceNodes: TableSourceNode<unknown, unknown>[] = [];

  record(node: GraphNode, kind: { optimizableRepartition: boolean; tableSource: boolean }): void {
    if (node.keyChangingOperation) {
      this.keyChangingOperationsToOptimizableRepartitionNodes.set(node, new Set());
    } else if (kind.optimizableRepartition) {
      const parent = keyChangingParentNode(node);
      if (parent !== null) this.keyChangingOperationsToOptimizableRepartitionNodes.get(parent)?.add(node as OptimizableRepartitionNode<unknown, unknown>);
    } else if (node.mergeNode) {
      this.mergeNodes.push(node);
    } else if (kind.tableSource) {
      this.tableSourceNodes.push(node as TableSourceNode<unknown, unknown>);
    }
  }
}

/** Java's InternalStreamsBuilder#optimizeTopology. */
export function optimizeTopology(builder: InternalStreamsBuilder, metadata: OptimizationMetadata, optimizations: ReadonlySet<string>): void {
  if (optimizations.has(REUSE_KTABLE_SOURCE_TOPICS)) {
    for (const node of metadata.tableSourceNodes) node.reuseSourceTopicForChangelog = true;
  }
  if (optimizations.has(MERGE_REPARTITION_TOPICS)) mergeRepartitionTopics(builder, metadata);
}

/** Java's mergeRepartitionTopics. */
function mergeRepartitionTopics(builder: InternalStreamsBuilder, metadata: OptimizationMetadata): void {
  maybeUpdateKeyChangingRepartitionNodeMap(metadata);
  const map = metadata.keyChangingOperationsToOptimizableRepartitionNodes;
  for (const [keyChangingNode, repartitionNodes] of [...map]) {
    if (repartitionNodes.size === 0) continue;
    const nodes = [...repartitionNodes];
    // the first key serde and the first value serde any of them has
    const keySerde = nodes.find((n) => n.keySerde !== null)?.keySerde ?? null;
    const valueSerde = nodes.find((n) => n.valueSerde !== null)?.valueSerde ?? null;
    const repartitionTopic = nodes[0].repartitionTopic;
    const nodeBuilder = optimizableRepartitionNodeBuilder<unknown, unknown>();
    createRepartitionedSource(builder, keySerde, valueSerde, repartitionTopic, null, nodeBuilder);
    const optimizedSingleRepartition = nodeBuilder.withRepartitionTopic(repartitionTopic).build();
    // the parent's build priority: the new node is written before everything downstream of it
    optimizedSingleRepartition.buildPriority = keyChangingNode.buildPriority;

    for (const toReplace of nodes) {
      const keyChangingNodeChild = findParentNodeMatching(toReplace, (n) => n.parents.includes(keyChangingNode));
      if (keyChangingNodeChild === null) throw new TopologyError(`Found a null keyChangingChild node for ${toReplace.nodeName}`);
      // the key changer's child now hangs from the single repartition node
      optimizedSingleRepartition.addChild(keyChangingNodeChild);
      keyChangingNode.removeChild(keyChangingNodeChild);
      // the replaced node's children move up to its parents, and the node leaves the graph
      const children = [...toReplace.children];
      const parents = [...toReplace.parents];
      for (const child of children) for (const parent of parents) parent.addChild(child);
      for (const parent of parents) parent.removeChild(toReplace);
      toReplace.clearChildren();
    }
    keyChangingNode.addChild(optimizedSingleRepartition);
    map.delete(keyChangingNode);
  }
}

/** Java's maybeUpdateKeyChangingRepartitionNodeMap: key changers upstream of a merge are keyed by the merge instead. */
function maybeUpdateKeyChangingRepartitionNodeMap(metadata: OptimizationMetadata): void {
  const map = metadata.keyChangingOperationsToOptimizableRepartitionNodes;
  const mergeNodesToKeyChangers = new Map<GraphNode, Set<GraphNode>>();
  const keyChangersToRemove = new Set<GraphNode>();
  for (const mergeNode of metadata.mergeNodes) {
    const keyChangers = new Set<GraphNode>();
    mergeNodesToKeyChangers.set(mergeNode, keyChangers);
    for (const [keyChanger, repartitionNodes] of map) {
      if (mergeNodeHasRepartitionChildren(mergeNode, repartitionNodes)) {
        if (findParentNodeMatching(mergeNode, (n) => n.parents.includes(keyChanger)) !== null) keyChangers.add(keyChanger);
      }
    }
  }
  for (const [mergeNode, keyChangers] of mergeNodesToKeyChangers) {
    const repartitionNodes = new Set<OptimizableRepartitionNode<unknown, unknown>>();
    for (const keyChanger of keyChangers) {
      for (const node of map.get(keyChanger) ?? []) repartitionNodes.add(node);
      keyChangersToRemove.add(keyChanger);
    }
    map.set(mergeNode, repartitionNodes);
  }
  for (const keyChanger of keyChangersToRemove) map.delete(keyChanger);
}

/** Whether every one of the repartition nodes is downstream of the merge (true for none, as Java's allMatch). */
function mergeNodeHasRepartitionChildren(mergeNode: GraphNode, repartitionNodes: ReadonlySet<GraphNode>): boolean {
  for (const node of repartitionNodes) {
    if (findParentNodeMatching(node, (n) => n.parents.includes(mergeNode)) === null) return false;
  }
  return true;
}

/** Java's getKeyChangingParentNode: the nearest key- or value-changing ancestor, if it changes the key. */
function keyChangingParentNode(repartitionNode: GraphNode): GraphNode | null {
  const shouldBeKeyChanging = findParentNodeMatching(repartitionNode, (n) => n.keyChangingOperation || n.valueChangingOperation);
  const keyChanging = findParentNodeMatching(repartitionNode, (n) => n.keyChangingOperation);
  return shouldBeKeyChanging !== null && shouldBeKeyChanging === keyChanging ? keyChanging : null;
}

/**
 * Java's findParentNodeMatching, as written: the node itself, else a parent that matches, else what
 * the search above the last parent found.
 */
function findParentNodeMatching(start: GraphNode, predicate: (node: GraphNode) => boolean): GraphNode | null {
  if (predicate(start)) return start;
  let found: GraphNode | null = null;
  for (const parent of start.parents) {
    if (predicate(parent)) return parent;
    found = findParentNodeMatching(parent, predicate);
  }
  return found;
}
