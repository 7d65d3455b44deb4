// Twin of TableSource.java: builder.table materialized as "users-store", its changes to a topic.
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('users', Consumed.with(Serdes.String(), Serdes.String()), Materialized.as<string, string>('users-store'))
    .toStream()
    .to('user-changes', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
