// Twin of SelectKeyTwoAggregationsOptimized.java: the same topology built with
// topology.optimization=all (the vector's config), so both aggregations share one repartition topic.
import { StreamsBuilder, type Topology } from '../../../src/index';
import type { TwinConfig } from '../twin';
import { buildTopology } from './select-key-two-aggregations';

export function topology(config: TwinConfig): Topology {
  const builder = new StreamsBuilder();
  buildTopology(builder);
  return builder.build(config);
}
