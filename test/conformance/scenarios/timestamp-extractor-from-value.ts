// Twin of TimestampExtractorFromValue.java: Consumed.withTimestampExtractor reads "1500|x" as 1500,
// "?|x" as the partition time, anything else as -1 (dropped).
import { Consumed, Produced, Serdes, StreamsBuilder, type ConsumedRecord, type TimestampExtractor, type Topology } from '../../../src/index';
import { parseLong } from '../java-lang';

class ValuePrefixTimestamp implements TimestampExtractor {
  extract(record: ConsumedRecord, partitionTime: number): number {
    const value = record.value as string | null;
    const prefix = value === null || !value.includes('|') ? '' : value.substring(0, value.indexOf('|'));
    if (prefix === '?') return partitionTime;
    try {
      return parseLong(prefix);
    } catch {
      return -1;
    }
  }
}

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('timed', Consumed.with(Serdes.String(), Serdes.String()).withTimestampExtractor(new ValuePrefixTimestamp()))
    .mapValues((value) => value.substring(value.indexOf('|') + 1))
    .to('timed-out', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
