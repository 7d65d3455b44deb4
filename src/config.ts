/**
 * StreamsConfig: the user's settings, parsed, defaulted and validated once, then frozen.
 *
 * Keys are Kafka Streams' own strings. Every key Kafka Streams 3.9 defines is accepted (a key kstreams
 * does not act on yet logs one warning naming it); a key neither knows is a ConfigError suggesting the
 * nearest known key; so is every bad value. Defaults are Kafka Streams 3.9's (StreamsConfig.java), so an
 * application moved from Java behaves the same.
 *
 * Kafka client settings go under a client prefix (`consumer.`, `producer.`, `admin.`, `main.consumer.`,
 * `restore.consumer.`, `global.consumer.`); `sasl.*`, `ssl.*` and `security.protocol` are shared by
 * every client. Unlike Java, an unprefixed client setting (`max.poll.records`) is refused rather than
 * sent to every client that knows it: kstreams has no list of Java client keys to tell a client setting
 * from a typo, and the error says which prefix to use.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from './errors';
// config values that are core objects are resolved by core's own resolvers (type-only otherwise)
import { resolveSerde } from './core/serde/default-serde';
import type { Serde } from './core/serde/serde';
import { resolveTimestampExtractor } from './core/time/default-timestamp-extractor';
import type { ConsumedRecord, TimestampExtractor } from './core/time/timestamp-extractor';

// ---------------------------------------------------------------------------------------------------
// Value types

export type ProcessingGuarantee = 'at_least_once' | 'exactly_once_v2';
export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
/** kafkajs can only start from the earliest or the latest offset; Java's `none` has no counterpart. */
export type AutoOffsetReset = 'earliest' | 'latest';
/** Java's LogAndFail... / LogAndContinue... exception handlers. */
export type BuiltInExceptionHandler = 'logAndFail' | 'logAndContinue';

/** Header values as kafkajs carries them. */
export type ErrorHandlerHeaders = Readonly<Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>>;

/** Java: `ErrorHandlerContext`. Where the record that failed came from. */
export interface ErrorHandlerContext {
  /** null when the record came from a punctuator rather than an input topic. */
  readonly topic: string | null;
  /** -1 when unknown (punctuation). */
  readonly partition: number;
  /** -1 when unknown (punctuation). */
  readonly offset: number;
  readonly timestamp: number;
  readonly headers: ErrorHandlerHeaders;
  readonly processorNodeId: string;
  readonly taskId: string;
}

/** The raw input record a deserializer failed on (Java: `ConsumerRecord<byte[], byte[]>`). */
export interface FailedConsumerRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: ErrorHandlerHeaders;
}

/** The record a processor failed on (Java: `Record<?, ?>`). */
export interface FailedRecord {
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
  readonly headers: ErrorHandlerHeaders;
}

/**
 * The output record that could not be produced (Java: `ProducerRecord`): serialized bytes when the
 * send failed, the unserialized key and value when serialization failed (then `origin` says which).
 */
export interface FailedProducerRecord {
  readonly topic: string;
  readonly partition: number | null;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
  readonly headers: ErrorHandlerHeaders;
}

/** Java: `DeserializationExceptionHandler.DeserializationHandlerResponse`. */
export type DeserializationHandlerResponse = 'CONTINUE' | 'FAIL';
/** Java: `ProcessingExceptionHandler.ProcessingHandlerResponse`. */
export type ProcessingHandlerResponse = 'CONTINUE' | 'FAIL';
/** Java 3.9: `ProductionExceptionHandler.ProductionExceptionHandlerResponse` (RETRY came in 4.0). */
export type ProductionExceptionHandlerResponse = 'CONTINUE' | 'FAIL';
/** Java: `ProductionExceptionHandler.SerializationExceptionOrigin`. */
export type SerializationExceptionOrigin = 'KEY' | 'VALUE';

export type DeserializationExceptionHandler = (
  context: ErrorHandlerContext,
  record: FailedConsumerRecord,
  error: Error,
) => DeserializationHandlerResponse;

export type ProcessingExceptionHandler = (
  context: ErrorHandlerContext,
  record: FailedRecord,
  error: Error,
) => ProcessingHandlerResponse;

/** `origin` is set when serialization failed, absent when the broker refused the record. */
export type ProductionExceptionHandler = (
  context: ErrorHandlerContext,
  record: FailedProducerRecord,
  error: Error,
  origin?: SerializationExceptionOrigin,
) => ProductionExceptionHandlerResponse;

/** A default serde: a Serde object, or a Java class name / short name of a built-in serde (resolved at parse). */
export type SerdeLike = Serde<unknown>;

/** What a timestamp extractor sees (Java: `ConsumerRecord<Object, Object>`). */
export type ExtractableRecord = ConsumedRecord;

/** Java: `TimestampExtractor`. */
export type TimestampExtractorLike = TimestampExtractor;
export type TimestampExtractorFn = (record: ExtractableRecord, partitionTime: number) => number;

// ---------------------------------------------------------------------------------------------------
// The values a StreamsConfig holds, after parsing and defaulting

export interface StreamsConfigValues {
  // Supported by kstreams.
  readonly 'application.id': string;
  readonly 'bootstrap.servers': readonly string[];
  readonly 'client.id': string;
  readonly 'state.dir': string;
  readonly 'num.stream.threads': number;
  readonly 'num.standby.replicas': number;
  readonly 'replication.factor': number;
  readonly 'commit.interval.ms': number;
  readonly 'processing.guarantee': ProcessingGuarantee;
  readonly 'statestore.cache.max.bytes': number;
  /** Old name of statestore.cache.max.bytes; reads give the effective cache size. */
  readonly 'cache.max.bytes.buffering': number;
  readonly 'default.key.serde': SerdeLike | null;
  readonly 'default.value.serde': SerdeLike | null;
  /** null: Java's FailOnInvalidTimestamp (the record's own timestamp; a negative one fails). */
  readonly 'default.timestamp.extractor': TimestampExtractorLike | null;
  readonly 'default.deserialization.exception.handler': BuiltInExceptionHandler | DeserializationExceptionHandler;
  readonly 'processing.exception.handler': BuiltInExceptionHandler | ProcessingExceptionHandler;
  readonly 'default.production.exception.handler': BuiltInExceptionHandler | ProductionExceptionHandler;
  readonly 'errors.dead.letter.queue.topic.name': string | null;
  readonly 'auto.offset.reset': AutoOffsetReset;
  readonly 'max.task.idle.ms': number;
  readonly 'application.server': string;
  readonly 'max.warmup.replicas': number;
  readonly 'acceptable.recovery.lag': number;
  readonly 'probing.rebalance.interval.ms': number;
  readonly 'security.protocol': SecurityProtocol;
  readonly 'metrics.port': number | null;
  readonly 'statestore.pending.writes.max.bytes': number;

  // Kafka Streams 3.9 keys kstreams accepts but does not act on yet (typed and defaulted as Java does).
  readonly 'buffered.records.per.partition': number;
  readonly 'built.in.metrics.version': 'latest';
  readonly 'connections.max.idle.ms': number;
  readonly 'default.client.supplier': unknown;
  readonly 'default.dsl.store': 'rocksDB' | 'in_memory';
  readonly 'default.list.key.serde.inner': unknown;
  readonly 'default.list.key.serde.type': unknown;
  readonly 'default.list.value.serde.inner': unknown;
  readonly 'default.list.value.serde.type': unknown;
  readonly 'default.windowed.key.serde.inner': unknown;
  readonly 'default.windowed.value.serde.inner': unknown;
  readonly 'dsl.store.suppliers.class': unknown;
  readonly 'enable.metrics.push': boolean;
  readonly 'auto.include.jmx.reporter': boolean;
  readonly 'log.summary.interval.ms': number;
  readonly 'metadata.max.age.ms': number;
  readonly 'metric.reporters': readonly string[];
  readonly 'metrics.num.samples': number;
  readonly 'metrics.recording.level': 'INFO' | 'DEBUG' | 'TRACE';
  readonly 'metrics.sample.window.ms': number;
  readonly 'poll.ms': number;
  readonly 'rack.aware.assignment.non_overlap_cost': number | null;
  readonly 'rack.aware.assignment.strategy': 'none' | 'min_traffic' | 'balance_subtopology';
  readonly 'rack.aware.assignment.tags': readonly string[];
  readonly 'rack.aware.assignment.traffic_cost': number | null;
  readonly 'receive.buffer.bytes': number;
  readonly 'reconnect.backoff.max.ms': number;
  readonly 'reconnect.backoff.ms': number;
  readonly 'repartition.purge.interval.ms': number;
  readonly 'request.timeout.ms': number;
  readonly 'retries': number;
  readonly 'retry.backoff.ms': number;
  readonly 'rocksdb.config.setter': unknown;
  readonly 'send.buffer.bytes': number;
  readonly 'state.cleanup.delay.ms': number;
  readonly 'task.assignor.class': string | null;
  readonly 'task.timeout.ms': number;
  readonly 'topology.optimization': string;
  readonly 'upgrade.from': string | null;
  readonly 'window.size.ms': number | null;
  readonly 'windowed.inner.class.serde': string | null;
  readonly 'windowstore.changelog.additional.retention.ms': number;
}

export type StreamsConfigKey = keyof StreamsConfigValues;

// ---------------------------------------------------------------------------------------------------
// What a user may write

/** Java parses numbers and booleans given as strings ("2", "true"); so do we. */
type InputOf<V> = V extends number
  ? number | `${number}`
  : V extends boolean
    ? boolean | 'true' | 'false'
    : V extends readonly string[]
      ? string | readonly string[]
      : V;

/** Keys whose accepted input is wider than their normalised value. */
interface WiderInputs {
  readonly 'default.timestamp.extractor': TimestampExtractorLike | TimestampExtractorFn | string | null;
  readonly 'default.key.serde': SerdeLike | string | null;
  readonly 'default.value.serde': SerdeLike | string | null;
  readonly 'default.production.exception.handler': BuiltInExceptionHandler | 'default' | ProductionExceptionHandler;
  readonly 'security.protocol': SecurityProtocol | Lowercase<SecurityProtocol>;
}

type KeyInput<K extends StreamsConfigKey> = K extends keyof WiderInputs ? WiderInputs[K] : InputOf<StreamsConfigValues[K]>;

export type ClientKind = 'consumer' | 'main.consumer' | 'restore.consumer' | 'global.consumer' | 'producer' | 'admin';

/** Settings passed through to a Kafka client, by prefix, plus shared security settings. */
export interface PrefixedSettings {
  readonly [key: `consumer.${string}`]: unknown;
  readonly [key: `main.consumer.${string}`]: unknown;
  readonly [key: `restore.consumer.${string}`]: unknown;
  readonly [key: `global.consumer.${string}`]: unknown;
  readonly [key: `producer.${string}`]: unknown;
  readonly [key: `admin.${string}`]: unknown;
  readonly [key: `sasl.${string}`]: unknown;
  readonly [key: `ssl.${string}`]: unknown;
  /** Java: topic configs for internal topics. Accepted, not acted on yet. */
  readonly [key: `topic.${string}`]: unknown;
  /** Java: client tags for rack-aware standby placement. Accepted, not acted on yet. */
  readonly [key: `client.tag.${string}`]: unknown;
}

export type StreamsConfigInput = { readonly [K in StreamsConfigKey]?: KeyInput<K> } & PrefixedSettings;

export interface StreamsConfigOptions {
  /** Where warnings go (unsupported keys, ignored settings). Default: console.warn. */
  readonly warn?: (message: string) => void;
}

// ---------------------------------------------------------------------------------------------------
// Parsers: one per kind of value. `expected` is what an error message says the value should be.

/** Thrown by a parser; StreamsConfig turns it into a ConfigError naming key, value and expected form. */
class InvalidValue extends Error {
  constructor(readonly hint?: string) {
    super(hint ?? 'invalid value');
  }
}

interface ValueType<T> {
  readonly expected: string;
  readonly parse: (raw: unknown) => T;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

interface IntegerRange {
  readonly min?: number;
  readonly max?: number;
  /** Java INT is 32-bit; LONG is 64-bit, of which JavaScript numbers hold 53 bits exactly. */
  readonly bits?: 32 | 53;
  /** Replaces the generated description of the range. */
  readonly expected?: string;
  readonly refine?: (n: number) => boolean;
}

function integer(range: IntegerRange = {}): ValueType<number> {
  const { min, max, bits = 53 } = range;
  const expected =
    range.expected ??
    (min !== undefined && max !== undefined
      ? `an integer between ${min} and ${max}`
      : min !== undefined
        ? `an integer >= ${min}`
        : max !== undefined
          ? `an integer <= ${max}`
          : 'an integer');
  return {
    expected,
    parse(raw) {
      let n: number;
      if (typeof raw === 'number') n = raw;
      else if (typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim())) n = Number(raw.trim());
      else throw new InvalidValue();
      if (!Number.isSafeInteger(n)) throw new InvalidValue();
      if (bits === 32 && (n < INT32_MIN || n > INT32_MAX)) throw new InvalidValue('it does not fit a 32-bit integer');
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) throw new InvalidValue();
      if (range.refine !== undefined && !range.refine(n)) throw new InvalidValue();
      return n;
    },
  };
}

function boolean(): ValueType<boolean> {
  return {
    expected: 'true or false',
    parse(raw) {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string') {
        const text = raw.trim().toLowerCase();
        if (text === 'true') return true;
        if (text === 'false') return false;
      }
      throw new InvalidValue();
    },
  };
}

/** Java trims STRING values; so do we. `check` refines; its text replaces "a string" in messages. */
function string(check?: { readonly expected: string; readonly test: (s: string) => boolean }): ValueType<string> {
  return {
    expected: check?.expected ?? 'a string',
    parse(raw) {
      if (typeof raw !== 'string') throw new InvalidValue();
      const text = raw.trim();
      if (check !== undefined && !check.test(text)) throw new InvalidValue();
      return text;
    },
  };
}

function oneOf<const T extends string>(
  values: readonly T[],
  options: { readonly caseInsensitive?: boolean; readonly hints?: Readonly<Record<string, string>> } = {},
): ValueType<T> {
  return {
    expected: `one of ${values.map((v) => `'${v}'`).join(', ')}`,
    parse(raw) {
      if (typeof raw !== 'string') throw new InvalidValue();
      const text = raw.trim();
      const found = values.find((v) => (options.caseInsensitive ? v.toLowerCase() === text.toLowerCase() : v === text));
      if (found !== undefined) return found;
      throw new InvalidValue(options.hints !== undefined && Object.hasOwn(options.hints, text) ? options.hints[text] : undefined);
    },
  };
}

interface ListItems {
  /** The entries, plural ('host:port entries'). */
  readonly expected: string;
  /** One entry, for the message naming a bad one ('host:port'). */
  readonly entry: string;
  readonly test: (s: string) => boolean;
  readonly minSize?: number;
  readonly maxSize?: number;
}

/** Java LIST: a comma-separated string or a list; empty entries are dropped. */
function list(item?: ListItems): ValueType<readonly string[]> {
  const what = item?.expected ?? 'strings';
  const size =
    item?.maxSize !== undefined ? ` (at most ${item.maxSize})` : item?.minSize !== undefined ? ` (at least ${item.minSize})` : '';
  return {
    expected: `a comma-separated string or an array of ${what}${size}`,
    parse(raw) {
      let entries: string[];
      if (typeof raw === 'string') entries = raw.split(',');
      else if (Array.isArray(raw) && raw.every((e) => typeof e === 'string')) entries = [...(raw as string[])];
      else throw new InvalidValue();
      entries = entries.map((e) => e.trim()).filter((e) => e.length > 0);
      if (item?.maxSize !== undefined && entries.length > item.maxSize) throw new InvalidValue();
      if (item?.minSize !== undefined && entries.length < item.minSize) throw new InvalidValue();
      const bad = item === undefined ? undefined : entries.find((e) => !item.test(e));
      if (bad !== undefined) throw new InvalidValue(`'${bad}' is not ${item?.entry}`);
      return Object.freeze(entries);
    },
  };
}

function nullable<T>(type: ValueType<T>): ValueType<T | null> {
  return {
    expected: `${type.expected}, or null`,
    parse: (raw) => (raw === null ? null : type.parse(raw)),
  };
}

/** Java CLASS keys kstreams does not act on: a Java class cannot come from Node, so any value is kept. */
function anyValue(): ValueType<unknown> {
  return { expected: 'any value', parse: (raw) => raw };
}

function exceptionHandler<F extends (...args: never[]) => string>(
  aliases: Readonly<Record<string, BuiltInExceptionHandler>> = {},
): ValueType<BuiltInExceptionHandler | F> {
  const names = ['logAndFail', 'logAndContinue', ...Object.keys(aliases)];
  return {
    expected: `${names.map((n) => `'${n}'`).join(', ')} or a function (context, record, error) => 'CONTINUE' | 'FAIL'`,
    parse(raw) {
      if (typeof raw === 'function') return raw as F;
      if (raw === 'logAndFail' || raw === 'logAndContinue') return raw;
      if (typeof raw === 'string' && Object.hasOwn(aliases, raw)) return aliases[raw];
      throw new InvalidValue();
    },
  };
}

function serde(key: string): ValueType<SerdeLike | null> {
  return {
    expected: "a serde (an object with serializer() and deserializer()), a built-in serde's name ('String', 'org.apache.kafka.common.serialization.Serdes$StringSerde' ...), or null",
    parse(raw) {
      try {
        return resolveSerde(raw, key);
      } catch {
        throw new InvalidValue();
      }
    },
  };
}

function timestampExtractor(): ValueType<TimestampExtractorLike | null> {
  return {
    expected: "a function (record, partitionTime) => number, an object with extract(record, partitionTime), a built-in extractor's name, or null",
    parse(raw) {
      if (raw === null) return null;
      try {
        return resolveTimestampExtractor(raw);
      } catch {
        throw new InvalidValue();
      }
    },
  };
}

// Kafka topic names: [a-zA-Z0-9._-], at most 249 characters. application.id prefixes internal topic
// names and is the consumer group id, so it must fit that alphabet.
const APPLICATION_ID = {
  expected: "a non-empty string of letters, digits, '.', '_' and '-' of at most 249 characters (it prefixes internal topic names)",
  test: (s: string) => /^[a-zA-Z0-9._-]{1,249}$/.test(s),
};

// host:port, host may be a bracketed IPv6 address. kafkajs takes no protocol prefix (PLAINTEXT://).
const HOST_PORT = {
  expected: 'host:port entries',
  entry: 'host:port',
  minSize: 1,
  test: (s: string) => {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):(\d{1,5})$/.exec(s);
    return match !== null && Number(match[2]) <= 65535;
  },
};

const TOPOLOGY_OPTIMIZATIONS = ['reuse.ktable.source.topics', 'merge.repartition.topics', 'single.store.self.join'];

/** Java's verifyTopologyOptimizationConfigs: 'none', 'all', or a comma list of named optimizations. */
function topologyOptimization(): ValueType<string> {
  return {
    expected: `'none', 'all', or a comma-separated list of ${TOPOLOGY_OPTIMIZATIONS.map((o) => `'${o}'`).join(', ')}`,
    parse(raw) {
      if (typeof raw !== 'string') throw new InvalidValue();
      const parts = raw.trim().split(/\s*,\s*/);
      if (parts.length === 1 && (parts[0] === 'none' || parts[0] === 'all')) return parts[0];
      if (parts.every((p) => TOPOLOGY_OPTIMIZATIONS.includes(p))) return parts.join(',');
      throw new InvalidValue();
    },
  };
}

const removedGuarantee = (value: string): string =>
  `'${value}' is deprecated in Kafka Streams 3.x, removed in 4.0 and not implemented by kstreams: use processing.guarantee 'exactly_once_v2' (brokers 2.5 or newer)`;

// ---------------------------------------------------------------------------------------------------
// The table: one entry per key.

/** Where a key comes from; `supported` says whether kstreams acts on it. */
export type ConfigKeyOrigin =
  | 'kafka-streams-3.9'
  /** A Kafka Streams 4.x key kstreams already takes (KIP-1034 dead-letter queue). */
  | 'kafka-streams-4'
  /** A Java consumer key that Streams defaults for its consumers and kstreams takes at the top level. */
  | 'consumer'
  | 'kstreams';

const REQUIRED: unique symbol = Symbol('required');

interface KeyDefinition<T> {
  readonly type: ValueType<T>;
  readonly default: T | typeof REQUIRED;
  /** Default under exactly_once_v2 when the user did not set the key (Java: commit.interval.ms). */
  readonly eosDefault?: T;
  /** Marks an old name: its value feeds the new key unless the new key is set too (Java: new one wins). */
  readonly oldNameOf?: StreamsConfigKey;
  readonly origin: ConfigKeyOrigin;
  readonly supported: boolean;
  readonly doc: string;
}

type Definitions = { readonly [K in StreamsConfigKey]: KeyDefinition<StreamsConfigValues[K]> };

const S39 = 'kafka-streams-3.9';
const MIB = 1024 * 1024;

// Defaults checked against Apache Kafka 3.9 streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java.
const DEFINITIONS: Definitions = {
  // --- supported --------------------------------------------------------------------------------
  'application.id': {
    type: string(APPLICATION_ID), default: REQUIRED, origin: S39, supported: true,
    doc: 'Identifies the application: the consumer group id and the prefix of internal topics and of client ids.',
  },
  'bootstrap.servers': {
    type: list(HOST_PORT), default: REQUIRED, origin: S39, supported: true,
    doc: 'host:port pairs of brokers to bootstrap from.',
  },
  'client.id': {
    type: string(), default: '', origin: S39, supported: true,
    doc: "Prefix of the clients' ids; empty: derived from application.id (Java: '<application.id>-<random UUID>').",
  },
  'state.dir': {
    type: string({ expected: 'a non-empty path', test: (s) => s.length > 0 }),
    default: path.join(os.tmpdir(), 'kafka-streams'), origin: S39, supported: true,
    doc: 'Directory of the state stores; must be unique per instance sharing a filesystem.',
  },
  'num.stream.threads': {
    // Java allows 0 (global-only topologies); the worker pool needs at least one thread.
    type: integer({ min: 1, bits: 32 }), default: 1, origin: S39, supported: true,
    doc: 'Number of worker threads that run tasks.',
  },
  'num.standby.replicas': {
    type: integer({ min: 0, bits: 32 }), default: 0, origin: S39, supported: true,
    doc: 'Number of standby replicas of each stateful task.',
  },
  'replication.factor': {
    type: integer({ bits: 32, expected: '-1 (the broker default) or an integer >= 1', refine: (n) => n === -1 || n >= 1 }),
    default: -1, origin: S39, supported: true,
    doc: 'Replication factor of changelog and repartition topics; -1 uses the broker default.',
  },
  'commit.interval.ms': {
    type: integer({ min: 0 }), default: 30_000, eosDefault: 100, origin: S39, supported: true,
    doc: 'How often to commit: 30000 under at_least_once, 100 under exactly_once_v2 when not set.',
  },
  'processing.guarantee': {
    type: oneOf<ProcessingGuarantee>(['at_least_once', 'exactly_once_v2'], {
      hints: { exactly_once: removedGuarantee('exactly_once'), exactly_once_beta: removedGuarantee('exactly_once_beta') },
    }),
    default: 'at_least_once', origin: S39, supported: true,
    doc: "'at_least_once' or 'exactly_once_v2'.",
  },
  'statestore.cache.max.bytes': {
    type: integer({ min: 0 }), default: 10 * MIB, origin: S39, supported: true,
    doc: 'Bytes of record cache across all threads; 0 disables caching (every update is forwarded).',
  },
  'cache.max.bytes.buffering': {
    type: integer({ min: 0 }), default: 10 * MIB, oldNameOf: 'statestore.cache.max.bytes', origin: S39, supported: true,
    doc: 'Deprecated name of statestore.cache.max.bytes.',
  },
  'default.key.serde': {
    type: serde('default.key.serde'), default: null, origin: S39, supported: true,
    doc: 'Serde for keys where the topology names none.',
  },
  'default.value.serde': {
    type: serde('default.value.serde'), default: null, origin: S39, supported: true,
    doc: 'Serde for values where the topology names none.',
  },
  'default.timestamp.extractor': {
    type: timestampExtractor(), default: null, origin: S39, supported: true,
    doc: "Timestamp extractor; null is Java's FailOnInvalidTimestamp (the record's timestamp, negative fails).",
  },
  'default.deserialization.exception.handler': {
    type: exceptionHandler<DeserializationExceptionHandler>(), default: 'logAndFail', origin: S39, supported: true,
    doc: 'What to do with a record that cannot be deserialized.',
  },
  'processing.exception.handler': {
    type: exceptionHandler<ProcessingExceptionHandler>(), default: 'logAndFail', origin: S39, supported: true,
    doc: 'What to do when a processor throws.',
  },
  'default.production.exception.handler': {
    // Java's DefaultProductionExceptionHandler answers FAIL to everything: 'default' is read as 'logAndFail'.
    type: exceptionHandler<ProductionExceptionHandler>({ default: 'logAndFail' }), default: 'logAndFail', origin: S39, supported: true,
    doc: "What to do with a record that cannot be serialized or produced ('default' = 'logAndFail').",
  },
  'errors.dead.letter.queue.topic.name': {
    type: nullable(string({ expected: 'a Kafka topic name', test: (s) => /^[a-zA-Z0-9._-]{1,249}$/.test(s) })),
    default: null, origin: 'kafka-streams-4', supported: true,
    doc: 'Topic that receives records an exception handler dropped, with headers saying why (KIP-1034).',
  },
  'auto.offset.reset': {
    type: oneOf<AutoOffsetReset>(['earliest', 'latest'], {
      hints: { none: "kafkajs cannot fail on a missing offset; choose 'earliest' or 'latest'" },
    }),
    default: 'earliest', origin: 'consumer', supported: true,
    doc: "Where to start without a committed offset; Streams defaults its consumers to 'earliest'.",
  },
  'max.task.idle.ms': {
    type: integer({ min: -1, expected: 'an integer >= -1 (-1 disables idling)' }), default: 0, origin: S39, supported: true,
    doc: 'How long a task with some empty inputs waits for data before processing out of timestamp order.',
  },
  'application.server': {
    type: string({ expected: "'' or host:port", test: (s) => s === '' || HOST_PORT.test(s) }), default: '', origin: S39, supported: true,
    doc: 'host:port of this instance for interactive queries.',
  },
  'max.warmup.replicas': {
    type: integer({ min: 1, bits: 32 }), default: 2, origin: S39, supported: true,
    doc: 'Most warm-up replicas assigned at once.',
  },
  'acceptable.recovery.lag': {
    type: integer({ min: 0 }), default: 10_000, origin: S39, supported: true,
    doc: 'Most records a member may lag on a task and still count as caught up.',
  },
  'probing.rebalance.interval.ms': {
    type: integer({ min: 60_000 }), default: 600_000, origin: S39, supported: true,
    doc: 'Time between probing rebalances while warm-up replicas catch up.',
  },
  'security.protocol': {
    type: oneOf<SecurityProtocol>(['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'], { caseInsensitive: true }),
    default: 'PLAINTEXT', origin: S39, supported: true,
    doc: 'Protocol every client uses to reach the brokers.',
  },
  'metrics.port': {
    // kstreams only. 9464 is the port Prometheus exporters conventionally use (OpenTelemetry's too).
    // null turns the HTTP server off; 0 binds a free port the OS picks (tests, several instances per host).
    type: nullable(integer({ min: 0, max: 65535 })), default: 9464, origin: 'kstreams', supported: true,
    doc: 'Port of the /metrics, /healthz and /readyz HTTP server; null disables it, 0 picks a free port.',
  },
  'statestore.pending.writes.max.bytes': {
    // kstreams only: the pending writes of one task (every store write since its last commit, what
    // getSync reads over); reaching the bound commits the task early. 0 commits after every record.
    type: integer({ min: 0 }), default: 16 * MIB, origin: 'kstreams', supported: true,
    doc: "Bytes of one task's uncommitted store writes before it commits early.",
  },

  // --- Kafka Streams 3.9 keys not acted on yet ------------------------------------------------------
  'buffered.records.per.partition': {
    type: integer({ bits: 32 }), default: 1000, origin: S39, supported: false,
    doc: 'Maximum number of records to buffer per partition.',
  },
  'built.in.metrics.version': {
    type: oneOf(['latest']), default: 'latest', origin: S39, supported: false,
    doc: 'Version of the built-in metrics.',
  },
  'connections.max.idle.ms': {
    type: integer(), default: 540_000, origin: S39, supported: false,
    doc: 'Close idle connections after this long.',
  },
  'default.client.supplier': {
    type: anyValue(), default: 'org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier', origin: S39, supported: false,
    doc: 'Java class that creates the Kafka clients.',
  },
  'default.dsl.store': {
    type: oneOf(['rocksDB', 'in_memory']), default: 'rocksDB', origin: S39, supported: false,
    doc: 'Default store type of DSL operators.',
  },
  'default.list.key.serde.inner': {
    type: anyValue(), default: null, origin: S39, supported: false,
    doc: 'Inner serde of the default list key serde.',
  },
  'default.list.key.serde.type': {
    type: anyValue(), default: null, origin: S39, supported: false,
    doc: 'List type of the default list key serde.',
  },
  'default.list.value.serde.inner': {
    type: anyValue(), default: null, origin: S39, supported: false,
    doc: 'Inner serde of the default list value serde.',
  },
  'default.list.value.serde.type': {
    type: anyValue(), default: null, origin: S39, supported: false,
    doc: 'List type of the default list value serde.',
  },
  'default.windowed.key.serde.inner': {
    // Deprecated since 3.0; a StreamsConfig constant but not in its ConfigDef.
    type: anyValue(), default: null, origin: S39, supported: false,
    doc: 'Deprecated: inner serde of windowed keys.',
  },
  'default.windowed.value.serde.inner': {
    type: anyValue(), default: null, origin: S39, supported: false,
    doc: 'Deprecated: inner serde of windowed values.',
  },
  'dsl.store.suppliers.class': {
    type: anyValue(), default: 'org.apache.kafka.streams.state.BuiltInDslStoreSuppliers$RocksDBDslStoreSuppliers', origin: S39, supported: false,
    doc: 'Java class that supplies DSL stores.',
  },
  'enable.metrics.push': {
    type: boolean(), default: true, origin: S39, supported: false,
    doc: 'Push client metrics to the brokers (KIP-714).',
  },
  'auto.include.jmx.reporter': {
    type: boolean(), default: true, origin: S39, supported: false,
    doc: 'Deprecated: include the JMX reporter.',
  },
  'log.summary.interval.ms': {
    type: integer(), default: 120_000, origin: S39, supported: false,
    doc: 'Interval of summary log lines.',
  },
  'metadata.max.age.ms': {
    type: integer({ min: 0 }), default: 300_000, origin: S39, supported: false,
    doc: 'Refresh metadata at least this often.',
  },
  'metric.reporters': {
    type: list(), default: Object.freeze([]), origin: S39, supported: false,
    doc: 'Java metric reporter classes.',
  },
  'metrics.num.samples': {
    type: integer({ min: 1, bits: 32 }), default: 2, origin: S39, supported: false,
    doc: 'Samples kept to compute metrics.',
  },
  'metrics.recording.level': {
    type: oneOf(['INFO', 'DEBUG', 'TRACE']), default: 'INFO', origin: S39, supported: false,
    doc: 'Highest recording level of metrics.',
  },
  'metrics.sample.window.ms': {
    type: integer({ min: 0 }), default: 30_000, origin: S39, supported: false,
    doc: 'Window of a metrics sample.',
  },
  'poll.ms': {
    type: integer(), default: 100, origin: S39, supported: false,
    doc: 'How long a poll blocks waiting for input.',
  },
  'rack.aware.assignment.non_overlap_cost': {
    type: nullable(integer({ bits: 32 })), default: null, origin: S39, supported: false,
    doc: 'Cost of moving a task in rack-aware assignment.',
  },
  'rack.aware.assignment.strategy': {
    type: oneOf(['none', 'min_traffic', 'balance_subtopology']), default: 'none', origin: S39, supported: false,
    doc: 'Rack-aware assignment strategy.',
  },
  'rack.aware.assignment.tags': {
    type: list({ expected: 'client tag keys', entry: 'a client tag key', test: () => true, maxSize: 5 }), default: Object.freeze([]), origin: S39, supported: false,
    doc: 'Client tag keys that spread standbys.',
  },
  'rack.aware.assignment.traffic_cost': {
    type: nullable(integer({ bits: 32 })), default: null, origin: S39, supported: false,
    doc: 'Cost of cross-rack traffic in rack-aware assignment.',
  },
  'receive.buffer.bytes': {
    type: integer({ min: -1, bits: 32 }), default: 32 * 1024, origin: S39, supported: false,
    doc: 'TCP receive buffer; -1 uses the OS default.',
  },
  'reconnect.backoff.max.ms': {
    type: integer({ min: 0 }), default: 1000, origin: S39, supported: false,
    doc: 'Longest reconnect backoff.',
  },
  'reconnect.backoff.ms': {
    type: integer({ min: 0 }), default: 50, origin: S39, supported: false,
    doc: 'Base reconnect backoff.',
  },
  'repartition.purge.interval.ms': {
    type: integer({ min: 0 }), default: 30_000, origin: S39, supported: false,
    doc: 'How often to delete consumed records from repartition topics.',
  },
  'request.timeout.ms': {
    type: integer({ min: 0, bits: 32 }), default: 40_000, origin: S39, supported: false,
    doc: 'How long a client waits for a response.',
  },
  'retries': {
    type: integer({ min: 0, bits: 32 }), default: 0, origin: S39, supported: false,
    doc: 'Deprecated: retries of failed requests.',
  },
  'retry.backoff.ms': {
    type: integer({ min: 0 }), default: 100, origin: S39, supported: false,
    doc: 'Backoff before retrying a failed request.',
  },
  'rocksdb.config.setter': {
    type: anyValue(), default: null, origin: S39, supported: false,
    doc: 'Java RocksDB options setter (kstreams stores use LevelDB).',
  },
  'send.buffer.bytes': {
    type: integer({ min: -1, bits: 32 }), default: 128 * 1024, origin: S39, supported: false,
    doc: 'TCP send buffer; -1 uses the OS default.',
  },
  'state.cleanup.delay.ms': {
    type: integer(), default: 600_000, origin: S39, supported: false,
    doc: 'How long to keep state of migrated tasks before deleting it.',
  },
  'task.assignor.class': {
    type: nullable(string()), default: null, origin: S39, supported: false,
    doc: 'Java task assignor class (KIP-924).',
  },
  'task.timeout.ms': {
    type: integer({ min: 0 }), default: 300_000, origin: S39, supported: false,
    doc: 'How long a task may stall on retriable errors before failing.',
  },
  'topology.optimization': {
    type: topologyOptimization(), default: 'none', origin: S39, supported: true,
    doc: 'Topology optimizations StreamsBuilder#build(config) applies (as Java, only through build(props)).',
  },
  'upgrade.from': {
    type: nullable(oneOf(['0.10.0', '0.10.1', '0.10.2', '0.11.0', '1.0', '1.1', '2.0', '2.1', '2.2', '2.3', '2.4', '2.5',
      '2.6', '2.7', '2.8', '3.0', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8'])),
    default: null, origin: S39, supported: false,
    doc: 'Version a rolling upgrade comes from.',
  },
  'window.size.ms': {
    type: nullable(integer()), default: null, origin: S39, supported: false,
    doc: 'Window size for a windowed deserializer.',
  },
  'windowed.inner.class.serde': {
    type: nullable(string()), default: null, origin: S39, supported: false,
    doc: 'Inner serde of a windowed record in a plain consumer.',
  },
  'windowstore.changelog.additional.retention.ms': {
    type: integer(), default: 86_400_000, origin: S39, supported: false,
    doc: 'Extra retention of window store changelogs (clock drift).',
  },
};

const KNOWN_KEYS = Object.keys(DEFINITIONS) as StreamsConfigKey[];

function isKnownKey(key: string): key is StreamsConfigKey {
  return Object.hasOwn(DEFINITIONS, key);
}

/** One line per key, for documentation and the CLI. */
export interface ConfigKeyDescription {
  readonly name: StreamsConfigKey;
  readonly origin: ConfigKeyOrigin;
  readonly supported: boolean;
  readonly doc: string;
}

export function configKeys(): readonly ConfigKeyDescription[] {
  return Object.freeze(KNOWN_KEYS.map((name) => {
    const { origin, supported, doc } = DEFINITIONS[name];
    return Object.freeze({ name, origin, supported, doc });
  }));
}

// ---------------------------------------------------------------------------------------------------
// Prefixed client settings

/** Most specific last: a later prefix overrides an earlier one for the same setting. */
const CLIENT_PREFIXES: Readonly<Record<ClientKind, readonly string[]>> = {
  'consumer': ['consumer.'],
  'main.consumer': ['consumer.', 'main.consumer.'],
  'restore.consumer': ['consumer.', 'restore.consumer.'],
  'global.consumer': ['consumer.', 'global.consumer.'],
  'producer': ['producer.'],
  'admin': ['admin.'],
};

const ALL_CLIENT_PREFIXES = ['main.consumer.', 'restore.consumer.', 'global.consumer.', 'consumer.', 'producer.', 'admin.'];
const CONSUMER_PREFIXES = new Set(['consumer.', 'main.consumer.', 'restore.consumer.', 'global.consumer.']);
/** Shared by every client, like Java's unprefixed client security settings. */
const SHARED_PREFIXES = ['sasl.', 'ssl.'];
/** Java prefixes kstreams accepts but does not act on yet. */
const UNSUPPORTED_PREFIXES = ['topic.', 'client.tag.'];

/**
 * Client settings kstreams must own (Java: NON_CONFIGURABLE_*_CONFIGS). Java logs and ignores a user
 * value that differs; we refuse it, since it would silently not apply.
 */
interface ReservedSetting {
  readonly clients: 'consumers' | 'producer';
  readonly eosOnly: boolean;
  /** The only value accepted (compared as lower-case text); undefined: no value is accepted. */
  readonly required?: string;
  readonly why: string;
}
const RESERVED_CLIENT_SETTINGS: Readonly<Record<string, ReservedSetting>> = {
  'enable.auto.commit': { clients: 'consumers', eosOnly: false, required: 'false', why: 'kstreams commits offsets itself' },
  'isolation.level': { clients: 'consumers', eosOnly: true, required: 'read_committed', why: 'exactly_once_v2 reads committed data only' },
  'enable.idempotence': { clients: 'producer', eosOnly: true, required: 'true', why: 'exactly_once_v2 needs an idempotent producer' },
  'transactional.id': { clients: 'producer', eosOnly: true, why: "kstreams sets it to '<application.id>-<task id>'" },
};

/** Java's producer transaction timeout under EOS when producer.transaction.timeout.ms is not set. */
const EOS_DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------------------------------

export class StreamsConfig {
  private readonly values: StreamsConfigValues;
  private readonly given: Readonly<Record<string, unknown>>;
  private readonly clients: Readonly<Record<ClientKind, Readonly<Record<string, unknown>>>>;

  constructor(input: StreamsConfigInput, options: StreamsConfigOptions = {}) {
    const warn = options.warn ?? ((message: string) => console.warn(message));
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new ConfigError(`StreamsConfig expects an object of config keys, got ${show(input)}`, { code: 'CONFIG_INVALID' });
    }

    // undefined counts as not set (an optional value spread into the object).
    const entries = Object.entries(input).filter(([, value]) => value !== undefined);

    const parsed = new Map<StreamsConfigKey, unknown>();
    const prefixed: Record<string, unknown> = {};
    const warned = new Set<string>();
    const warnOnce = (key: string, message: string): void => {
      if (warned.has(key)) return;
      warned.add(key);
      warn(message);
    };

    for (const [key, raw] of entries) {
      if (isKnownKey(key)) {
        const def = DEFINITIONS[key];
        parsed.set(key, parseValue(key, raw, def.type));
        if (!def.supported) {
          warnOnce(key, `kstreams: config '${key}' is a Kafka Streams 3.9 setting that kstreams does not support yet; it is ignored.`);
        }
      } else if (startsWithAny(key, ALL_CLIENT_PREFIXES) || startsWithAny(key, SHARED_PREFIXES)) {
        prefixed[key] = raw;
      } else if (startsWithAny(key, UNSUPPORTED_PREFIXES)) {
        warnOnce(key, `kstreams: config '${key}' is a Kafka Streams 3.9 setting that kstreams does not support yet; it is ignored.`);
      } else {
        throw unknownKey(key);
      }
    }

    this.given = Object.freeze(Object.fromEntries(entries));

    const guarantee = (parsed.get('processing.guarantee') ?? DEFINITIONS['processing.guarantee'].default) as ProcessingGuarantee;
    const eos = guarantee === 'exactly_once_v2';
    const values: Record<string, unknown> = {};
    for (const key of KNOWN_KEYS) {
      const def: KeyDefinition<unknown> = DEFINITIONS[key];
      if (parsed.has(key)) values[key] = parsed.get(key);
      else if (def.default === REQUIRED) {
        throw new ConfigError(`missing required config '${key}': expected ${def.type.expected}`, {
          code: 'CONFIG_MISSING',
          context: { configKey: key },
        });
      } else values[key] = eos && def.eosDefault !== undefined ? def.eosDefault : def.default;
    }

    // Old names: Java's getTotalCacheSize takes the new key when both are set, else whichever is set.
    for (const key of KNOWN_KEYS) {
      const newKey = DEFINITIONS[key].oldNameOf;
      if (newKey === undefined) continue;
      if (parsed.has(key) && parsed.has(newKey)) {
        if (parsed.get(key) !== parsed.get(newKey)) {
          warnOnce(key, `kstreams: both '${key}' (deprecated) and '${newKey}' are set; '${key}' is ignored and '${newKey}' = ${show(parsed.get(newKey))} is used.`);
        }
      } else if (parsed.has(key)) {
        values[newKey] = parsed.get(key);
      }
      values[key] = values[newKey];
    }
    this.values = Object.freeze(values) as unknown as StreamsConfigValues;

    for (const [key, raw] of Object.entries(prefixed)) checkPrefixedSetting(key, raw, eos, warnOnce);
    if (eos) checkTransactionTimeout(this.values['commit.interval.ms'], prefixed['producer.transaction.timeout.ms']);

    this.clients = Object.freeze(
      Object.fromEntries(
        (Object.keys(CLIENT_PREFIXES) as ClientKind[]).map((kind) => [kind, buildClientConfig(kind, this.values, prefixed)]),
      ) as Record<ClientKind, Readonly<Record<string, unknown>>>,
    );
    Object.freeze(this);
  }

  /** The parsed value of a key, or its default (Kafka Streams 3.9's) when not set. */
  get<K extends StreamsConfigKey>(key: K): StreamsConfigValues[K] {
    if (!isKnownKey(key)) throw unknownKey(key);
    return this.values[key];
  }

  /**
   * The settings for one Kafka client, prefixes stripped: shared security settings (`security.protocol`,
   * `sasl.*`, `ssl.*`), then for consumers `auto.offset.reset`, then `consumer.` settings, then the
   * client's own prefix; a later source overrides an earlier one. `bootstrap.servers` is never here:
   * every client uses the top-level one.
   */
  clientConfig(kind: ClientKind): Readonly<Record<string, unknown>> {
    if (!Object.hasOwn(this.clients, kind)) {
      throw new ConfigError(`unknown client kind ${show(kind)}: expected one of ${Object.keys(CLIENT_PREFIXES).map((k) => `'${k}'`).join(', ')}`);
    }
    return this.clients[kind];
  }

  /** The settings exactly as given (keys set to undefined left out). */
  originals(): Readonly<StreamsConfigInput> {
    return this.given as Readonly<StreamsConfigInput>;
  }
}

// ---------------------------------------------------------------------------------------------------

function parseValue<T>(key: string, raw: unknown, type: ValueType<T>): T {
  try {
    return type.parse(raw);
  } catch (err) {
    if (!(err instanceof InvalidValue)) throw err;
    throw invalidValue(key, raw, type.expected, err.hint);
  }
}

function invalidValue(key: string, raw: unknown, expected: string, hint?: string): ConfigError {
  return new ConfigError(
    `invalid value ${show(raw)} for config '${key}': expected ${expected}${hint === undefined ? '' : `; ${hint}`}`,
    { context: { configKey: key, value: show(raw) } },
  );
}

function unknownKey(key: string): ConfigError {
  const suggestion = nearestKey(key);
  const advice =
    suggestion !== undefined
      ? `did you mean '${suggestion}'?`
      : `it is neither a Kafka Streams 3.9 nor a kstreams key. Kafka client settings need a client prefix, e.g. 'consumer.${key}', 'producer.${key}' or 'admin.${key}'`;
  return new ConfigError(`unknown config key '${key}'; ${advice}`, {
    code: 'CONFIG_UNKNOWN_KEY',
    context: suggestion === undefined ? { configKey: key } : { configKey: key, suggestion },
  });
}

/**
 * The known key (or prefixed form) nearest to a mistyped one, if near enough to be a typo: within a
 * quarter of its length, and at least 2 edits.
 */
function nearestKey(key: string): string | undefined {
  const candidates: string[] = [...KNOWN_KEYS];
  // A mistyped prefix ('consumers.max.poll.records'): the real prefix on the rest of the key, tried
  // only when the key's head is itself near that prefix (else 'max.poll.records' would suggest 'ssl.poll.records').
  const segments = key.split('.');
  for (const prefix of [...ALL_CLIENT_PREFIXES, ...SHARED_PREFIXES]) {
    const prefixHead = prefix.slice(0, -1);
    const width = prefixHead.split('.').length;
    const head = segments.slice(0, width).join('.');
    const rest = segments.slice(width).join('.');
    if (rest.length === 0 || head === prefixHead) continue;
    if (editDistance(head, prefixHead) <= (prefixHead.length <= 4 ? 1 : 2)) candidates.push(prefix + rest);
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function startsWithAny(key: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => key.startsWith(prefix));
}

function splitPrefix(key: string): { prefix: string; setting: string } {
  const prefix = [...ALL_CLIENT_PREFIXES, ...SHARED_PREFIXES].find((p) => key.startsWith(p)) ?? '';
  return { prefix, setting: key.slice(prefix.length) };
}

function checkPrefixedSetting(key: string, raw: unknown, eos: boolean, warnOnce: (key: string, message: string) => void): void {
  const { prefix, setting } = splitPrefix(key);
  if (setting.length === 0) {
    throw new ConfigError(`invalid config key '${key}': the prefix '${prefix}' must be followed by a setting name, e.g. '${prefix}${SHARED_PREFIXES.includes(prefix) ? 'mechanism' : 'max.poll.records'}'`, {
      context: { configKey: key },
    });
  }
  if (SHARED_PREFIXES.includes(prefix)) return; // the whole key is the client setting (sasl.mechanism)
  const isConsumer = CONSUMER_PREFIXES.has(prefix);
  if (setting === 'bootstrap.servers') {
    warnOnce(key, `kstreams: config '${key}' is ignored: every client uses 'bootstrap.servers' (one cluster per application).`);
    return;
  }
  if (setting === 'auto.offset.reset' && isConsumer) {
    parseValue(key, raw, DEFINITIONS['auto.offset.reset'].type);
    return;
  }
  if (!Object.hasOwn(RESERVED_CLIENT_SETTINGS, setting)) return;
  const reserved = RESERVED_CLIENT_SETTINGS[setting];
  if (reserved.eosOnly && !eos) return;
  if ((reserved.clients === 'consumers') !== isConsumer || prefix === 'admin.') return;
  if (reserved.required !== undefined && String(raw).trim().toLowerCase() === reserved.required) return;
  const fix = reserved.required === undefined ? 'remove it' : `remove it or set it to ${show(reserved.required)}`;
  throw new ConfigError(`config '${key}' = ${show(raw)} cannot be set: ${reserved.why}; ${fix}`, {
    context: { configKey: key, value: show(raw) },
  });
}

/** Java: a transaction that outlives its timeout is aborted by the broker, so every EOS commit would fail. */
function checkTransactionTimeout(commitIntervalMs: number, rawTimeout: unknown): void {
  const key = 'producer.transaction.timeout.ms';
  const timeoutMs = rawTimeout === undefined ? EOS_DEFAULT_TRANSACTION_TIMEOUT_MS : parseValue(key, rawTimeout, integer({ min: 1, bits: 32 }));
  if (timeoutMs < commitIntervalMs) {
    throw new ConfigError(
      `transaction timeout ${timeoutMs} ms ('${key}'${rawTimeout === undefined ? ', Streams default' : ''}) is lower than 'commit.interval.ms' ${commitIntervalMs}: ` +
        `every transaction would time out before its commit. Lower 'commit.interval.ms' or raise '${key}'.`,
      { context: { configKey: 'commit.interval.ms' } },
    );
  }
}

function buildClientConfig(kind: ClientKind, values: StreamsConfigValues, prefixed: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const settings: Record<string, unknown> = { 'security.protocol': values['security.protocol'] };
  for (const [key, value] of Object.entries(prefixed)) if (startsWithAny(key, SHARED_PREFIXES)) settings[key] = value;
  if (kind.endsWith('consumer')) settings['auto.offset.reset'] = values['auto.offset.reset'];
  for (const prefix of CLIENT_PREFIXES[kind]) {
    for (const [key, value] of Object.entries(prefixed)) {
      if (!key.startsWith(prefix)) continue;
      const setting = key.slice(prefix.length);
      if (setting !== 'bootstrap.servers') settings[setting] = value;
    }
  }
  return Object.freeze(settings);
}

/** A value as an error message shows it. */
function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) {
    try {
      const json = JSON.stringify(value);
      if (json !== undefined) return json.length > 80 ? `${json.slice(0, 77)}...` : json;
    } catch {
      // cyclic or otherwise not JSON: fall through
    }
    return Object.prototype.toString.call(value);
  }
  return String(value);
}
