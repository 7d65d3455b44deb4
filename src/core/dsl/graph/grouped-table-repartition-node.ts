// Java's GroupedTableOperationRepartitionNode: KTable#groupBy's repartition — a sink writing the
// selected (key, Change) records to `<name>-repartition` and a source reading them back in the next
// sub-topology. Values travel as Changes (old and/or new value) in Java's byte format.
import { ChangedDeserializer, ChangedSerializer } from '../../processor/change-serde';
import type { Serde } from '../../serde/serde';
import { FailOnInvalidTimestamp } from '../../time/timestamp-extractors';
import type { InternalTopologyBuilder } from '../../topology/internal-topology-builder';
import { GraphNode } from './graph-node';

export interface GroupedTableRepartitionSpec<K, V> {
  readonly sinkName: string;
  readonly sourceName: string;
  /** Without the application id prefix. */
  readonly repartitionTopic: string;
  /** Null: `default.key.serde`. */
  readonly keySerde: Serde<K> | null;
  /** The plain value serde inside the Change; null: `default.value.serde`. */
  readonly valueSerde: Serde<V> | null;
}

export class GroupedTableRepartitionNode<K, V> extends GraphNode {
  /** The node is named after its source, as in Java. */
  constructor(readonly spec: GroupedTableRepartitionSpec<K, V>) {
    super(spec.sourceName);
  }

  writeToTopology(builder: InternalTopologyBuilder): void {
    const { sinkName, sourceName, repartitionTopic, keySerde, valueSerde } = this.spec;
    builder.addInternalTopic(repartitionTopic, { kind: 'repartition' });
    builder.addSink({
      name: sinkName,
      topic: repartitionTopic,
      keySerializer: keySerde?.serializer() ?? null,
      valueSerializer: new ChangedSerializer(valueSerde?.serializer() ?? null),
      partitioner: null,
      parentNames: this.parentNodeNames(),
    });
    builder.addSource({
      name: sourceName,
      topics: [repartitionTopic],
      keyDeserializer: keySerde?.deserializer() ?? null,
      valueDeserializer: new ChangedDeserializer(valueSerde?.deserializer() ?? null),
      timestampExtractor: new FailOnInvalidTimestamp(),
    });
  }
}
