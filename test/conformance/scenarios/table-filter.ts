// Twin of TableFilter.java: an unmaterialized KTable.filter.
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('scores', Consumed.with(Serdes.String(), Serdes.Long()))
    .filter((_key, value) => value > 10)
    .toStream()
    .to('high-scores', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
