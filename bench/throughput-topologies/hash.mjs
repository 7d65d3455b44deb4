// The CPU-heavy topology of bench/throughput.ts: each value hashed THROUGHPUT_HASH_ROUNDS times
// (SHA-256 over the previous digest), the last digest written in hex.
import { createHash } from 'node:crypto';
import { Consumed, Produced, Serdes, defineTopology } from 'kstreams';

const rounds = Number(process.env.THROUGHPUT_HASH_ROUNDS ?? 200);

export function hashValue(value) {
  let digest = Buffer.from(value);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).digest();
  return digest.toString('hex');
}

export default defineTopology((builder) => {
  builder
    .stream(process.env.THROUGHPUT_INPUT ?? 'input', Consumed.with(Serdes.String(), Serdes.String()))
    .mapValues(hashValue)
    .to(process.env.THROUGHPUT_OUTPUT ?? 'output', Produced.with(Serdes.String(), Serdes.String()));
});
