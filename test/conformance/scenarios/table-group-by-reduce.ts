// Twin of TableGroupByReduce.java: "category:amount" summed per category with an adder and a subtractor.
import { Consumed, Grouped, KeyValue, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit, parseLong } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('balances', Consumed.with(Serdes.String(), Serdes.String()))
    .groupBy(
      (_account, value) => KeyValue.pair(javaSplit(value, ':')[0], parseLong(javaSplit(value, ':')[1])),
      Grouped.with('by-category', Serdes.String(), Serdes.Long()),
    )
    .reduce(
      (total, amount) => total + amount,
      (total, amount) => total - amount,
      Materialized.as<string, number>('category-totals'),
    )
    .toStream()
    .to('category-totals', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
