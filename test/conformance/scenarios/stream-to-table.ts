// Twin of StreamToTable.java: toTable(Materialized.as("latest")) then its changes to a topic.
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('readings', Consumed.with(Serdes.String(), Serdes.String()))
    .toTable(Materialized.as<string, string>('latest').withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
    .toStream()
    .to('latest-readings', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
