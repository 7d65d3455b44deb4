// W3 of bench/throughput.ts: Kafka Streams' word count (through a repartition topic, counts in a
// LevelDB store with the record cache), at least once.
import { Consumed, Grouped, Produced, Serdes, defineTopology } from 'kstreams';

export default defineTopology((builder) => {
  builder
    .stream(process.env.THROUGHPUT_INPUT ?? 'input', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((line) => line.split(' '))
    .groupBy((_key, word) => word, Grouped.with(Serdes.String(), Serdes.String()))
    .count()
    .toStream()
    .to(process.env.THROUGHPUT_OUTPUT ?? 'output', Produced.with(Serdes.String(), Serdes.Long()));
});
