// Twin of FlatMapPairs.java: "a=1;b=2" becomes the records (a, 1), (b, 2).
import { Consumed, KeyValue, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit, parseLong } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('pairs', Consumed.with(Serdes.String(), Serdes.String()))
    .flatMap((_key, value) => {
      const result: KeyValue<string, number>[] = [];
      if (value === null) return result;
      for (const part of javaSplit(value, ';')) {
        if (part.length === 0) continue;
        const kv = javaSplit(part, '=');
        result.push(KeyValue.pair(kv[0], parseLong(kv[1])));
      }
      return result;
    })
    .to('parsed', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
