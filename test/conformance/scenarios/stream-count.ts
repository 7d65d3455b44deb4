// Twin of StreamCount.java: groupByKey().count() with the generated store name.
import { Consumed, Grouped, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('clicks', Consumed.with(Serdes.String(), Serdes.String()))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
    .count()
    .toStream()
    .to('click-counts', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
