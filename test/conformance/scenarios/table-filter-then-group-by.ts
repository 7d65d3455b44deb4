// Twin of TableFilterThenGroupBy.java: an unmaterialized filter feeding a groupBy/reduce, which
// forces the source table to be materialized.
import { Consumed, Grouped, KeyValue, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('scores', Consumed.with(Serdes.String(), Serdes.Long()))
    .filter((_key, value) => value > 10)
    .groupBy((_key, value) => KeyValue.pair('all', value), Grouped.with(Serdes.String(), Serdes.Long()))
    .reduce(
      (a, b) => a + b,
      (agg, old) => agg - old,
      Materialized.as<string, number>('high-total-store'),
    )
    .toStream()
    .to('high-total', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
