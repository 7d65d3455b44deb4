// Twin of TableToStreamRekey.java: KTable.toStream(KeyValueMapper); the mapper sees tombstones too
// (a template literal prints null as "null", as Java's `+`).
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('codes', Consumed.with(Serdes.String(), Serdes.String()))
    .toStream((key, value) => `${key.toUpperCase()}-${value}`)
    .to('codes-upper', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
