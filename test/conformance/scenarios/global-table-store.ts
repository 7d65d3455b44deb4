// Twin of GlobalTableStore.java: a global table materialized as "currencies-store" beside a stream.
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder.globalTable('currencies', Consumed.with(Serdes.String(), Serdes.String()), Materialized.as<string, string>('currencies-store'));
  builder
    .stream('payments', Consumed.with(Serdes.String(), Serdes.String()))
    .mapValues((value) => `${value} (unconverted)`)
    .to('payments-out', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
