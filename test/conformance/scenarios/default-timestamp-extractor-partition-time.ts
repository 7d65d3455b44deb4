// Twin of DefaultTimestampExtractorPartitionTime.java: the extractor comes from the vector's config
// (default.timestamp.extractor = UsePartitionTimeOnInvalidTimestamp).
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder.stream('in', Consumed.with(Serdes.String(), Serdes.String())).to('out', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
