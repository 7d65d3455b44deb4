// Twin of SplitAndMerge.java: split with a mapped branch, two branches merged back, the rest apart.
import { Branched, Consumed, Named, Produced, Serdes, StreamsBuilder, type KStream, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const branches: Map<string, KStream<string, number>> = builder
    .stream('numbers', Consumed.with(Serdes.String(), Serdes.Integer()))
    .split(Named.as('n-'))
    .branch((_key, value) => value % 2 === 0, Branched.as('even'))
    .branch((_key, value) => value % 3 === 0, Branched.withFunction((s) => s.mapValues((v) => v * 100), 'by-three'))
    .defaultBranch(Branched.as('rest'));
  const produced = Produced.with(Serdes.String(), Serdes.Integer());
  branches.get('n-even')!.merge(branches.get('n-by-three')!).to('merged', produced);
  branches.get('n-rest')!.to('rest', produced);
  return builder.build();
}
