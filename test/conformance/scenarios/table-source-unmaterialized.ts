// Twin of TableSourceUnmaterialized.java: builder.table without Materialized, straight to toStream().
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('users', Consumed.with(Serdes.String(), Serdes.String()))
    .toStream()
    .to('user-changes', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
