// Java's BooleanSerializer/BooleanDeserializer: one byte, 0x01 true, 0x00 false; any other byte is an error.
import { cannotDeserialize, cannotSerialize, wrongSize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

const TRUE = 0x01;
const FALSE = 0x00;

export class BooleanSerializer implements Serializer<boolean> {
  serialize(topic: string, data: boolean | null): Buffer | null {
    if (data === null) return null;
    if (typeof data !== 'boolean') throw cannotSerialize('BooleanSerializer', 'a boolean', data, topic);
    return Buffer.of(data ? TRUE : FALSE);
  }
}

export class BooleanDeserializer implements Deserializer<boolean> {
  deserialize(topic: string, data: Buffer | null): boolean | null {
    if (data === null) return null;
    if (data.length !== 1) throw wrongSize('BooleanDeserializer', 1, data, topic);
    if (data[0] === TRUE) return true;
    if (data[0] === FALSE) return false;
    throw cannotDeserialize('BooleanDeserializer', `unexpected byte 0x${data[0].toString(16).padStart(2, '0')} (expected 0x01 or 0x00)`, topic);
  }
}
