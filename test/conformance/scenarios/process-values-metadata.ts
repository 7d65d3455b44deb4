// Twin of ProcessValuesMetadata.java: processValues reads the record's topic, partition and offset.
import { Consumed, Produced, Serdes, StreamsBuilder, type FixedKeyProcessorContext, type FixedKeyRecord, type KStream, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const left: KStream<string, string> = builder.stream('left', Consumed.with(Serdes.String(), Serdes.String()));
  const right: KStream<string, string> = builder.stream('right', Consumed.with(Serdes.String(), Serdes.String()));
  left
    .merge(right)
    .processValues(() => {
      let context!: FixedKeyProcessorContext<string, string>;
      return {
        init(c: FixedKeyProcessorContext<string, string>): void {
          context = c;
        },
        process(record: FixedKeyRecord<string, string>): void {
          const m = context.recordMetadata();
          if (!m) throw new Error('no record metadata');
          context.forward(record.withValue(`${m.topic}-${m.partition}@${m.offset} t=${record.timestamp} ${record.value}`));
        },
      };
    })
    .to('annotated', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
