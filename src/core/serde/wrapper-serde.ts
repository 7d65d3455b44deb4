// Java's Serdes.WrapperSerde and Serdes.serdeFrom(serializer, deserializer): a serde is nothing more
// than the pair.
import { SerdeError } from '../../errors';
import type { Deserializer, Serde, Serializer } from './serde';

export class WrapperSerde<T> implements Serde<T> {
  constructor(
    private readonly ser: Serializer<T>,
    private readonly deser: Deserializer<T>,
  ) {}

  serializer(): Serializer<T> {
    return this.ser;
  }

  deserializer(): Deserializer<T> {
    return this.deser;
  }
}

/** A serde from a serializer and a deserializer (Java: `Serdes.serdeFrom`). Both are required. */
export function serdeFrom<T>(serializer: Serializer<T>, deserializer: Deserializer<T>): Serde<T> {
  if (typeof (serializer as Partial<Serializer<T>> | null | undefined)?.serialize !== 'function') {
    throw new SerdeError('serdeFrom: serializer must be an object with a serialize(topic, data, headers?) method', { code: 'SERDE_INVALID' });
  }
  if (typeof (deserializer as Partial<Deserializer<T>> | null | undefined)?.deserialize !== 'function') {
    throw new SerdeError('serdeFrom: deserializer must be an object with a deserialize(topic, data, headers?) method', { code: 'SERDE_INVALID' });
  }
  return Object.freeze(new WrapperSerde(serializer, deserializer));
}
