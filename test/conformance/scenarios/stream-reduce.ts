// Twin of StreamReduce.java: reduce into "a|b|c" materialized as "history".
import { Consumed, Grouped, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('steps', Consumed.with(Serdes.String(), Serdes.String()))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
    .reduce((history, step) => `${history}|${step}`, Materialized.as<string, string>('history'))
    .toStream()
    .to('histories', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
