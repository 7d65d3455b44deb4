// Twin of SerdeByteFormats.java: every number serde, Boolean, ByteArray and String, read and written.
import { Consumed, KeyValue, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('ints', Consumed.with(Serdes.Integer(), Serdes.Integer()))
    .map((key, value) => KeyValue.pair(key === null ? null : key, value === null ? null : value * 2))
    .to('ints-out', Produced.with<number | null, number | null>(Serdes.Long(), Serdes.Long()));
  builder
    .stream('doubles', Consumed.with(Serdes.Long(), Serdes.Double()))
    .mapValues((value) => value / 3)
    .to('doubles-out', Produced.with(Serdes.Long(), Serdes.Double()));
  builder
    .stream('floats', Consumed.with(Serdes.Short(), Serdes.Float()))
    // Java multiplies floats; doubling is exact in both, and the Float serializer rounds back to a float
    .mapValues((value) => value * 2)
    .to('floats-out', Produced.with(Serdes.Short(), Serdes.Float()));
  builder
    .stream('flags', Consumed.with(Serdes.String(), Serdes.Boolean()))
    .mapValues((value) => !value)
    .to('flags-out', Produced.with(Serdes.String(), Serdes.Boolean()));
  builder
    .stream('bytes', Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
    .mapValues((value): Buffer => {
      const reversed = Buffer.alloc(value.length);
      for (let i = 0; i < value.length; i++) reversed[i] = value[value.length - 1 - i];
      return reversed;
    })
    .to('bytes-out', Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
  builder
    .stream('texts', Consumed.with(Serdes.String(), Serdes.String()))
    .mapValues((value) => `${value}|${value.length}`)
    .to('texts-out', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
