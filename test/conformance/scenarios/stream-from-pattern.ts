// Twin of StreamFromPattern.java: a pattern source; processValues prefixes each value with its topic.
import { Consumed, Produced, Serdes, StreamsBuilder, type FixedKeyProcessorContext, type FixedKeyRecord, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream(/events-.*/, Consumed.with(Serdes.String(), Serdes.String()))
    .processValues(() => {
      let context!: FixedKeyProcessorContext<string, string>;
      return {
        init(c: FixedKeyProcessorContext<string, string>): void {
          context = c;
        },
        process(record: FixedKeyRecord<string, string>): void {
          const topic = context.recordMetadata()?.topic ?? '?';
          context.forward(record.withValue(`${topic}/${record.value}`));
        },
      };
    })
    .to('all-events', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
