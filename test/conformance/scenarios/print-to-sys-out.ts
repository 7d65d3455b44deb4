// Twin of PrintToSysOut.java: print(Printed.toSysOut().withLabel("log")) beside a sink.
import { Consumed, Printed, Produced, Serdes, StreamsBuilder, type Topology } from '../../../src/index';

export function topology(): Topology {
  const builder = new StreamsBuilder();
  const stream = builder.stream('in', Consumed.with(Serdes.String(), Serdes.String()));
  stream.print(Printed.toSysOut<string, string>().withLabel('log'));
  stream.to('out', Produced.with(Serdes.String(), Serdes.String()));
  return builder.build();
}
