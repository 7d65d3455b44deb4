// Test topics take a Serde or a bare Serializer/Deserializer, as Java's take serializers and
// design-notes' examples take serdes.
import type { Deserializer, Serde, Serializer } from '../serde/serde';

export function toSerializer<T>(value: Serde<T> | Serializer<T>): Serializer<T> {
  return 'serialize' in value ? value : value.serializer();
}

export function toDeserializer<T>(value: Serde<T> | Deserializer<T>): Deserializer<T> {
  return 'deserialize' in value ? value : value.deserializer();
}
