// Twin of MapValuesWithKey.java: a value-only mapper, then a key-aware one. Java's `(key, value) ->`
// ports as `(value, key) =>` (docs/decisions.md); a template literal prints null as "null", as Java's `+`.
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('in', Consumed.with(Serdes.String(), Serdes.String()))
    .mapValues((value) => (value === null ? null : value.toUpperCase()))
    .mapValues((value, key) => `${key}:${value}`)
    .to('out', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
