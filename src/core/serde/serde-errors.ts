// The errors every built-in serde throws, worded once. Messages name the serde, the topic and what
// was expected against what came; they never quote record contents (keys and values end up in logs
// and dead-letter headers, and may be personal data), only their type, size or an offending number.
import { SerdeError } from '../../errors';

/** Java: "Size of data received by IntegerDeserializer is not 4", plus what came and the topic. */
export function wrongSize(deserializer: string, expectedBytes: number, data: Buffer, topic: string): SerdeError {
  return new SerdeError(
    `Size of data received by ${deserializer} is not ${expectedBytes}: got ${data.length} byte${data.length === 1 ? '' : 's'} ` +
      `on topic '${topic}'. Was the record written with a different serde? Check the serde configured for this topic.`,
    { context: { topic } },
  );
}

/** A value the serializer cannot encode: wrong JS type, not an integer, out of range. */
export function cannotSerialize(serializer: string, expected: string, data: unknown, topic: string, cause?: unknown): SerdeError {
  return new SerdeError(`${serializer} cannot serialize ${describeValue(data)} for topic '${topic}': expected ${expected}, or null.`, {
    context: { topic },
    cause,
  });
}

/** Bytes that have the right size (or no fixed size) but do not decode. */
export function cannotDeserialize(deserializer: string, problem: string, topic: string, cause?: unknown): SerdeError {
  return new SerdeError(`${deserializer} cannot deserialize the data on topic '${topic}': ${problem}. Was the record written with a different serde?`, {
    context: { topic },
    cause,
  });
}

/** The type of a value, and the value itself only when it is a number (the number is the problem). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return `the number ${Object.is(value, -0) ? '-0' : String(value)}`;
  if (typeof value === 'bigint') return 'a bigint';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return `a ${typeof value}`;
}
