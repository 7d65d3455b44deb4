// Twin of StreamFromTopicList.java: one source over two topics.
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream(['metrics-a', 'metrics-b'], Consumed.with(Serdes.String(), Serdes.Long()))
    .filter((_key, value) => value >= 0)
    .to('metrics', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
