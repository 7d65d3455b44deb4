// Minimal serdes for the store tests, so they do not depend on the serde module's progress.
import type { Serde } from '../../../../../src/core/serde/serde';

export const bufferSerde: Serde<Buffer> = {
  serializer: () => ({ serialize: (_topic, data) => data }),
  deserializer: () => ({ deserialize: (_topic, data) => data }),
};

export const stringSerde: Serde<string> = {
  serializer: () => ({ serialize: (_topic, data) => (data === null ? null : Buffer.from(data, 'utf8')) }),
  deserializer: () => ({ deserialize: (_topic, data) => (data === null ? null : data.toString('utf8')) }),
};

/** Bytes written as hex in tests: `bytes('01 ff')`. */
export function bytes(hex: string): Buffer {
  return Buffer.from(hex.replace(/\s+/g, ''), 'hex');
}
