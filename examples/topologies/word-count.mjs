// Word count (Kafka Streams' WordCountDemo): lines from text-input, counts per word to word-counts.
// A topology module: every worker thread imports it, so it only defines the topology.
import { Consumed, Grouped, Materialized, Produced, Serdes, defineTopology } from 'kstreams';

export const inputTopic = process.env.WORD_COUNT_INPUT ?? 'text-input';
export const outputTopic = process.env.WORD_COUNT_OUTPUT ?? 'word-counts';

export default defineTopology((builder) => {
  builder
    .stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((line) => line.toLowerCase().split(/\W+/).filter((word) => word.length > 0))
    .groupBy((_key, word) => word, Grouped.with(Serdes.String(), Serdes.String()))
    .count(Materialized.as('counts-store'))
    .toStream()
    .to(outputTopic, Produced.with(Serdes.String(), Serdes.Long()));
});
