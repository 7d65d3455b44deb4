// Twin of TableGroupByCount.java: users per region, groupBy(region).count(Materialized.as("region-counts")).
import { Consumed, Grouped, KeyValue, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('user-regions', Consumed.with(Serdes.String(), Serdes.String()))
    .groupBy((user, region) => KeyValue.pair(region, user), Grouped.with(Serdes.String(), Serdes.String()))
    .count(Materialized.as<string, number>('region-counts'))
    .toStream()
    .to('region-counts', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
