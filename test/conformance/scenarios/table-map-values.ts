// Twin of TableMapValues.java: two KTable.mapValues from one table, one materialized as "lengths".
// Java's `(key, value) ->` ValueMapperWithKey ports as `(value, key) =>` (docs/decisions.md).
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type KTable, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const names: KTable<string, string> = builder.table('names', Consumed.with(Serdes.String(), Serdes.String()));
  names
    .mapValues((value, key) => key.length + value.length, Materialized.as<string, number>('lengths').withKeySerde(Serdes.String()).withValueSerde(Serdes.Integer()))
    .toStream()
    .to('name-lengths', Produced.with(Serdes.String(), Serdes.Integer()));
  names
    .mapValues((value) => value.toUpperCase())
    .toStream()
    .to('upper-names', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
