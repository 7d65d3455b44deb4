// W2 of bench/throughput.ts: drops the records whose key ends in 0 (one in ten), upper-cases the rest.
import { Consumed, Produced, Serdes, defineTopology } from 'kstreams';

export default defineTopology((builder) => {
  builder
    .stream(process.env.THROUGHPUT_INPUT ?? 'input', Consumed.with(Serdes.String(), Serdes.String()))
    .filter((key) => !key.endsWith('0'))
    .mapValues((value) => value.toUpperCase())
    .to(process.env.THROUGHPUT_OUTPUT ?? 'output', Produced.with(Serdes.String(), Serdes.String()));
});
