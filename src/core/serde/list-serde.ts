// Java's ListSerializer/ListDeserializer (KIP-466): a list of values of one inner serde, in Java's
// byte format so lists written by either side read on the other.
//
//   byte   strategy: 0 CONSTANT_SIZE (inner serde is Short, Integer, Float, Long, Double or UUID)
//                    1 VARIABLE_SIZE (any other inner serde)
//   CONSTANT_SIZE:  int32 null count, int32 index of each null entry, int32 size,
//                   then each non-null entry's bytes (the inner serde's fixed size)
//   VARIABLE_SIZE:  int32 size, then per entry int32 length (-1 for null) and that many bytes
//
// Like Java, the strategy is chosen by the inner serializer's exact class, so a user serde that
// happens to write fixed-size values is still written VARIABLE_SIZE. Unlike Java, a truncated list
// or trailing bytes are an error rather than a short read padded with zeros or ignored. Java passes
// no headers to the inner serde; neither do we.
import { cannotDeserialize, cannotSerialize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';
import { DoubleDeserializer, DoubleSerializer } from './double-serde';
import { FloatDeserializer, FloatSerializer } from './float-serde';
import { IntegerDeserializer, IntegerSerializer } from './integer-serde';
import { LongDeserializer, LongSerializer } from './long-serde';
import { ShortDeserializer, ShortSerializer } from './short-serde';
import { UUIDDeserializer, UUIDSerializer } from './uuid-serde';

const CONSTANT_SIZE = 0;
const VARIABLE_SIZE = 1;
const NULL_ENTRY_SIZE = -1;

/** Keyed by class (Java: `inner.getClass()`), the entry size in bytes. */
const FIXED_SIZE_SERIALIZERS = new Map<unknown, number>([
  [ShortSerializer, 2], [IntegerSerializer, 4], [FloatSerializer, 4], [LongSerializer, 8], [DoubleSerializer, 8], [UUIDSerializer, 36],
]);
const FIXED_SIZE_DESERIALIZERS = new Map<unknown, number>([
  [ShortDeserializer, 2], [IntegerDeserializer, 4], [FloatDeserializer, 4], [LongDeserializer, 8], [DoubleDeserializer, 8], [UUIDDeserializer, 36],
]);

function int32(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeInt32BE(value, 0);
  return out;
}

export class ListSerializer<T> implements Serializer<Array<T | null>> {
  private readonly fixedSizeBytes: number | undefined;

  constructor(private readonly inner: Serializer<T>) {
    this.fixedSizeBytes = FIXED_SIZE_SERIALIZERS.get(inner.constructor);
  }

  serialize(topic: string, data: Array<T | null> | null): Buffer | null {
    if (data === null) return null;
    if (!Array.isArray(data)) throw cannotSerialize('ListSerializer', 'an array', data, topic);
    const constantSize = this.fixedSizeBytes !== undefined;
    const parts: Buffer[] = [Buffer.of(constantSize ? CONSTANT_SIZE : VARIABLE_SIZE)];
    if (constantSize) {
      const nullIndexes: Buffer[] = [];
      for (let i = 0; i < data.length; i++) if (data[i] === null) nullIndexes.push(int32(i));
      parts.push(int32(nullIndexes.length), ...nullIndexes);
    }
    parts.push(int32(data.length));
    for (let i = 0; i < data.length; i++) {
      const entry = data[i];
      if (entry === null) {
        if (!constantSize) parts.push(int32(NULL_ENTRY_SIZE));
        continue;
      }
      const bytes = this.inner.serialize(topic, entry);
      if (bytes === null) {
        throw cannotSerialize('ListSerializer', `entries the inner serializer encodes (it returned null for the entry at index ${i})`, data, topic);
      }
      if (!constantSize) parts.push(int32(bytes.length));
      parts.push(bytes);
    }
    return Buffer.concat(parts);
  }
}

export class ListDeserializer<T> implements Deserializer<Array<T | null>> {
  private readonly fixedSizeBytes: number | undefined;

  constructor(private readonly inner: Deserializer<T>) {
    this.fixedSizeBytes = FIXED_SIZE_DESERIALIZERS.get(inner.constructor);
  }

  deserialize(topic: string, data: Buffer | null): Array<T | null> | null {
    if (data === null) return null;
    let position = 0;
    const take = (sizeBytes: number, what: string): number => {
      if (position + sizeBytes > data.length) {
        throw cannotDeserialize('ListDeserializer', `the data ends at byte ${data.length} inside ${what}, which needs ${sizeBytes} bytes from byte ${position}`, topic);
      }
      const start = position;
      position += sizeBytes;
      return start;
    };
    const readInt32 = (what: string): number => data.readInt32BE(take(4, what));
    const readCount = (what: string): number => {
      const count = readInt32(what);
      if (count < 0) throw cannotDeserialize('ListDeserializer', `${what} is negative (${count})`, topic);
      return count;
    };

    const strategy = data[take(1, 'the strategy flag')];
    if (strategy !== CONSTANT_SIZE && strategy !== VARIABLE_SIZE) {
      throw cannotDeserialize('ListDeserializer', `invalid serialization strategy flag value ${strategy} (expected 0 or 1)`, topic);
    }
    // Set for CONSTANT_SIZE; undefined for VARIABLE_SIZE, where each entry carries its length.
    let fixedEntryBytes: number | undefined;
    const nullIndexes = new Set<number>();
    if (strategy === CONSTANT_SIZE) {
      if (this.fixedSizeBytes === undefined) {
        throw cannotDeserialize('ListDeserializer', 'the list was written with a fixed-size inner serde (Short, Integer, Float, Long, Double or UUID) but is read with another one', topic);
      }
      fixedEntryBytes = this.fixedSizeBytes;
      const nullCount = readCount('the null entry count');
      for (let i = 0; i < nullCount; i++) nullIndexes.add(readInt32('a null entry index'));
    }
    const size = readCount('the list size');

    const list: Array<T | null> = [];
    for (let i = 0; i < size; i++) {
      let entrySize: number;
      if (fixedEntryBytes !== undefined) {
        if (nullIndexes.has(i)) {
          list.push(null);
          continue;
        }
        entrySize = fixedEntryBytes;
      } else {
        entrySize = readInt32(`the length of entry ${i}`);
        if (entrySize === NULL_ENTRY_SIZE) {
          list.push(null);
          continue;
        }
        if (entrySize < 0) throw cannotDeserialize('ListDeserializer', `entry ${i} has a negative length (${entrySize})`, topic);
      }
      const start = take(entrySize, `entry ${i}`);
      list.push(this.inner.deserialize(topic, data.subarray(start, start + entrySize)));
    }
    if (position !== data.length) {
      const extra = data.length - position;
      throw cannotDeserialize('ListDeserializer', `${extra === 1 ? '1 byte follows' : `${extra} bytes follow`} the last of the ${size} entries`, topic);
    }
    return list;
  }
}
