// Twin of CountCachingDisabled.java: count(Materialized.as("item-count").withCachingDisabled()).
import { Consumed, Grouped, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('baskets', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((value) => javaSplit(value, ','))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
    .count(Materialized.as<string, number>('item-count').withCachingDisabled())
    .toStream()
    .to('basket-sizes', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
