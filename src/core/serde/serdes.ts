// Java's Serdes factory. Every serde here is stateless, so each call returns one shared, frozen
// instance (Java makes a new one per call; nothing can tell the difference). Values map to JS as:
//   String → string            Integer, Short, Long, Float, Double → number
//   Boolean → boolean          ByteArray, Bytes → Buffer (Java's Bytes wrapper adds nothing to a Buffer)
//   UUID → string              Void → null
//   Json → T (kstreams only)   ListSerde(inner) → array of inner values and nulls
import type { Serde } from './serde';
import { BooleanDeserializer, BooleanSerializer } from './boolean-serde';
import { ByteArrayDeserializer, ByteArraySerializer } from './byte-array-serde';
import { DoubleDeserializer, DoubleSerializer } from './double-serde';
import { FloatDeserializer, FloatSerializer } from './float-serde';
import { IntegerDeserializer, IntegerSerializer } from './integer-serde';
import { JsonDeserializer, JsonSerializer } from './json-serde';
import { ListDeserializer, ListSerializer } from './list-serde';
import { LongDeserializer, LongSerializer } from './long-serde';
import { ShortDeserializer, ShortSerializer } from './short-serde';
import { StringDeserializer, StringSerializer } from './string-serde';
import { UUIDDeserializer, UUIDSerializer } from './uuid-serde';
import { VoidDeserializer, VoidSerializer } from './void-serde';
import { WrapperSerde, serdeFrom } from './wrapper-serde';

const STRING: Serde<string> = Object.freeze(new WrapperSerde(new StringSerializer(), new StringDeserializer()));
const INTEGER: Serde<number> = Object.freeze(new WrapperSerde(new IntegerSerializer(), new IntegerDeserializer()));
const SHORT: Serde<number> = Object.freeze(new WrapperSerde(new ShortSerializer(), new ShortDeserializer()));
const LONG: Serde<number> = Object.freeze(new WrapperSerde(new LongSerializer(), new LongDeserializer()));
const FLOAT: Serde<number> = Object.freeze(new WrapperSerde(new FloatSerializer(), new FloatDeserializer()));
const DOUBLE: Serde<number> = Object.freeze(new WrapperSerde(new DoubleSerializer(), new DoubleDeserializer()));
const BOOLEAN: Serde<boolean> = Object.freeze(new WrapperSerde(new BooleanSerializer(), new BooleanDeserializer()));
const BYTE_ARRAY: Serde<Buffer> = Object.freeze(new WrapperSerde(new ByteArraySerializer(), new ByteArrayDeserializer()));
const UUID: Serde<string> = Object.freeze(new WrapperSerde(new UUIDSerializer(), new UUIDDeserializer()));
const VOID: Serde<null> = Object.freeze(new WrapperSerde(new VoidSerializer(), new VoidDeserializer()));
const JSON_SERDE: Serde<unknown> = Object.freeze(new WrapperSerde(new JsonSerializer<unknown>(), new JsonDeserializer<unknown>()));

export const Serdes = Object.freeze({
  /** UTF-8 text. */
  String: (): Serde<string> => STRING,
  /** 4-byte big-endian signed integer; a number outside int32, or not an integer, is a SerdeError. */
  Integer: (): Serde<number> => INTEGER,
  /** 2-byte big-endian signed integer; a number outside int16, or not an integer, is a SerdeError. */
  Short: (): Serde<number> => SHORT,
  /**
   * 8-byte big-endian signed integer as a JS number. Values beyond ±(2^53 - 1), which a number cannot
   * hold exactly, are a SerdeError in both directions, never rounded.
   */
  Long: (): Serde<number> => LONG,
  /** 4-byte IEEE 754 single; numbers are rounded to the nearest float. */
  Float: (): Serde<number> => FLOAT,
  /** 8-byte IEEE 754 double. */
  Double: (): Serde<number> => DOUBLE,
  /** One byte: 0x01 true, 0x00 false. */
  Boolean: (): Serde<boolean> => BOOLEAN,
  /** The bytes as they are. */
  ByteArray: (): Serde<Buffer> => BYTE_ARRAY,
  /** Java's Bytes serde: the same as ByteArray here, since a Buffer already compares and slices. */
  Bytes: (): Serde<Buffer> => BYTE_ARRAY,
  /** A UUID string, written in its canonical lower-case 36-character form, UTF-8. */
  UUID: (): Serde<string> => UUID,
  /** Only null, in both directions. */
  Void: (): Serde<null> => VOID,
  /**
   * JSON text in UTF-8 (JSON.stringify / JSON.parse). kstreams-specific: Java has no JSON serde. The
   * parsed value is not checked against T.
   */
  Json: <T>(): Serde<T> => JSON_SERDE as Serde<T>,
  /** A list of `inner` values (nulls allowed) in Java's ListSerde byte format. */
  ListSerde: <T>(inner: Serde<T>): Serde<Array<T | null>> =>
    serdeFrom(new ListSerializer(inner.serializer()), new ListDeserializer(inner.deserializer())),
  /** A serde from a serializer and a deserializer. */
  serdeFrom,
});
