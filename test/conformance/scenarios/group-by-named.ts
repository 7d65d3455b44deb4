// Twin of GroupByNamed.java: groupBy with Grouped.with("by-first-letter", ...); an empty value maps to a null key.
import { Consumed, Grouped, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('names', Consumed.with(Serdes.String(), Serdes.String()))
    .groupBy((_key, value) => (value.length === 0 ? null : value.substring(0, 1)), Grouped.with<string | null, string>('by-first-letter', Serdes.String(), Serdes.String()))
    .count(Materialized.as<string | null, number>('letter-counts-store'))
    .toStream()
    .to('letter-counts', Produced.with<string | null, number>(Serdes.String(), Serdes.Long()));
  return builder.build();
}
