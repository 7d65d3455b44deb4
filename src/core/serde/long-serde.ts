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
    // Written byte by byte: a Uint8Array store keeps the low 8 bits, and this skips writeInt32BE's checks.
    const high = Math.floor(data / TWO_TO_32);
    const low = data - high * TWO_TO_32;
    const out = Buffer.allocUnsafe(8);
    out[0] = high >>> 24;
    out[1] = high >>> 16;
    out[2] = high >>> 8;
    out[3] = high;
    out[4] = low >>> 24;
    out[5] = low >>> 16;
    out[6] = low >>> 8;
    out[7] = low;
    return out;
  }
}

export class LongDeserializer implements Deserializer<number> {
  deserialize(topic: string, data: Buffer | null): number | null {
    if (data === null) return null;
    if (data.length !== 8) throw wrongSize('LongDeserializer', 8, data, topic);
    // Read byte by byte (the length is checked): readInt32BE's own checks cost more than the read.
    const high = (data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3];
    const low = ((data[4] << 24) | (data[5] << 16) | (data[6] << 8) | data[7]) >>> 0;
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
