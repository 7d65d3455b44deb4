// Twin of OrdersReduceByItem.java: map to (item, quantity), then groupByKey().reduce(sum).
import { Consumed, Grouped, KeyValue, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit, parseLong } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('orders', Consumed.with(Serdes.String(), Serdes.String()))
    .map((_orderId, line) => KeyValue.pair(javaSplit(line, ',')[0], parseLong(javaSplit(line, ',')[1])))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
    .reduce((a, b) => a + b, Materialized.as<string, number>('item-totals'))
    .toStream()
    .to('item-totals', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
