// The record cache's memo of a deserialized value (docs/decisions.md, "Store hot paths"): when a
// store's value serde is exactly a built-in one for an immutable primitive (Long, Integer, Short,
// String), a cached write keeps the value itself next to its bytes, and the bytes are made only when
// something needs them (a flush or eviction to the store below and the flush listener, a scan that
// merges the cache, a bytes-level read). A get after a put then returns the value without
// deserializing, and a put allocates no Buffer. It changes nothing observable: the memo is what the
// deserializer would return for the bytes, the bytes are the serializer's own (made by it), and the
// size estimate is the serialized length. A value the serializer would refuse (or whose round trip
// is not itself: a lone surrogate) is serialized at once, as before, and so throws at the put.
import { IntegerDeserializer, IntegerSerializer } from '../serde/integer-serde';
import { LongDeserializer, LongSerializer } from '../serde/long-serde';
import type { Deserializer, Serializer } from '../serde/serde';
import { ShortDeserializer, ShortSerializer } from '../serde/short-serde';
import { StringDeserializer, StringSerializer } from '../serde/string-serde';

export type MemoValue = number | string;

/** What a memo needs from the store's serde: the serializer's bytes and length, for values `memoOf` accepted. */
export interface ValueMemoCodec {
  /** `value` as the memo: what deserialize(serialize(value)) returns; undefined when `value` takes the ordinary path. */
  memoOf(value: unknown): MemoValue | undefined;
  /** The serializer's bytes for a memo (a new Buffer each call). */
  serialize(memo: MemoValue): Buffer;
  /** The length of those bytes, without making them. */
  byteLength(memo: MemoValue): number;
}

/** The memo codec for a store whose value serializer and deserializer are exactly these built-in classes; null otherwise. */
export function valueMemoCodec(serializer: Serializer<unknown>, deserializer: Deserializer<unknown>, topic: string): ValueMemoCodec | null {
  const type: unknown = serializer.constructor; // exactly these classes: a subclass may override serialize or deserialize
  const reader: unknown = deserializer.constructor;
  if (type === LongSerializer && reader === LongDeserializer) return new NumberMemoCodec(serializer, topic, 8, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (type === IntegerSerializer && reader === IntegerDeserializer) return new NumberMemoCodec(serializer, topic, 4, -0x8000_0000, 0x7fff_ffff);
  if (type === ShortSerializer && reader === ShortDeserializer) return new NumberMemoCodec(serializer, topic, 2, -0x8000, 0x7fff);
  if (type === StringSerializer && reader === StringDeserializer) return new StringMemoCodec(serializer, topic);
  return null;
}

class NumberMemoCodec implements ValueMemoCodec {
  constructor(
    private readonly serializer: Serializer<unknown>,
    private readonly topic: string,
    private readonly length: number,
    private readonly min: number,
    private readonly max: number,
  ) {}

  memoOf(value: unknown): MemoValue | undefined {
    // An integer in range: the serializer accepts it and the deserializer returns it (-0 as 0).
    if (typeof value !== 'number' || !Number.isInteger(value) || value < this.min || value > this.max) return undefined;
    return value + 0;
  }

  serialize(memo: MemoValue): Buffer {
    return this.serializer.serialize(this.topic, memo)!;
  }

  byteLength(): number {
    return this.length;
  }
}

class StringMemoCodec implements ValueMemoCodec {
  constructor(
    private readonly serializer: Serializer<unknown>,
    private readonly topic: string,
  ) {}

  memoOf(value: unknown): MemoValue | undefined {
    // A surrogate (paired or not) takes the ordinary path: a lone one does not come back the same.
    return typeof value === 'string' && utf8Length(value) >= 0 ? value : undefined;
  }

  serialize(memo: MemoValue): Buffer {
    return this.serializer.serialize(this.topic, memo)!;
  }

  byteLength(memo: MemoValue): number {
    return utf8Length(memo as string);
  }
}

/** The UTF-8 length of `text`, counted without encoding it; -1 when it holds a surrogate. */
function utf8Length(text: string): number {
  const length = text.length;
  let bytes = length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdfff) return -1;
    bytes += code < 0x800 ? 1 : 2;
  }
  return bytes;
}
