// Twin of AggregateAfterFlatMapValues.java: flatMapValues then groupByKey().aggregate into "[a][b]".
import { Consumed, Grouped, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('tagged', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((value) => javaSplit(value, ','))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
    .aggregate(
      () => '',
      (_key, tag, tags) => `${tags}[${tag}]`,
      Materialized.as<string, string>('tag-store').withValueSerde(Serdes.String()),
    )
    .toStream()
    .to('tag-lists', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
