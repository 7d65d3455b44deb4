// How a Change crosses the repartition topic of KTable#groupBy (Java's ChangedSerializer and
// ChangedDeserializer), byte for byte, so Java and kstreams instances can share the topic:
//   {old value}{0}                                  only an old value
//   {new value}{1}                                  only a new value
//   {zigzag varint: new length}{new}{old}{2}        both (same grouping key, Kafka >= 3.5)
// Flags 3, 4 and 5 are 0, 1 and 2 with an isLatest byte before the flag (versioned tables).
// With no inner serde, the default value serde is used: the runtime hands it in through setIfUnset
// (serde/wrapping-nullable-serde.ts), since the DSL does not know the config.
import { SerdeError } from '../../errors';
import type { Deserializer, Serializer } from '../serde/serde';
import type { DefaultSerdes, WrappingNullableSerde } from '../serde/wrapping-nullable-serde';
import { Change } from './change';
import type { RecordHeaders } from './record-headers';

export class ChangedSerializer<T> implements Serializer<Change<T>>, WrappingNullableSerde {
  constructor(private inner: Serializer<T> | null) {}

  setIfUnset(defaults: DefaultSerdes): void {
    if (this.inner === null) this.inner = (defaults.valueSerde()?.serializer() as Serializer<T> | undefined) ?? null;
  }

  /** Throws when both values are null: an update that changes nothing must not reach the topic. */
  serialize(topic: string, data: Change<T> | null, headers?: RecordHeaders): Buffer | null {
    const inner = this.requireInner(topic);
    if (data === null) throw new SerdeError(`ChangedSerializer got a null Change for topic ${topic}.`, { context: { topic } });
    const hasNew = data.newValue !== null && data.newValue !== undefined;
    const hasOld = data.oldValue !== null && data.oldValue !== undefined;
    const newBytes = hasNew ? (inner.serialize(topic, data.newValue, headers) ?? EMPTY) : EMPTY;
    const oldBytes = hasOld ? (inner.serialize(topic, data.oldValue, headers) ?? EMPTY) : EMPTY;
    if (hasNew && hasOld) return Buffer.concat([writeZigzagVarint(newBytes.length), newBytes, oldBytes, FLAG_BOTH]);
    if (hasNew) return Buffer.concat([newBytes, FLAG_NEW]);
    if (hasOld) return Buffer.concat([oldBytes, FLAG_OLD]);
    throw new SerdeError(`Both old and new values are null in ChangeSerializer, which is not allowed (topic ${topic}).`, { context: { topic } });
  }

  private requireInner(topic: string): Serializer<T> {
    if (this.inner === null) throw missingInner(topic);
    return this.inner;
  }
}

export class ChangedDeserializer<T> implements Deserializer<Change<T>>, WrappingNullableSerde {
  constructor(private inner: Deserializer<T> | null) {}

  setIfUnset(defaults: DefaultSerdes): void {
    if (this.inner === null) this.inner = (defaults.valueSerde()?.deserializer() as Deserializer<T> | undefined) ?? null;
  }

  deserialize(topic: string, data: Buffer | null, headers?: RecordHeaders): Change<T> | null {
    if (this.inner === null) throw missingInner(topic);
    if (data === null || data.length === 0) return null;
    const flag = data[data.length - 1];
    const versioned = flag >= 3 && flag <= 5;
    const end = data.length - 1 - (versioned ? 1 : 0);
    let isLatest = true;
    if (versioned) {
      const latestByte = data[end];
      if (latestByte !== 0 && latestByte !== 1) {
        throw new SerdeError(`Encountered unexpected byte value \`${latestByte}\` for isLatestFlag in ChangedDeserializer.`, { context: { topic } });
      }
      isLatest = latestByte === 1;
    }
    let newBytes: Buffer | null = null;
    let oldBytes: Buffer | null = null;
    switch (versioned ? flag - 3 : flag) {
      case 0:
        oldBytes = data.subarray(0, end);
        break;
      case 1:
        newBytes = data.subarray(0, end);
        break;
      case 2: {
        const { value: newLength, bytesRead } = readZigzagVarint(data, topic);
        newBytes = data.subarray(bytesRead, bytesRead + newLength);
        oldBytes = data.subarray(bytesRead + newLength, end);
        break;
      }
      default:
        throw new SerdeError(`Encountered unknown byte value \`${flag}\` for encodingFlag in ChangedDeserializer.`, { context: { topic } });
    }
    return new Change<T>(this.inner.deserialize(topic, newBytes, headers), this.inner.deserialize(topic, oldBytes, headers), isLatest);
  }
}

const EMPTY = Buffer.alloc(0);
const FLAG_OLD = Buffer.from([0]);
const FLAG_NEW = Buffer.from([1]);
const FLAG_BOTH = Buffer.from([2]);

function missingInner(topic: string): SerdeError {
  return new SerdeError(
    `No value serde for the KTable repartition topic ${topic}: give one with Grouped.with(keySerde, valueSerde) or set default.value.serde.`,
    { context: { topic, configKey: 'default.value.serde' } },
  );
}

/** Kafka's ByteUtils.writeVarint: a zigzag-encoded int as an unsigned varint. */
export function writeZigzagVarint(value: number): Buffer {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  const bytes: number[] = [];
  while (v >= 0x80) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

/** Kafka's ByteUtils.readVarint. */
export function readZigzagVarint(data: Buffer, topic: string): { value: number; bytesRead: number } {
  let raw = 0;
  let shift = 0;
  for (let i = 0; i < 5 && i < data.length; i++) {
    const b = data[i];
    raw |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value: (raw >>> 1) ^ -(raw & 1), bytesRead: i + 1 };
    shift += 7;
  }
  throw new SerdeError(`Invalid varint in a Change record of topic ${topic}.`, { context: { topic } });
}
