// Twin of WordCount.java: the word count, on default serdes String/String (the vector's config).
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('streams-plaintext-input', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMapValues((value) => javaSplit(value.toLowerCase(), /\W+/))
    .groupBy((_key, word) => word)
    .count(Materialized.as<string, number>('counts-store'))
    .toStream()
    .to('streams-wordcount-output', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
