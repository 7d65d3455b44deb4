// Twin of SelectKeyTwoAggregations.java: one key change, one grouping, two aggregations (each with
// its own repartition topic, without optimization).
import { Consumed, Grouped, Produced, Serdes, StreamsBuilder, type KGroupedStream, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

/** Shared with the optimized twin, as in Java. */
export function buildTopology(builder: StreamsBuilder): void {
  const byRegion: KGroupedStream<string, number> = builder
    .stream('sales', Consumed.with(Serdes.String(), Serdes.Long()))
    .selectKey((shop) => javaSplit(shop, '/')[0])
    .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()));
  byRegion.count().toStream().to('sales-count', Produced.with(Serdes.String(), Serdes.Long()));
  byRegion
    .reduce((a, b) => a + b)
    .toStream()
    .to('sales-total', Produced.with(Serdes.String(), Serdes.Long()));
}

export function topology(): Topology {
  const builder = new StreamsBuilder();
  buildTopology(builder);
  return builder.build();
}
