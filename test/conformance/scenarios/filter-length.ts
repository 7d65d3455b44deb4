// Twin of FilterLength.java: values longer than 5 UTF-16 units pass (JavaScript's length counts the same units).
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('stream_log', Consumed.with(Serdes.String(), Serdes.String()))
    .filter((_key, value) => value.length > 5)
    .to('stream_log_filter', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
