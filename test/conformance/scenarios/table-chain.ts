// Twin of TableChain.java: filter, mapValues and filterNot chained on a materialized table.
import { Consumed, Materialized, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit, parseLong } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .table('products', Consumed.with(Serdes.String(), Serdes.String()), Materialized.as<string, string>('products-store'))
    .filter((_key, value) => parseLong(javaSplit(value, ',')[1]) > 0)
    .mapValues((value) => javaSplit(value, ',')[0].toUpperCase())
    .filterNot((_key, value) => value.startsWith('X'))
    .toStream()
    .to('catalog', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
