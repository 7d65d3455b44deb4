// Twin of TableFilterMaterialized.java: KTable.filter materialized as "high-scores-store".
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('scores', Consumed.with(Serdes.String(), Serdes.Long()))
    .filter((_key, value) => value > 10, Materialized.as<string, number>('high-scores-store').withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
    .toStream()
    .to('high-scores', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
