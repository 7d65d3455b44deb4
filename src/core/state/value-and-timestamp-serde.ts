// The bytes of a timestamped store's value, as Java's ValueAndTimestampSerializer writes them: the
// timestamp as an 8-byte big-endian signed long, then the plain value's bytes. A LevelDB store
// holds these bytes; the changelog holds only the plain value, with the timestamp as the record's.
import type { RecordHeaders } from '../processor/record-headers';
import type { Deserializer, Serde, Serializer } from '../serde/serde';
import { ValueAndTimestamp } from './value-and-timestamp';

const TIMESTAMP_BYTES = 8;
const TWO_POW_32 = 2 ** 32;

export class ValueAndTimestampSerializer<V> implements Serializer<ValueAndTimestamp<V>> {
  constructor(readonly valueSerializer: Serializer<V>) {}

  serialize(topic: string, data: ValueAndTimestamp<V> | null, headers?: RecordHeaders): Buffer | null {
    if (data === null) return null;
    // A serializer that turns a non-null value into null (Optional-like values) makes a delete, as in Java.
    const rawValue = this.valueSerializer.serialize(topic, data.value, headers);
    return rawValue === null ? null : ValueAndTimestampSerializer.withTimestamp(rawValue, data.timestamp);
  }

  /** `rawValue` behind its timestamp: the store format from a changelog record's value and timestamp. */
  static withTimestamp(rawValue: Buffer, timestamp: number): Buffer {
    const bytes = Buffer.allocUnsafe(TIMESTAMP_BYTES + rawValue.length);
    // Two 32-bit halves write a two's-complement long without BigInt; exact for |timestamp| < 2^53.
    const high = Math.floor(timestamp / TWO_POW_32);
    bytes.writeInt32BE(high, 0);
    bytes.writeUInt32BE(timestamp - high * TWO_POW_32, 4);
    rawValue.copy(bytes, TIMESTAMP_BYTES);
    return bytes;
  }
}

export class ValueAndTimestampDeserializer<V> implements Deserializer<ValueAndTimestamp<V>> {
  constructor(readonly valueDeserializer: Deserializer<V>) {}

  deserialize(topic: string, data: Buffer | null, headers?: RecordHeaders): ValueAndTimestamp<V> | null {
    if (data === null) return null;
    const value = this.valueDeserializer.deserialize(topic, ValueAndTimestampDeserializer.rawValue(data), headers);
    return ValueAndTimestamp.make(value, ValueAndTimestampDeserializer.timestamp(data));
  }

  /** The plain value's bytes (a view, not a copy). */
  static rawValue(valueAndTimestamp: Buffer): Buffer {
    return valueAndTimestamp.subarray(TIMESTAMP_BYTES);
  }

  static timestamp(valueAndTimestamp: Buffer): number {
    return valueAndTimestamp.readInt32BE(0) * TWO_POW_32 + valueAndTimestamp.readUInt32BE(4);
  }
}

export class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
  private readonly ser: ValueAndTimestampSerializer<V>;
  private readonly de: ValueAndTimestampDeserializer<V>;

  constructor(readonly valueSerde: Serde<V>) {
    this.ser = new ValueAndTimestampSerializer(valueSerde.serializer());
    this.de = new ValueAndTimestampDeserializer(valueSerde.deserializer());
  }

  serializer(): ValueAndTimestampSerializer<V> {
    return this.ser;
  }

  deserializer(): ValueAndTimestampDeserializer<V> {
    return this.de;
  }
}
