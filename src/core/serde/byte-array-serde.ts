// Java's ByteArraySerializer/ByteArrayDeserializer: the bytes as they are, no copy. Java's Bytes and
// ByteBuffer serdes exist to give byte[] equality and slicing; a Buffer has both, so they map here too.
import { cannotSerialize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

export class ByteArraySerializer implements Serializer<Buffer> {
  serialize(topic: string, data: Buffer | null): Buffer | null {
    const bytes: unknown = data; // a caller in plain JS may pass anything
    if (bytes === null || Buffer.isBuffer(bytes)) return bytes;
    // A plain Uint8Array (TextEncoder, fetch) is the same bytes: view it, do not copy it.
    if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    throw cannotSerialize('ByteArraySerializer', 'a Buffer or Uint8Array', bytes, topic);
  }
}

export class ByteArrayDeserializer implements Deserializer<Buffer> {
  deserialize(_topic: string, data: Buffer | null): Buffer | null {
    return data;
  }
}
