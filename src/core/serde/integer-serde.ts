// Java's IntegerSerializer/IntegerDeserializer: a 32-bit signed integer, 4 bytes big-endian.
import { cannotSerialize, wrongSize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const EXPECTED = `an integer from ${INT32_MIN} to ${INT32_MAX}`;

export class IntegerSerializer implements Serializer<number> {
  serialize(topic: string, data: number | null): Buffer | null {
    if (data === null) return null;
    if (!Number.isInteger(data) || data < INT32_MIN || data > INT32_MAX) throw cannotSerialize('IntegerSerializer', EXPECTED, data, topic);
    const out = Buffer.allocUnsafe(4);
    out.writeInt32BE(data, 0);
    return out;
  }
}

export class IntegerDeserializer implements Deserializer<number> {
  deserialize(topic: string, data: Buffer | null): number | null {
    if (data === null) return null;
    if (data.length !== 4) throw wrongSize('IntegerDeserializer', 4, data, topic);
    return data.readInt32BE(0);
  }
}
