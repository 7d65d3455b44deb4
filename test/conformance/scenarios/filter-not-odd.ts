// Twin of FilterNotOdd.java: filterNot drops even values (JavaScript's % keeps the sign, as Java's does).
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('numbers', Consumed.with(Serdes.String(), Serdes.Integer()))
    .filterNot((_key, value) => value % 2 === 0)
    .to('odd-numbers', Produced.with(Serdes.String(), Serdes.Integer()));
  return builder.build();
}
