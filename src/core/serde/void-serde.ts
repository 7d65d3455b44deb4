// Java's VoidSerializer/VoidDeserializer: for keys or values that are always null (a topic used only
// for its timestamps or headers). Anything but null is an error in both directions.
import { cannotDeserialize, cannotSerialize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

export class VoidSerializer implements Serializer<null> {
  serialize(topic: string, data: null): Buffer | null {
    // Java's VoidSerializer cannot be given anything but null; a JS caller can, and that is a mistake to report.
    if (data !== null) throw cannotSerialize('VoidSerializer', 'null only', data, topic);
    return null;
  }
}

export class VoidDeserializer implements Deserializer<null> {
  deserialize(topic: string, data: Buffer | null): null {
    if (data !== null) throw cannotDeserialize('VoidDeserializer', `data should be null for a VoidDeserializer, got ${data.length} bytes`, topic);
    return null;
  }
}
