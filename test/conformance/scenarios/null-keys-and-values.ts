// Twin of NullKeysAndValues.java: one grouped stream, a count and a reduce, beside a pass-through.
import { Consumed, Grouped, Materialized, Produced, Serdes, StreamsBuilder, type KGroupedStream, type KStream, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const stream: KStream<string, string> = builder.stream('in', Consumed.with(Serdes.String(), Serdes.String()));
  stream.to('passthrough', Produced.with(Serdes.String(), Serdes.String()));
  const grouped: KGroupedStream<string, string> = stream.groupByKey(Grouped.with(Serdes.String(), Serdes.String()));
  grouped
    .count(Materialized.as<string, number>('counts-store'))
    .toStream()
    .to('counts', Produced.with(Serdes.String(), Serdes.Long()));
  grouped
    .reduce((a, b) => `${a}+${b}`, Materialized.as<string, string>('concat-store'))
    .toStream()
    .to('concat', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
