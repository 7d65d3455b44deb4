// Java's ShortSerializer/ShortDeserializer: a 16-bit signed integer, 2 bytes big-endian.
import { cannotSerialize, wrongSize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

const INT16_MIN = -0x8000;
const INT16_MAX = 0x7fff;
const EXPECTED = `an integer from ${INT16_MIN} to ${INT16_MAX}`;

export class ShortSerializer implements Serializer<number> {
  serialize(topic: string, data: number | null): Buffer | null {
    if (data === null) return null;
    if (!Number.isInteger(data) || data < INT16_MIN || data > INT16_MAX) throw cannotSerialize('ShortSerializer', EXPECTED, data, topic);
    const out = Buffer.allocUnsafe(2);
    out.writeInt16BE(data, 0);
    return out;
  }
}

export class ShortDeserializer implements Deserializer<number> {
  deserialize(topic: string, data: Buffer | null): number | null {
    if (data === null) return null;
    if (data.length !== 2) throw wrongSize('ShortDeserializer', 2, data, topic);
    return data.readInt16BE(0);
  }
}
