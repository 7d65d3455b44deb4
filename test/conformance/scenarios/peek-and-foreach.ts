// Twin of PeekAndForeach.java: peek passes records on unchanged, foreach ends its branch.
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const seen: (string | null)[] = [];
  const stream = builder.stream('in', Consumed.with(Serdes.String(), Serdes.String()));
  stream.peek((key) => seen.push(key)).to('out', Produced.with(Serdes.String(), Serdes.String()));
  stream.foreach((_key, value) => seen.push(value));
  return builder.build();
}
