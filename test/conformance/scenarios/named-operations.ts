// Twin of NamedOperations.java: every operation named (Consumed, Named, Grouped, Materialized, Produced).
import { Consumed, Grouped, Materialized, Named, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('text', Consumed.with(Serdes.String(), Serdes.String()).withName('text-source'))
    .filter((_key, value) => value !== null && value.length > 0, Named.as('non-empty'))
    .mapValues((value) => value.toLowerCase(), Named.as('lower'))
    .selectKey((_key, value) => value, Named.as('by-value'))
    .groupByKey(Grouped.as<string, string>('grouped').withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
    .count(Named.as('counter'), Materialized.as<string, number>('count-store'))
    .toStream(Named.as('count-changes'))
    .to('named-counts', Produced.with(Serdes.String(), Serdes.Long()).withName('counts-sink'));
  return builder.build();
}
