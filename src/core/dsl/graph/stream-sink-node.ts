// Java's StreamSinkNode: KStream#to — a sink writing to a fixed topic or to the topic a
// TopicNameExtractor picks per record.
import type { Serde } from '../../serde/serde';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import type { StreamPartitioner, TopicNameExtractor } from '../../topology/topology-model';
import { GraphNode } from './graph-node';

export interface SinkSpec<K, V> {
  readonly topic: string | TopicNameExtractor<K, V>;
  /** Null: `default.key.serde`. */
  readonly keySerde: Serde<K> | null;
  /** Null: `default.value.serde`. */
  readonly valueSerde: Serde<V> | null;
  readonly partitioner: StreamPartitioner<K, V> | null;
}

export class StreamSinkNode<K, V> extends GraphNode {
  constructor(
    nodeName: string,
    private readonly spec: SinkSpec<K, V>,
  ) {
    super(nodeName);
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    const { topic, keySerde, valueSerde, partitioner } = this.spec;
    builder.addSink({
      name: this.nodeName,
      topic: topic as string | TopicNameExtractor,
      keySerializer: keySerde === null ? null : keySerde.serializer(),
      valueSerializer: valueSerde === null ? null : valueSerde.serializer(),
      partitioner: partitioner as StreamPartitioner | null,
      parentNames: this.parentNodeNames(),
    });
  }
}
