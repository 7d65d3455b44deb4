// Java's FloatSerializer/FloatDeserializer: an IEEE 754 single, 4 bytes big-endian. A JS number is a
// double, so serializing rounds it to the nearest float, as Java's (float) cast does; a finite number
// too large for a float is refused rather than written as Infinity.
import { cannotSerialize, wrongSize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

/** Java's Float.NaN; Java writes a NaN's raw bits, and a Java NaN is normally this one. */
const CANONICAL_NAN = Buffer.from('7fc00000', 'hex');
const EXPECTED = 'a number within the float range (magnitude at most 3.4028234663852886e38), NaN or ±Infinity';

export class FloatSerializer implements Serializer<number> {
  serialize(topic: string, data: number | null): Buffer | null {
    if (data === null) return null;
    if (typeof data !== 'number') throw cannotSerialize('FloatSerializer', EXPECTED, data, topic);
    if (Number.isNaN(data)) return Buffer.from(CANONICAL_NAN);
    if (Number.isFinite(data) && !Number.isFinite(Math.fround(data))) throw cannotSerialize('FloatSerializer', EXPECTED, data, topic);
    const out = Buffer.allocUnsafe(4);
    out.writeFloatBE(data, 0);
    return out;
  }
}

export class FloatDeserializer implements Deserializer<number> {
  deserialize(topic: string, data: Buffer | null): number | null {
    if (data === null) return null;
    if (data.length !== 4) throw wrongSize('FloatDeserializer', 4, data, topic);
    return data.readFloatBE(0);
  }
}
