// Twin of RepartitionAfterSelectKey.java: selectKey then groupByKey().count() reads through a repartition topic.
import { Consumed, Grouped, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('page-views', Consumed.with(Serdes.String(), Serdes.String()))
    .selectKey((_page, user) => user)
    .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
    .count()
    .toStream()
    .to('views-per-user', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
