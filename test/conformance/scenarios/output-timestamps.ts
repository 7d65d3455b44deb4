// Twin of OutputTimestamps.java: processValues forwards two records with timestamps moved forward
// and back; both go to a sink and into a count.
import { Consumed, Grouped, Produced, Serdes, StreamsBuilder, type FixedKeyProcessorContext, type FixedKeyRecord, type KStream, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const shifted: KStream<string, string> = builder
    .stream('in', Consumed.with(Serdes.String(), Serdes.String()))
    .processValues(() => {
      let context!: FixedKeyProcessorContext<string, string>;
      return {
        init(c: FixedKeyProcessorContext<string, string>): void {
          context = c;
        },
        process(record: FixedKeyRecord<string, string>): void {
          context.forward(record.withValue(`${record.value}:later`).withTimestamp(record.timestamp + 1_000));
          context.forward(record.withValue(`${record.value}:earlier`).withTimestamp(record.timestamp - 500));
        },
      };
    });
  shifted.to('shifted', Produced.with(Serdes.String(), Serdes.String()));
  shifted
    .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
    .count()
    .toStream()
    .to('counts', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
