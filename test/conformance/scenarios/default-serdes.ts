// Twin of DefaultSerdes.java: no serde named anywhere; default.key.serde / default.value.serde come from the vector's config.
import { StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream<string, number>('amounts')
    .filter((_key, value) => value > 0)
    .groupByKey()
    .reduce((a, b) => a + b)
    .toStream()
    .to('totals');
  return builder.build();
}
