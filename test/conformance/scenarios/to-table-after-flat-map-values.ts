// Twin of ToTableAfterFlatMapValues.java: flatMapValues then toTable (no repartition: the key is unchanged).
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('lines', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((value) => javaSplit(value, ' '))
    .toTable(Materialized.as<string, string>('last-word-store').withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
    .toStream()
    .to('last-word', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
