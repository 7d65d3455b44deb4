// The values `default.key.serde` / `default.value.serde` may take, resolved to a serde: a serde
// object, or the name of a built-in serde, either Java's class name
// ('org.apache.kafka.common.serialization.Serdes$StringSerde', so a Java properties file carries
// over) or the Serdes method name ('String').
import { ConfigError } from '../../errors';
import type { Serde } from './serde';
import { Serdes } from './serdes';

const JAVA_SERDES_CLASS = 'org.apache.kafka.common.serialization.Serdes$';

/** Serdes method names, and the Java serde each one stands for. */
const BUILT_IN: Readonly<Record<string, () => Serde<unknown>>> = {
  String: Serdes.String,
  Integer: Serdes.Integer,
  Short: Serdes.Short,
  Long: Serdes.Long,
  Float: Serdes.Float,
  Double: Serdes.Double,
  Boolean: Serdes.Boolean,
  ByteArray: Serdes.ByteArray,
  Bytes: Serdes.Bytes,
  UUID: Serdes.UUID,
  Void: Serdes.Void,
  Json: Serdes.Json,
};

/** Java serde classes that have no name of their own here. */
const JAVA_ALIASES: Readonly<Record<string, string>> = { ByteBuffer: 'ByteArray' };

/**
 * The serde a config value names, or null when the value is null (no default: a topology that needs
 * one fails when it is built, saying which operation needs a serde).
 * @throws ConfigError when the value is neither a serde nor the name of a built-in one.
 */
export function resolveSerde(value: unknown, key: string): Serde<unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return serdeNamed(value.trim(), key);
  if (typeof value === 'object' || typeof value === 'function') {
    const candidate = value as Record<string, unknown>;
    if (typeof candidate.serializer === 'function' && typeof candidate.deserializer === 'function') return value as Serde<unknown>;
    throw invalid(key, value, notASerdeHint(candidate, typeof value === 'function'));
  }
  throw invalid(key, value);
}

function serdeNamed(name: string, key: string): Serde<unknown> {
  if (Object.hasOwn(BUILT_IN, name)) return BUILT_IN[name]();
  if (name.startsWith(JAVA_SERDES_CLASS) && name.endsWith('Serde')) {
    const javaName = name.slice(JAVA_SERDES_CLASS.length, -'Serde'.length);
    const ourName = JAVA_ALIASES[javaName] ?? javaName;
    // Json is ours: Java has no Serdes$JsonSerde.
    if (ourName !== 'Json' && Object.hasOwn(BUILT_IN, ourName)) return BUILT_IN[ourName]();
    if (javaName === 'List') {
      throw invalid(key, name, 'a ListSerde needs its inner serde: set the value to Serdes.ListSerde(innerSerde), e.g. Serdes.ListSerde(Serdes.String())');
    }
  }
  const names = Object.keys(BUILT_IN).map((n) => `'${n}'`).join(', ');
  throw invalid(key, name, `a serde named by a string must be one of ${names}, or the Java class name of one, such as '${JAVA_SERDES_CLASS}StringSerde'`);
}

function notASerdeHint(candidate: Record<string, unknown>, isFunction: boolean): string {
  if (typeof candidate.serialize === 'function' || typeof candidate.deserialize === 'function') {
    return 'it looks like a serializer or a deserializer; make a serde of the two with Serdes.serdeFrom(serializer, deserializer)';
  }
  if (isFunction) {
    const prototype = candidate.prototype as Record<string, unknown> | undefined;
    if (typeof prototype?.serializer === 'function') return 'it is a class; pass an instance of it (new ...())';
    return 'it is a function; pass the serde it returns, e.g. Serdes.String() rather than Serdes.String';
  }
  if ('serializer' in candidate || 'deserializer' in candidate) {
    return 'serializer and deserializer must both be methods, returning the Serializer and the Deserializer';
  }
  return 'a serde has the methods serializer() and deserializer()';
}

function invalid(key: string, value: unknown, hint?: string): ConfigError {
  return new ConfigError(
    `invalid value ${show(value)} for config '${key}': expected a serde (an object with serializer() and deserializer(), ` +
      `such as Serdes.String()), the name of a built-in serde, or null${hint === undefined ? '' : `; ${hint}`}`,
    { context: { configKey: key, value: show(value) } },
  );
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
