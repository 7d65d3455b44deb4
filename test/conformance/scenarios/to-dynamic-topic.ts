// Twin of ToDynamicTopic.java: a TopicNameExtractor picks the topic; describe() prints the function's name.
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

function routeByRegion(_key: string, value: string): string {
  return `route-${javaSplit(value, ':')[0]}`;
}

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('orders', Consumed.with(Serdes.String(), Serdes.String()))
    .to(routeByRegion, Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
