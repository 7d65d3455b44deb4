// Twin of MapSwap.java: map swaps key and value, and the serdes with them.
import { Consumed, KeyValue, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('in', Consumed.with(Serdes.String(), Serdes.Integer()))
    .map((key, value) => KeyValue.pair(value, key))
    .to('swapped', Produced.with(Serdes.Integer(), Serdes.String()));
  return builder.build();
}
