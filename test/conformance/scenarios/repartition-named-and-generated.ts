// Twin of RepartitionNamedAndGenerated.java: repartition() with a name and without one.
import { Consumed, Produced, Repartitioned, Serdes, StreamsBuilder, type KStream, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const produced = Produced.with(Serdes.String(), Serdes.String());
  const clicks: KStream<string, string> = builder.stream('clicks', Consumed.with(Serdes.String(), Serdes.String()));
  clicks
    .selectKey((_key, value) => javaSplit(value, '@')[0])
    .repartition(Repartitioned.as<string, string>('by-user').withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
    .to('clicks-by-user', produced);
  clicks
    .selectKey((_key, value) => javaSplit(value, '@')[1])
    .repartition(Repartitioned.with(Serdes.String(), Serdes.String()))
    .mapValues((value) => javaSplit(value, '@')[0])
    .to('clicks-by-page', produced);
  return builder.build();
}
