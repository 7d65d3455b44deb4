// JSON text in UTF-8. kstreams-specific: Java ships no JSON serde (its examples write their own with
// Jackson), so the format is simply what JSON.stringify writes and JSON.parse reads. The value type
// is the caller's word: nothing checks that parsed JSON has the shape of T.
//
// Null is the tombstone, as for every serde: a null value gives null bytes (not the text "null"),
// and both null bytes and the text "null" read back as null.
import { cannotDeserialize, cannotSerialize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

export class JsonSerializer<T> implements Serializer<T> {
  serialize(topic: string, data: T | null): Buffer | null {
    if (data === null) return null;
    let text: string | undefined;
    try {
      text = JSON.stringify(data);
    } catch (err) {
      // a bigint, a cycle, or a throwing toJSON
      throw cannotSerialize('JsonSerializer', `a JSON-serializable value (${err instanceof Error ? err.message : String(err)})`, data, topic, err);
    }
    // JSON.stringify returns undefined for undefined, functions and symbols: there is no JSON text to write.
    if (text === undefined) throw cannotSerialize('JsonSerializer', 'a JSON-serializable value', data, topic);
    return Buffer.from(text, 'utf8');
  }
}

export class JsonDeserializer<T> implements Deserializer<T> {
  deserialize(topic: string, data: Buffer | null): T | null {
    if (data === null) return null;
    try {
      return JSON.parse(data.toString('utf8')) as T;
    } catch (err) {
      // The parser's message quotes the text, so it stays in the cause, out of the message.
      throw cannotDeserialize('JsonDeserializer', `the ${data.length} bytes are not JSON text (the cause says where)`, topic, err);
    }
  }
}
