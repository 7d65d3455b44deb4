// Twin of SelectKeyFirstField.java: the key becomes the value's first comma-separated field.
import { Consumed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';
import { javaSplit } from '../java-lang';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  builder
    .stream('events', Consumed.with(Serdes.String(), Serdes.String()))
    .selectKey((_key, value) => (value === null ? null : javaSplit(value, ',')[0]))
    .to('events-by-user', Produced.with<string | null, string>(Serdes.String(), Serdes.String()));
  return builder.build();
}
