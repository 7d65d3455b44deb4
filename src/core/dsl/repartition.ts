// Java's KStreamImpl#createRepartitionedSource: names the parts of a repartition topic and fills
// in the node builder. Every caller that may repartition goes through here — KStream#repartition,
// the groupings' aggregations, toTable after a key change, joins — so that all of them consume the
// name counter the same way Java does: three indexes (sink, filter, source, in that order), always,
// even when the names come from the user.
import type { Serde } from '../serde/serde';
import type { StreamPartitioner } from '../topology/topology-model';
import type { BaseRepartitionNode, RepartitionNodeBuilder } from './graph/repartition-node';
import type { InternalStreamsBuilder } from './internal-streams-builder';
import { FILTER_NAME, REPARTITION_TOPIC_SUFFIX, SINK_NAME, SOURCE_NAME } from './kstream-names';


/** A name the DSL generated (`KSTREAM-...-0000000042`, Java's regex `KSTREAM.*-[0-9]{10}`), as opposed to a user's. */
const GENERATED_NAME = /^KSTREAM.*-[0-9]{10}$/;

/**
 * Names a repartition topic `<prefix>-repartition` (unless the prefix already ends so) and its sink,
 * filter and source, fills them into `nodeBuilder` with the serdes and partitioner, and returns the
 * source's name (also the repartition graph node's name). A generated prefix gets generated
 * processor names (KSTREAM-SINK-…, KSTREAM-FILTER-…, KSTREAM-SOURCE-…); a user's prefix gives
 * `<topic>-sink`, `<topic>-filter`, `<topic>-source`. Null serdes mean the configured defaults.
 * The caller builds the node from `nodeBuilder` and adds it to the graph.
 */
export function createRepartitionedSource<K, V, N extends BaseRepartitionNode<K, V>>(
  builder: InternalStreamsBuilder,
  keySerde: Serde<K> | null,
  valueSerde: Serde<V> | null,
  repartitionTopicNamePrefix: string,
  streamPartitioner: StreamPartitioner<K, V> | null,
  nodeBuilder: RepartitionNodeBuilder<K, V, N>,
): string {
  const repartitionTopic = repartitionTopicNamePrefix.endsWith(REPARTITION_TOPIC_SUFFIX)
    ? repartitionTopicNamePrefix
    : repartitionTopicNamePrefix + REPARTITION_TOPIC_SUFFIX;

  // generated even when unused: the counter must advance as in Java
  const generatedSinkName = builder.newProcessorName(SINK_NAME);
  const generatedFilterName = builder.newProcessorName(FILTER_NAME);
  const generatedSourceName = builder.newProcessorName(SOURCE_NAME);

  const generated = GENERATED_NAME.test(repartitionTopicNamePrefix);
  const sinkName = generated ? generatedSinkName : `${repartitionTopic}-sink`;
  const filterName = generated ? generatedFilterName : `${repartitionTopic}-filter`;
  const sourceName = generated ? generatedSourceName : `${repartitionTopic}-source`;

  nodeBuilder
    .withKeySerde(keySerde)
    .withValueSerde(valueSerde)
    .withSourceName(sourceName)
    .withRepartitionTopic(repartitionTopic)
    .withSinkName(sinkName)
    .withFilterName(filterName)
    .withStreamPartitioner(streamPartitioner)
    .withNodeName(sourceName);
  return sourceName;
}
