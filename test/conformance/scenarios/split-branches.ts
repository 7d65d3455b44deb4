// Twin of SplitBranches.java: split(Named.as("route-")) into branches that each end in their own sink.
import { Branched, Consumed, Named, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const produced = Produced.with(Serdes.String(), Serdes.String());
  builder
    .stream('words', Consumed.with(Serdes.String(), Serdes.String()))
    .split(Named.as('route-'))
    .branch((_key, value) => value !== null && value.startsWith('a'), Branched.withConsumer((s) => s.to('a-words', produced), 'a'))
    .branch((_key, value) => value !== null && value.length > 3, Branched.withConsumer((s) => s.to('long-words', produced), 'long'))
    .defaultBranch(Branched.withConsumer((s) => s.to('other-words', produced), 'other'));
  return builder.build();
}
