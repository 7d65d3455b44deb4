// Java's LongSerializer/LongDeserializer: a 64-bit signed integer, 8 bytes big-endian, carried in a
// JS number. A number is exact only up to 2^53 - 1 in magnitude, so both directions refuse a value
// beyond that rather than round it: a rounded id or offset is a silent, unrecoverable corruption.
import { SerdeError } from '../../errors';
import { cannotSerialize, wrongSize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

const TWO_TO_32 = 0x1_0000_0000;
/** The high 32-bit word of ±(2^53 - 1) is within ±2^21; see `deserialize`. */
const HIGH_WORD_LIMIT = 0x20_0000;
const EXPECTED = `an integer from Number.MIN_SAFE_INTEGER (${Number.MIN_SAFE_INTEGER}) to Number.MAX_SAFE_INTEGER (${Number.MAX_SAFE_INTEGER})`;

export class LongSerializer implements Serializer<number> {
  serialize(topic: string, data: number | null): Buffer | null {
    if (data === null) return null;
    if (!Number.isSafeInteger(data)) {
      const hint = typeof data === 'bigint' ? ' (a bigint must be converted to a number within that range first)' : '';
      throw cannotSerialize('LongSerializer', EXPECTED + hint, data, topic);
    }
    // Two's complement split into words without BigInt: high is floor(data / 2^32), low the rest (0..2^32-1).
    const high = Math.floor(data / TWO_TO_32);
    const out = Buffer.allocUnsafe(8);
    out.writeInt32BE(high, 0);
    out.writeUInt32BE(data - high * TWO_TO_32, 4);
    return out;
  }
}

export class LongDeserializer implements Deserializer<number> {
  deserialize(topic: string, data: Buffer | null): number | null {
    if (data === null) return null;
    if (data.length !== 8) throw wrongSize('LongDeserializer', 8, data, topic);
    const high = data.readInt32BE(0);
    const low = data.readUInt32BE(4);
    // high * 2^32 + low is exact and safe when |high| < 2^21, and when high = -2^21 with low > 0
    // (-2^53 itself is exact but outside Number's safe range, so it is refused like the rest).
    if (high >= HIGH_WORD_LIMIT || high < -HIGH_WORD_LIMIT || (high === -HIGH_WORD_LIMIT && low === 0)) {
      const value = data.readBigInt64BE(0);
      throw new SerdeError(
        `LongDeserializer read ${value} on topic '${topic}', which a JS number cannot hold exactly ` +
          `(beyond Number.MIN_SAFE_INTEGER..Number.MAX_SAFE_INTEGER). To read such data, use your own deserializer that returns a bigint ` +
          `(Buffer.readBigInt64BE) with Serdes.serdeFrom.`,
        { context: { topic } },
      );
    }
    return high * TWO_TO_32 + low;
  }
}
