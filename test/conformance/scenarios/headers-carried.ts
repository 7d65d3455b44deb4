// Twin of HeadersCarried.java: processValues edits the headers in place; they travel through
// flatMapValues, a sink, and a repartition topic into a count.
import { Consumed, Grouped, Produced, Serdes, StreamsBuilder, type FixedKeyProcessorContext, type FixedKeyRecord, type KStream, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const words: KStream<string, string> = builder
    .stream('docs', Consumed.with(Serdes.String(), Serdes.String()))
    .processValues(() => {
      let context!: FixedKeyProcessorContext<string, string>;
      return {
        init(c: FixedKeyProcessorContext<string, string>): void {
          context = c;
        },
        process(record: FixedKeyRecord<string, string>): void {
          record.headers.remove('drop-me');
          record.headers.add('stage', Buffer.from('tagged', 'utf8'));
          context.forward(record);
        },
      };
    })
    .flatMapValues((value) => javaSplit(value, ' '));
  words.to('words', Produced.with(Serdes.String(), Serdes.String()));
  words
    .selectKey((_key, word) => word.substring(0, 1))
    .groupByKey(Grouped.as<string, string>('by-initial').withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
    .count()
    .toStream()
    .to('initial-counts', Produced.with(Serdes.String(), Serdes.Long()));
  return builder.build();
}
