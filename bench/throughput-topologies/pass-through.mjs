// W1 of bench/throughput.ts: every record copied unchanged (stream → to). Topics from the environment.
import { Consumed, Produced, Serdes, defineTopology } from 'kstreams';

export default defineTopology((builder) => {
  builder
    .stream(process.env.THROUGHPUT_INPUT ?? 'input', Consumed.with(Serdes.String(), Serdes.String()))
    .to(process.env.THROUGHPUT_OUTPUT ?? 'output', Produced.with(Serdes.String(), Serdes.String()));
});
