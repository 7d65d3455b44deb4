// Twin of MergeTopics.java: two source streams merged, then mapped into one topic.
import { Consumed, Produced, Serdes, StreamsBuilder, type KStream, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const left: KStream<string, string> = builder.stream('left', Consumed.with(Serdes.String(), Serdes.String()));
  const right: KStream<string, string> = builder.stream('right', Consumed.with(Serdes.String(), Serdes.String()));
  left
    .merge(right)
    .mapValues((value) => `seen:${value}`)
    .to('merged', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
