// Twin of StreamAggregate.java: aggregate "count,sum" per key with Materialized.with(String, String).
import { Consumed, Grouped, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit, parseLong } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('payments', Consumed.with(Serdes.String(), Serdes.Long()))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
    .aggregate(
      () => '0,0',
      (_key, amount, stats) => {
        const parts = javaSplit(stats, ',');
        return `${parseLong(parts[0]) + 1},${parseLong(parts[1]) + amount}`;
      },
      Materialized.with(Serdes.String(), Serdes.String()),
    )
    .toStream()
    .to('payment-stats', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
