// Which part of a StreamsConfig reaches worker threads, and where the rest comes from there.
//
// Functions and class instances do not survive structured clone, so a worker thread receives only
// the data in the config (strings, numbers, booleans, null, arrays and plain objects of those).
// The keys that may hold code (default serdes, the timestamp extractor, the three exception
// handlers) then have two legal sources when the topology runs on worker threads:
//   - a name in the config given to KafkaStreams: 'String', 'logAndContinue',
//     'WallclockTimestampExtractor', Java's class names ...;
//   - the topology module, which every thread imports anyway: `export const config = { ... }`
//     next to `export default defineTopology(...)`, holding serde objects and functions.
// A function or object for such a key in the KafkaStreams config is a ConfigError that says so.
// Client settings (`consumer.`, `producer.`, `sasl.*` ...) are for the Kafka clients, which live on
// the main thread: their data crosses (StreamsConfig validates some of it), code is left behind.
import type { StreamsConfigInput } from '../config';
import { ConfigError } from '../errors';

/** A config value that survives structured clone unchanged. */
export type ConfigDataValue = string | number | boolean | null | readonly ConfigDataValue[] | { readonly [key: string]: ConfigDataValue };

/** The config as it travels to worker threads. */
export type WorkerConfigData = Readonly<Record<string, ConfigDataValue>>;

/** The keys a topology module's `config` export may set: those whose values may be code. */
export const MODULE_CONFIG_KEYS = [
  'default.key.serde',
  'default.value.serde',
  'default.timestamp.extractor',
  'default.deserialization.exception.handler',
  'processing.exception.handler',
  'default.production.exception.handler',
] as const;

export type ModuleConfigKey = (typeof MODULE_CONFIG_KEYS)[number];

/** What a topology module may export as `config`. */
export type ModuleConfig = Pick<StreamsConfigInput, ModuleConfigKey>;

const CLIENT_PREFIXES = ['consumer.', 'main.consumer.', 'restore.consumer.', 'global.consumer.', 'producer.', 'admin.', 'sasl.', 'ssl.'];

export function isConfigData(value: unknown): value is ConfigDataValue {
  return isData(value, 0);
}

function isData(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return true;
  if (Array.isArray(value)) return value.every((item) => isData(item, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value as Record<string, unknown>).every((item) => isData(item, depth + 1));
  }
  return false;
}

/**
 * The data-only config for worker threads, from the settings the application gave (StreamsConfig's
 * `originals()`): every Streams key must be data; client settings that are not data are left out.
 * @throws ConfigError naming the key, and how to give its value instead.
 */
export function workerConfigData(originals: Readonly<StreamsConfigInput>): WorkerConfigData {
  const out: Record<string, ConfigDataValue> = {};
  for (const [key, value] of Object.entries(originals)) {
    if (value === undefined) continue;
    if (isConfigData(value)) {
      out[key] = value;
      continue;
    }
    if (CLIENT_PREFIXES.some((prefix) => key.startsWith(prefix))) continue;
    throw notData(key, value);
  }
  return Object.freeze(out);
}

function notData(key: string, value: unknown): ConfigError {
  const what = typeof value === 'function' ? 'a function' : 'an object that is not plain data';
  const isModuleKey = (MODULE_CONFIG_KEYS as readonly string[]).includes(key);
  const advice = isModuleKey
    ? `Name a built-in instead (${builtInExample(key)}), or export the value from the topology module: \`export const config = { '${key}': ... }\` next to its \`export default defineTopology(...)\``
    : 'Give it as a string, number or boolean';
  return new ConfigError(
    `config '${key}' is ${what}, which cannot be sent to worker threads: this application's topology was given as a module, so its tasks run on worker threads. ${advice}.`,
    { context: { configKey: key } },
  );
}

function builtInExample(key: string): string {
  if (key.endsWith('serde')) return "'String', 'Long', 'ByteArray', or a Java class name such as 'org.apache.kafka.common.serialization.Serdes$StringSerde'";
  if (key === 'default.timestamp.extractor') return "'WallclockTimestampExtractor', 'UsePartitionTimeOnInvalidTimestamp' ...";
  return "'logAndFail' or 'logAndContinue'";
}

/**
 * The config a worker thread runs with: the data from the main thread plus the topology module's
 * `config` export. A key set in both places, or a module key that is not one of MODULE_CONFIG_KEYS,
 * is a ConfigError: every setting has one place.
 */
export function mergeModuleConfig(data: WorkerConfigData, moduleConfig: unknown, moduleLocation: string): StreamsConfigInput {
  if (moduleConfig === undefined || moduleConfig === null) return { ...data } as StreamsConfigInput;
  if (typeof moduleConfig !== 'object' || Array.isArray(moduleConfig)) {
    throw new ConfigError(`the \`config\` export of the topology module ${moduleLocation} must be an object of config keys, got ${Array.isArray(moduleConfig) ? 'an array' : typeof moduleConfig}`);
  }
  const merged: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(moduleConfig as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (!(MODULE_CONFIG_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(
        `the topology module ${moduleLocation} sets config '${key}' in its \`config\` export, which may only set ${MODULE_CONFIG_KEYS.map((k) => `'${k}'`).join(', ')}: set '${key}' in the config given to KafkaStreams`,
        { context: { configKey: key } },
      );
    }
    if (Object.hasOwn(data, key)) {
      throw new ConfigError(`config '${key}' is set both in the config given to KafkaStreams and in the \`config\` export of the topology module ${moduleLocation}: keep one`, {
        context: { configKey: key },
      });
    }
    merged[key] = value;
  }
  return merged as StreamsConfigInput;
}
