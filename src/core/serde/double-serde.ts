// Java's DoubleSerializer/DoubleDeserializer: an IEEE 754 double, 8 bytes big-endian.
import { cannotSerialize, wrongSize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

/** Java's Double.doubleToLongBits writes every NaN as this one; a JS NaN may carry other bits. */
const CANONICAL_NAN = Buffer.from('7ff8000000000000', 'hex');

export class DoubleSerializer implements Serializer<number> {
  serialize(topic: string, data: number | null): Buffer | null {
    if (data === null) return null;
    if (typeof data !== 'number') throw cannotSerialize('DoubleSerializer', 'a number', data, topic);
    if (Number.isNaN(data)) return Buffer.from(CANONICAL_NAN);
    const out = Buffer.allocUnsafe(8);
    out.writeDoubleBE(data, 0);
    return out;
  }
}

export class DoubleDeserializer implements Deserializer<number> {
  deserialize(topic: string, data: Buffer | null): number | null {
    if (data === null) return null;
    if (data.length !== 8) throw wrongSize('DoubleDeserializer', 8, data, topic);
    return data.readDoubleBE(0);
  }
}
