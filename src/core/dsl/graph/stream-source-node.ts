// Java's StreamSourceNode: StreamsBuilder#stream — a source reading a list of topics or a pattern.
// Reading the same topics (or pattern) twice is allowed: before the build, the second source is
// merged into the first (Java's mergeDuplicateSourceNodes), so both streams share one source.
import { TopologyError } from '../../../errors';
import type { Serde } from '../../serde/serde';
import type { TimestampExtractor } from '../../time/timestamp-extractor';
import { hashSetCopyOrder } from '../../topology/java-iteration-order';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import type { OffsetResetPolicy } from '../../topology/topology-model';
import { GraphNode } from './graph-node';

export interface SourceSpec<K, V> {
  readonly keySerde: Serde<K> | null;
  readonly valueSerde: Serde<V> | null;
  readonly timestampExtractor: TimestampExtractor | null;
  readonly offsetResetPolicy: OffsetResetPolicy | null;
}

export class StreamSourceNode<K, V> extends GraphNode {
  /** In the order of Java's HashSet of the names, which is the order Java registers them in. */
  readonly topicNames: readonly string[] | null;
  readonly topicPattern: RegExp | null;

  constructor(
    nodeName: string,
    topics: readonly string[] | RegExp,
    readonly spec: SourceSpec<K, V>,
  ) {
    super(nodeName);
    this.topicNames = topics instanceof RegExp ? null : hashSetCopyOrder(topics);
    this.topicPattern = topics instanceof RegExp ? topics : null;
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    const { keySerde, valueSerde, timestampExtractor, offsetResetPolicy } = this.spec;
    builder.addSource({
      name: this.nodeName,
      ...(this.topicPattern !== null ? { pattern: this.topicPattern } : { topics: this.topicNames as readonly string[] }),
      keyDeserializer: keySerde === null ? null : keySerde.deserializer(),
      valueDeserializer: valueSerde === null ? null : valueSerde.deserializer(),
      timestampExtractor,
      offsetReset: offsetResetPolicy,
    });
  }

  /** Takes over `other`'s children (Java's StreamSourceNode#merge); the reset policies must agree. */
  merge(other: StreamSourceNode<unknown, unknown>): void {
    if (this.spec.offsetResetPolicy !== other.spec.offsetResetPolicy) {
      throw new TopologyError(
        `Can't configure different offset reset policies on the same input topic(s): sources ${this.nodeName} and ${other.nodeName} ` +
          `subscribe to ${describeSubscription(this)} with policies ${String(this.spec.offsetResetPolicy)} and ${String(other.spec.offsetResetPolicy)}.`,
      );
    }
    for (const child of [...other.children]) {
      detach(other, child);
      this.addChild(child);
    }
  }
}

/**
 * Java's InternalStreamsBuilder#mergeDuplicateSourceNodes: sources of the root that subscribe to the
 * same pattern, or to exactly the same set of topics, become one. Two topic lists that overlap
 * without being equal cannot be merged and are a TopologyError.
 */
export function mergeDuplicateSourceNodes(root: GraphNode): void {
  const byTopic = new Map<string, StreamSourceNode<unknown, unknown>>();
  const byPattern = new Map<string, StreamSourceNode<unknown, unknown>>();
  for (const node of [...root.children]) {
    if (!(node instanceof StreamSourceNode)) continue;
    const source = node as StreamSourceNode<unknown, unknown>;
    if (source.topicPattern !== null) {
      const key = `${source.topicPattern.source}\u0000${source.topicPattern.flags}`;
      const main = byPattern.get(key);
      if (main === undefined) byPattern.set(key, source);
      else {
        main.merge(source);
        detach(root, source);
      }
      continue;
    }
    for (const topic of source.topicNames ?? []) {
      const main = byTopic.get(topic);
      if (main === undefined) {
        byTopic.set(topic, source);
        continue;
      }
      if (!sameTopics(main, source)) {
        throw new TopologyError(
          `Two source nodes are subscribed to overlapping but not equal input topics: ${main.nodeName} reads ${describeSubscription(main)}, ` +
            `${source.nodeName} reads ${describeSubscription(source)}. Read each topic with one stream and share it.`,
          { context: { topic } },
        );
      }
      main.merge(source);
      detach(root, source);
    }
  }
}

function sameTopics(a: StreamSourceNode<unknown, unknown>, b: StreamSourceNode<unknown, unknown>): boolean {
  const setA = new Set(a.topicNames ?? []);
  const listB = b.topicNames ?? [];
  return setA.size === new Set(listB).size && listB.every((topic) => setA.has(topic));
}

function describeSubscription(node: StreamSourceNode<unknown, unknown>): string {
  return node.topicPattern !== null ? `pattern ${node.topicPattern.source}` : `[${(node.topicNames ?? []).join(', ')}]`;
}

/** Java's GraphNode#removeChild: the child loses this parent, keeping the order of its other parents. */
function detach(parent: GraphNode, child: GraphNode): void {
  const childIndex = parent.children.indexOf(child);
  if (childIndex >= 0) parent.children.splice(childIndex, 1);
  const parentIndex = child.parents.indexOf(parent);
  if (parentIndex >= 0) child.parents.splice(parentIndex, 1);
}
