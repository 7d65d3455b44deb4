// Java's UUIDSerializer/UUIDDeserializer: the UUID's string form (8-4-4-4-12 lower-case hex digits,
// 36 characters) in UTF-8. JS has no UUID type, so the value is that string. Both directions accept
// what Java's UUID.fromString accepts in practice: upper or lower case, and groups with their
// leading zeros left out ("1-2-3-4-5"); both give the canonical lower-case form, as Java's
// UUID.toString does. Java also tolerates over-long groups by masking them; we refuse those.
import { cannotDeserialize, cannotSerialize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LENIENT = /^([0-9a-f]{1,8})-([0-9a-f]{1,4})-([0-9a-f]{1,4})-([0-9a-f]{1,4})-([0-9a-f]{1,12})$/i;
const GROUP_WIDTHS = [8, 4, 4, 4, 12];
const EXPECTED = "a UUID string ('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', hex digits)";

/** The canonical form of a UUID string, or undefined when it is not one. */
function canonicalUuid(text: string): string | undefined {
  if (CANONICAL.test(text)) return text;
  const groups = LENIENT.exec(text);
  if (groups === null) return undefined;
  return GROUP_WIDTHS.map((width, i) => groups[i + 1].toLowerCase().padStart(width, '0')).join('-');
}

export class UUIDSerializer implements Serializer<string> {
  serialize(topic: string, data: string | null): Buffer | null {
    if (data === null) return null;
    const uuid = typeof data === 'string' ? canonicalUuid(data) : undefined;
    if (uuid === undefined) throw cannotSerialize('UUIDSerializer', EXPECTED, data, topic);
    return Buffer.from(uuid, 'latin1');
  }
}

export class UUIDDeserializer implements Deserializer<string> {
  deserialize(topic: string, data: Buffer | null): string | null {
    if (data === null) return null;
    // A UUID is ASCII; a longer input cannot be one, so do not decode megabytes to find that out.
    const uuid = data.length <= 36 ? canonicalUuid(data.toString('utf8')) : undefined;
    if (uuid === undefined) throw cannotDeserialize('UUIDDeserializer', `the ${data.length} bytes are not a UUID string (Java: "Error parsing data into UUID")`, topic);
    return uuid;
  }
}
