// Twin of TableFilterNot.java: KTable.filterNot on a materialized source table.
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('files', Consumed.with(Serdes.String(), Serdes.String()), Materialized.as<string, string>('files-store'))
    .filterNot((_key, value) => value.startsWith('tmp'))
    .toStream()
    .to('kept-files', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
