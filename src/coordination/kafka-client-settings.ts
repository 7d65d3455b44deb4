// The kafkajs configs of kstreams's clients, from a StreamsConfig. Client settings come through
// StreamsConfig#clientConfig (prefixes stripped) under Java's names (`session.timeout.ms`), which
// are mapped to kafkajs's options, or under kafkajs's own option names (`heartbeatInterval`), which
// pass through. A setting kafkajs has no counterpart for is logged once and ignored.
import { logLevel as KafkaLogLevel, type ConsumerConfig, type KafkaConfig, type logCreator, type ProducerConfig, type SASLOptions } from 'kafkajs';
import type { ClientKind, StreamsConfig } from '../config';
import { ConfigError } from '../errors';

export interface ClientLogger {
  warn(message: string): void;
  error(message: string): void;
}

type Numeric<T> = { [K in keyof T]-?: NonNullable<T[K]> extends number ? K : never }[keyof T];
type Flag<T> = { [K in keyof T]-?: NonNullable<T[K]> extends boolean ? K : never }[keyof T];

/** Java's consumer default for fetch.max.wait.ms. */
const JAVA_FETCH_MAX_WAIT_MS = 500;

const CONSUMER_NUMBERS: Readonly<Record<string, Numeric<ConsumerConfig>>> = {
  'session.timeout.ms': 'sessionTimeout',
  'heartbeat.interval.ms': 'heartbeatInterval',
  'max.poll.interval.ms': 'rebalanceTimeout',
  'fetch.max.wait.ms': 'maxWaitTimeInMs',
  'fetch.min.bytes': 'minBytes',
  'fetch.max.bytes': 'maxBytes',
  'max.partition.fetch.bytes': 'maxBytesPerPartition',
  'metadata.max.age.ms': 'metadataMaxAge',
  sessionTimeout: 'sessionTimeout',
  heartbeatInterval: 'heartbeatInterval',
  rebalanceTimeout: 'rebalanceTimeout',
  maxWaitTimeInMs: 'maxWaitTimeInMs',
  minBytes: 'minBytes',
  maxBytes: 'maxBytes',
  maxBytesPerPartition: 'maxBytesPerPartition',
  metadataMaxAge: 'metadataMaxAge',
  maxInFlightRequests: 'maxInFlightRequests',
};
const PRODUCER_NUMBERS: Readonly<Record<string, Numeric<ProducerConfig>>> = {
  'metadata.max.age.ms': 'metadataMaxAge',
  'transaction.timeout.ms': 'transactionTimeout',
  metadataMaxAge: 'metadataMaxAge',
  transactionTimeout: 'transactionTimeout',
};
const CLIENT_NUMBERS: Readonly<Record<string, Numeric<KafkaConfig>>> = {
  'request.timeout.ms': 'requestTimeout',
  'connections.max.idle.ms': 'connectionTimeout',
  requestTimeout: 'requestTimeout',
  connectionTimeout: 'connectionTimeout',
  authenticationTimeout: 'authenticationTimeout',
};
const CONSUMER_FLAGS: Readonly<Record<string, Flag<ConsumerConfig>>> = {
  'allow.auto.create.topics': 'allowAutoTopicCreation',
};
/** Set by kstreams itself, or meaningless for kafkajs: accepted silently. */
const HANDLED = new Set(['security.protocol', 'auto.offset.reset', 'enable.auto.commit', 'isolation.level', 'enable.idempotence', 'client.id', 'group.id']);

export class KafkaClientSettings {
  private readonly warned = new Set<string>();

  constructor(
    private readonly config: StreamsConfig,
    private readonly logger: ClientLogger,
  ) {}

  /** The Kafka client of one kind of use (one per kind: kafkajs clients share nothing). */
  kafka(kind: ClientKind, clientIdSuffix: string): KafkaConfig {
    const settings = this.config.clientConfig(kind);
    const security = this.config.get('security.protocol');
    const out: KafkaConfig = {
      clientId: `${this.config.get('client.id') || this.config.get('application.id')}-${clientIdSuffix}`,
      brokers: [...this.config.get('bootstrap.servers')],
      logCreator: this.logCreator(),
      ssl: security === 'SSL' || security === 'SASL_SSL' ? true : undefined,
    };
    const sasl = saslOptions(settings);
    if (sasl) out.sasl = sasl;
    const mutable = out as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(settings)) {
      if (Object.hasOwn(CLIENT_NUMBERS, key)) mutable[CLIENT_NUMBERS[key]] = toNumber(key, value);
    }
    return out;
  }

  consumer(kind: 'main.consumer' | 'restore.consumer', groupId: string): Omit<ConsumerConfig, 'partitionAssigners'> {
    // Java's fetch.max.wait.ms default (500 ms), not kafkajs's 5 s: kafkajs sleeps that long when every
    // partition is paused, and the task router pauses partitions for back-pressure, so a 5 s wait
    // stalled the whole consumer after each large fetch (pass-through ran at 10% of raw kafkajs); a
    // resume() now also ends that sleep (kafkajs-patches/resume-wakes-fetch.ts). Fetch sizes stay
    // kafkajs's (1 MiB per partition): sized to the router's bound they made word count 2.7× slower.
    const out: ConsumerConfig = { groupId, readUncommitted: false, allowAutoTopicCreation: false, maxWaitTimeInMs: JAVA_FETCH_MAX_WAIT_MS };
    const mutable = out as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(this.config.clientConfig(kind))) {
      if (Object.hasOwn(CONSUMER_NUMBERS, key)) mutable[CONSUMER_NUMBERS[key]] = toNumber(key, value);
      else if (Object.hasOwn(CONSUMER_FLAGS, key)) mutable[CONSUMER_FLAGS[key]] = toFlag(key, value);
      else this.ignored(kind, key);
    }
    return out;
  }

  producer(): Omit<ProducerConfig, 'createPartitioner'> {
    const out: ProducerConfig = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false };
    const mutable = out as unknown as Record<string, unknown>;
    for (const [key, value] of Object.entries(this.config.clientConfig('producer'))) {
      if (Object.hasOwn(PRODUCER_NUMBERS, key)) mutable[PRODUCER_NUMBERS[key]] = toNumber(key, value);
      else this.ignored('producer', key);
    }
    return out;
  }

  private ignored(kind: string, key: string): void {
    if (HANDLED.has(key) || key.startsWith('sasl.') || key.startsWith('ssl.') || Object.hasOwn(CLIENT_NUMBERS, key)) return;
    if (this.warned.has(`${kind}.${key}`)) return;
    this.warned.add(`${kind}.${key}`);
    this.logger.warn(`kstreams: client setting '${kind}.${key}' has no kafkajs counterpart; it is ignored.`);
  }

  /** kafkajs logs through our logger: errors and warnings only (its info lines narrate every rebalance). */
  private logCreator(): logCreator {
    return (level) => (entry) => {
      const text = `kafkajs ${entry.namespace}: ${entry.log.message}`;
      if (level === KafkaLogLevel.ERROR) this.logger.error(text);
    };
  }
}

function toNumber(key: string, value: unknown): number {
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new ConfigError(`client setting '${key}' must be a non-negative number, got ${String(value)}`, { context: { configKey: key } });
  return n;
}

function toFlag(key: string, value: unknown): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(`client setting '${key}' must be true or false, got ${String(value)}`, { context: { configKey: key } });
}

function saslOptions(settings: Readonly<Record<string, unknown>>): SASLOptions | undefined {
  const mechanism = settings['sasl.mechanism'];
  if (mechanism === undefined) return undefined;
  const username = String(settings['sasl.username'] ?? '');
  const password = String(settings['sasl.password'] ?? '');
  switch (String(mechanism).toLowerCase()) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
    default:
      throw new ConfigError(`sasl.mechanism '${String(mechanism)}' is not supported; use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 with sasl.username and sasl.password`, {
        context: { configKey: 'sasl.mechanism' },
      });
  }
}
