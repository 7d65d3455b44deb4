// Twin of FlatMapValuesWords.java: one record per space-separated word.
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('lines', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((value) => (value === null ? [] : javaSplit(value, ' ')))
    .to('words', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
