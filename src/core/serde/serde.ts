// Serializer, Deserializer and Serde as in org.apache.kafka.common.serialization: bytes on the
// wire, null in and null out (a null value is a tombstone, a null key has no partition).
import type { RecordHeaders } from '../processor/record-headers';

export interface Serializer<T> {
  serialize(topic: string, data: T | null, headers?: RecordHeaders): Buffer | null;
}

export interface Deserializer<T> {
  deserialize(topic: string, data: Buffer | null, headers?: RecordHeaders): T | null;
}

export interface Serde<T> {
  serializer(): Serializer<T>;
  deserializer(): Deserializer<T>;
}
