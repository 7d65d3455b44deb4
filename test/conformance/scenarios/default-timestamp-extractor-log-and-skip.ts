// Twin of DefaultTimestampExtractorLogAndSkip.java: the extractor comes from the vector's config
// (default.timestamp.extractor = LogAndSkipOnInvalidTimestamp); a pass-through and a count.
import { Consumed, Grouped, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const stream = builder.stream('in', Consumed.with(Serdes.String(), Serdes.String()));
  stream.to('out', Produced.with(Serdes.String(), Serdes.String()));
  stream
    .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
    .count()
    .toStream()
    .to('counts', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
