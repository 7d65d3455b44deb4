// Java's StringSerializer/StringDeserializer with their default (and only common) encoding, UTF-8.
import { cannotSerialize } from './serde-errors';
import type { Deserializer, Serializer } from './serde';

// A surrogate that is not half of a pair. JS strings may hold one; UTF-8 cannot.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

export class StringSerializer implements Serializer<string> {
  serialize(topic: string, data: string | null): Buffer | null {
    if (data === null) return null;
    if (typeof data !== 'string') throw cannotSerialize('StringSerializer', 'a string', data, topic);
    if (data.length <= ASCII_FAST_PATH_MAX_CHARS) {
      const ascii = asciiBytes(data);
      if (ascii !== null) return ascii;
    }
    // Java's String.getBytes(UTF_8) writes '?' for a lone surrogate where Node writes U+FFFD (3 bytes).
    // Keys must encode to the same bytes as Java's, or the two would partition them differently.
    const text = ANY_SURROGATE.test(data) ? data.replace(LONE_SURROGATE, '?') : data;
    return Buffer.from(text, 'utf8');
  }
}

/** Up to this length, copying ASCII in JS beats Buffer.from's call into C++ (and its surrogate check). */
const ASCII_FAST_PATH_MAX_CHARS = 32;

/** The UTF-8 bytes of `text` when it is all ASCII (one byte per character, the same bytes); null otherwise. */
function asciiBytes(text: string): Buffer | null {
  const length = text.length;
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return null;
    out[i] = code;
  }
  return out;
}

export class StringDeserializer implements Deserializer<string> {
  /** Malformed UTF-8 decodes to U+FFFD, as Java's `new String(bytes, UTF_8)` does, not to an error. */
  deserialize(_topic: string, data: Buffer | null): string | null {
    return data === null ? null : data.toString(); // UTF-8; without an argument, Node skips the encoding lookup
  }
}
