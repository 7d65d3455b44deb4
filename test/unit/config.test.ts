import { Serdes } from '../../src/core/serde/serdes';
import { RecordHeaders } from '../../src/core/processor/record-headers';
import { expect } from 'chai';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  StreamsConfig,
  configKeys,
  type DeserializationExceptionHandler,
  type ExtractableRecord,
  type ProductionExceptionHandler,
  type StreamsConfigInput,
  type StreamsConfigKey,
} from '../../src/config';
import { ConfigError } from '../../src/errors';

const BASE = { 'application.id': 'orders-app', 'bootstrap.servers': 'localhost:9092' } as const;

/** A config built with a warning collector. */
function build(extra: StreamsConfigInput | Record<string, unknown> = {}): { config: StreamsConfig; warnings: string[] } {
  const warnings: string[] = [];
  const config = new StreamsConfig({ ...BASE, ...extra } as StreamsConfigInput, { warn: (m) => warnings.push(m) });
  return { config, warnings };
}

/** The ConfigError that building with `extra` throws. */
function rejection(extra: Record<string, unknown>, base: Record<string, unknown> = BASE): ConfigError {
  try {
    new StreamsConfig({ ...base, ...extra } as StreamsConfigInput, { warn: () => undefined });
  } catch (err) {
    expect(err).to.be.instanceOf(ConfigError);
    return err as ConfigError;
  }
  expect.fail(`expected ${JSON.stringify(extra)} to be rejected`);
}

/**
 * Every key Apache Kafka 3.9's StreamsConfig defines: the 63 keys of its ConfigDef, read from
 * streams/src/main/java/org/apache/kafka/streams/StreamsConfig.java (branch 3.9), plus the two
 * deprecated windowed-serde constants it still declares outside the ConfigDef.
 */
const KAFKA_STREAMS_3_9_KEYS = [
  'application.id', 'bootstrap.servers', 'num.standby.replicas', 'state.dir', 'acceptable.recovery.lag',
  'cache.max.bytes.buffering', 'statestore.cache.max.bytes', 'client.id', 'default.deserialization.exception.handler',
  'default.key.serde', 'default.list.key.serde.inner', 'default.list.value.serde.inner', 'default.list.key.serde.type',
  'default.list.value.serde.type', 'default.production.exception.handler', 'processing.exception.handler',
  'default.timestamp.extractor', 'default.value.serde', 'max.task.idle.ms', 'max.warmup.replicas', 'num.stream.threads',
  'processing.guarantee', 'rack.aware.assignment.non_overlap_cost', 'rack.aware.assignment.strategy',
  'rack.aware.assignment.tags', 'rack.aware.assignment.traffic_cost', 'task.assignor.class', 'replication.factor',
  'security.protocol', 'task.timeout.ms', 'topology.optimization', 'application.server', 'buffered.records.per.partition',
  'built.in.metrics.version', 'commit.interval.ms', 'enable.metrics.push', 'repartition.purge.interval.ms',
  'connections.max.idle.ms', 'default.dsl.store', 'dsl.store.suppliers.class', 'default.client.supplier',
  'metadata.max.age.ms', 'metrics.num.samples', 'metric.reporters', 'metrics.recording.level', 'metrics.sample.window.ms',
  'auto.include.jmx.reporter', 'poll.ms', 'probing.rebalance.interval.ms', 'receive.buffer.bytes', 'reconnect.backoff.ms',
  'reconnect.backoff.max.ms', 'retries', 'retry.backoff.ms', 'request.timeout.ms', 'rocksdb.config.setter',
  'send.buffer.bytes', 'state.cleanup.delay.ms', 'upgrade.from', 'windowed.inner.class.serde',
  'windowstore.changelog.additional.retention.ms', 'window.size.ms', 'log.summary.interval.ms',
  'default.windowed.key.serde.inner', 'default.windowed.value.serde.inner',
];

/** Kafka Streams 3.9's default of every key (kstreams-only keys: kstreams' own default). */
const DEFAULTS: Partial<Record<StreamsConfigKey, unknown>> = {
  'client.id': '',
  'state.dir': path.join(os.tmpdir(), 'kafka-streams'),
  'num.stream.threads': 1,
  'num.standby.replicas': 0,
  'replication.factor': -1,
  'commit.interval.ms': 30_000,
  'processing.guarantee': 'at_least_once',
  'statestore.cache.max.bytes': 10_485_760,
  'cache.max.bytes.buffering': 10_485_760,
  'default.key.serde': null,
  'default.value.serde': null,
  'default.timestamp.extractor': null,
  'default.deserialization.exception.handler': 'logAndFail',
  'processing.exception.handler': 'logAndFail',
  'default.production.exception.handler': 'logAndFail',
  'errors.dead.letter.queue.topic.name': null,
  'auto.offset.reset': 'earliest',
  'max.task.idle.ms': 0,
  'application.server': '',
  'max.warmup.replicas': 2,
  'acceptable.recovery.lag': 10_000,
  'probing.rebalance.interval.ms': 600_000,
  'security.protocol': 'PLAINTEXT',
  'metrics.port': 9464,
  'statestore.pending.writes.max.bytes': 16 * 1024 * 1024,
  // not acted on yet
  'buffered.records.per.partition': 1000,
  'built.in.metrics.version': 'latest',
  'connections.max.idle.ms': 540_000,
  'default.client.supplier': 'org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier',
  'default.dsl.store': 'rocksDB',
  'default.list.key.serde.inner': null,
  'default.list.key.serde.type': null,
  'default.list.value.serde.inner': null,
  'default.list.value.serde.type': null,
  'default.windowed.key.serde.inner': null,
  'default.windowed.value.serde.inner': null,
  'dsl.store.suppliers.class': 'org.apache.kafka.streams.state.BuiltInDslStoreSuppliers$RocksDBDslStoreSuppliers',
  'enable.metrics.push': true,
  'auto.include.jmx.reporter': true,
  'log.summary.interval.ms': 120_000,
  'metadata.max.age.ms': 300_000,
  'metric.reporters': [],
  'metrics.num.samples': 2,
  'metrics.recording.level': 'INFO',
  'metrics.sample.window.ms': 30_000,
  'poll.ms': 100,
  'rack.aware.assignment.non_overlap_cost': null,
  'rack.aware.assignment.strategy': 'none',
  'rack.aware.assignment.tags': [],
  'rack.aware.assignment.traffic_cost': null,
  'receive.buffer.bytes': 32_768,
  'reconnect.backoff.max.ms': 1000,
  'reconnect.backoff.ms': 50,
  'repartition.purge.interval.ms': 30_000,
  'request.timeout.ms': 40_000,
  'retries': 0,
  'retry.backoff.ms': 100,
  'rocksdb.config.setter': null,
  'send.buffer.bytes': 131_072,
  'state.cleanup.delay.ms': 600_000,
  'task.assignor.class': null,
  'task.timeout.ms': 300_000,
  'topology.optimization': 'none',
  'upgrade.from': null,
  'window.size.ms': null,
  'windowed.inner.class.serde': null,
  'windowstore.changelog.additional.retention.ms': 86_400_000,
};

const SUPPORTED = configKeys().filter((k) => k.supported).map((k) => k.name);
const UNSUPPORTED = configKeys().filter((k) => !k.supported).map((k) => k.name);

describe('StreamsConfig', () => {
  describe('keys', () => {
    it('holds every Kafka Streams 3.9 key, and no other key as a 3.9 key', () => {
      const held = configKeys().filter((k) => k.origin === 'kafka-streams-3.9').map((k) => k.name);
      expect([...held].sort()).to.deep.equal([...KAFKA_STREAMS_3_9_KEYS].sort());
      expect(held).to.have.length(65);
    });

    it('holds the kstreams-only, consumer and 4.x keys design-notes name', () => {
      const others = configKeys().filter((k) => k.origin !== 'kafka-streams-3.9').map((k) => `${k.name} (${k.origin})`);
      expect(others.sort()).to.deep.equal([
        'auto.offset.reset (consumer)',
        'errors.dead.letter.queue.topic.name (kafka-streams-4)',
        'metrics.port (kstreams)',
        'statestore.pending.writes.max.bytes (kstreams)',
      ]);
    });

    it('supports the keys design-notes §1 lists, and topology.optimization (read by StreamsBuilder#build(config))', () => {
      expect([...SUPPORTED].sort()).to.deep.equal([
        'acceptable.recovery.lag', 'application.id', 'application.server', 'auto.offset.reset', 'bootstrap.servers',
        'cache.max.bytes.buffering', 'client.id', 'commit.interval.ms', 'default.deserialization.exception.handler',
        'default.key.serde', 'default.production.exception.handler', 'default.timestamp.extractor', 'default.value.serde',
        'errors.dead.letter.queue.topic.name', 'max.task.idle.ms', 'max.warmup.replicas', 'metrics.port',
        'num.standby.replicas', 'num.stream.threads', 'probing.rebalance.interval.ms', 'processing.exception.handler',
        'processing.guarantee', 'replication.factor', 'security.protocol', 'state.dir', 'statestore.cache.max.bytes',
        'statestore.pending.writes.max.bytes', 'topology.optimization',
      ]);
    });
  });

  describe('defaults', () => {
    it('has a default for every key but the two required ones', () => {
      const defaulted = configKeys().map((k) => k.name).filter((k) => k !== 'application.id' && k !== 'bootstrap.servers');
      expect(Object.keys(DEFAULTS).sort()).to.deep.equal(defaulted.sort());
    });

    for (const [key, expected] of Object.entries(DEFAULTS)) {
      it(`defaults ${key} to ${JSON.stringify(expected)}`, () => {
        expect(build().config.get(key as StreamsConfigKey)).to.deep.equal(expected);
      });
    }

    it('defaults commit.interval.ms to 100 under exactly_once_v2', () => {
      expect(build({ 'processing.guarantee': 'exactly_once_v2' }).config.get('commit.interval.ms')).to.equal(100);
    });

    it('keeps a commit.interval.ms the user set under exactly_once_v2', () => {
      expect(build({ 'processing.guarantee': 'exactly_once_v2', 'commit.interval.ms': 5000 }).config.get('commit.interval.ms')).to.equal(5000);
    });

    it('treats a key set to undefined as not set', () => {
      const { config } = build({ 'num.stream.threads': undefined, 'processing.guarantee': 'exactly_once_v2', 'commit.interval.ms': undefined });
      expect(config.get('num.stream.threads')).to.equal(1);
      expect(config.get('commit.interval.ms')).to.equal(100);
      expect(config.originals()).to.not.have.property('num.stream.threads');
    });
  });

  describe('parsing', () => {
    it('normalises bootstrap.servers given as a comma-separated string to a list', () => {
      expect(build({ 'bootstrap.servers': 'h1:9092, h2:9092,' }).config.get('bootstrap.servers')).to.deep.equal(['h1:9092', 'h2:9092']);
    });

    it('accepts bootstrap.servers as an array, IPv6 addresses included', () => {
      expect(build({ 'bootstrap.servers': ['h1:9092', '[::1]:9093'] }).config.get('bootstrap.servers')).to.deep.equal(['h1:9092', '[::1]:9093']);
    });

    it('accepts numbers given as strings, as Java does', () => {
      const { config } = build({ 'num.stream.threads': '2', 'commit.interval.ms': ' 1000 ', 'max.task.idle.ms': '-1' });
      expect(config.get('num.stream.threads')).to.equal(2);
      expect(config.get('commit.interval.ms')).to.equal(1000);
      expect(config.get('max.task.idle.ms')).to.equal(-1);
    });

    it("accepts booleans given as 'true' and 'false'", () => {
      expect(build({ 'enable.metrics.push': 'false' }).config.get('enable.metrics.push')).to.equal(false);
      expect(build({ 'auto.include.jmx.reporter': 'TRUE' }).config.get('auto.include.jmx.reporter')).to.equal(true);
    });

    it('reads security.protocol case-insensitively, as Java does', () => {
      expect(build({ 'security.protocol': 'sasl_ssl' }).config.get('security.protocol')).to.equal('SASL_SSL');
    });

    it('trims strings, as Java does', () => {
      expect(build({ 'application.id': '  padded-app ' }).config.get('application.id')).to.equal('padded-app');
    });

    it('accepts exactly_once_v2', () => {
      expect(build({ 'processing.guarantee': 'exactly_once_v2' }).config.get('processing.guarantee')).to.equal('exactly_once_v2');
    });

    it('accepts built-in exception handler names and reads production "default" as logAndFail', () => {
      const { config } = build({
        'default.deserialization.exception.handler': 'logAndContinue',
        'processing.exception.handler': 'logAndContinue',
        'default.production.exception.handler': 'default',
      });
      expect(config.get('default.deserialization.exception.handler')).to.equal('logAndContinue');
      expect(config.get('processing.exception.handler')).to.equal('logAndContinue');
      expect(config.get('default.production.exception.handler')).to.equal('logAndFail');
    });

    it('keeps exception handler functions as given', () => {
      const onBadRecord: DeserializationExceptionHandler = () => 'CONTINUE';
      const onSendFailure: ProductionExceptionHandler = (_ctx, _record, _error, origin) => (origin === undefined ? 'FAIL' : 'CONTINUE');
      const { config } = build({ 'default.deserialization.exception.handler': onBadRecord, 'default.production.exception.handler': onSendFailure });
      expect(config.get('default.deserialization.exception.handler')).to.equal(onBadRecord);
      expect(config.get('default.production.exception.handler')).to.equal(onSendFailure);
    });

    it('keeps default serdes as given', () => {
      const serde = { serializer: (v: string) => Buffer.from(v), deserializer: (b: Buffer) => b.toString() };
      const { config } = build({ 'default.key.serde': serde, 'default.value.serde': null });
      expect(config.get('default.key.serde')).to.equal(serde);
      expect(config.get('default.value.serde')).to.equal(null);
    });

    it('accepts a class instance whose serializer and deserializer are methods as a serde', () => {
      class StringSerde {
        serializer(): (v: string) => Buffer {
          return (v) => Buffer.from(v);
        }
        deserializer(): (b: Buffer) => string {
          return (b) => b.toString();
        }
      }
      const serde = new StringSerde();
      expect(build({ 'default.value.serde': serde }).config.get('default.value.serde')).to.equal(serde);
    });

    it("resolves a built-in serde's Java class name or short name to that serde", () => {
      const { config } = build({ 'default.key.serde': 'org.apache.kafka.common.serialization.Serdes$StringSerde', 'default.value.serde': 'Long' });
      expect(config.get('default.key.serde')).to.equal(Serdes.String());
      expect(config.get('default.value.serde')).to.equal(Serdes.Long());
    });

    it('wraps a timestamp extractor function into an extractor object', () => {
      const extractor = (record: ExtractableRecord, partitionTime: number): number => Math.max(record.timestamp, partitionTime);
      const extracted = build({ 'default.timestamp.extractor': extractor }).config.get('default.timestamp.extractor');
      const record = { topic: 't', partition: 0, offset: 0, timestamp: 5, key: null, value: null, headers: new RecordHeaders() };
      expect(extracted?.extract(record, 7)).to.equal(7);
    });

    it('keeps a timestamp extractor object as given', () => {
      const extractor = { extract: (record: ExtractableRecord) => record.timestamp };
      expect(build({ 'default.timestamp.extractor': extractor }).config.get('default.timestamp.extractor')).to.equal(extractor);
    });

    it('accepts a dead-letter-queue topic, metrics.port null or 0, and application.server host:port', () => {
      const { config } = build({ 'errors.dead.letter.queue.topic.name': 'orders-dlq', 'metrics.port': null, 'application.server': 'pod-0.svc:8080' });
      expect(config.get('errors.dead.letter.queue.topic.name')).to.equal('orders-dlq');
      expect(config.get('metrics.port')).to.equal(null);
      expect(config.get('application.server')).to.equal('pod-0.svc:8080');
      expect(build({ 'metrics.port': 0 }).config.get('metrics.port')).to.equal(0);
    });

    it('accepts topology.optimization as all, none or a list of optimizations', () => {
      expect(build({ 'topology.optimization': 'all' }).config.get('topology.optimization')).to.equal('all');
      expect(build({ 'topology.optimization': 'reuse.ktable.source.topics, merge.repartition.topics' }).config.get('topology.optimization'))
        .to.equal('reuse.ktable.source.topics,merge.repartition.topics');
    });
  });

  describe('statestore.cache.max.bytes and its old name cache.max.bytes.buffering', () => {
    it('takes the old name when only the old name is set', () => {
      const { config, warnings } = build({ 'cache.max.bytes.buffering': 1024 });
      expect(config.get('statestore.cache.max.bytes')).to.equal(1024);
      expect(config.get('cache.max.bytes.buffering')).to.equal(1024);
      expect(warnings).to.deep.equal([]);
    });

    it('takes the new name when both are set, as Java does, and warns that the old one is ignored', () => {
      const { config, warnings } = build({ 'cache.max.bytes.buffering': 1024, 'statestore.cache.max.bytes': 0 });
      expect(config.get('statestore.cache.max.bytes')).to.equal(0);
      expect(config.get('cache.max.bytes.buffering')).to.equal(0);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include("'cache.max.bytes.buffering'").and.include('ignored');
    });

    it('does not warn when both are set to the same value', () => {
      expect(build({ 'cache.max.bytes.buffering': 0, 'statestore.cache.max.bytes': 0 }).warnings).to.deep.equal([]);
    });
  });

  describe('unknown keys', () => {
    it("rejects num.stream.thread and suggests 'num.stream.threads'", () => {
      const err = rejection({ 'num.stream.thread': 2 });
      expect(err.message).to.equal("unknown config key 'num.stream.thread'; did you mean 'num.stream.threads'?");
      expect(err.code).to.equal('CONFIG_UNKNOWN_KEY');
      expect(err.context).to.deep.equal({ configKey: 'num.stream.thread', suggestion: 'num.stream.threads' });
    });

    it('suggests the right client prefix for a mistyped prefix', () => {
      expect(rejection({ 'consumers.max.poll.records': 500 }).message).to.include("did you mean 'consumer.max.poll.records'?");
      expect(rejection({ 'prodcer.linger.ms': 5 }).message).to.include("did you mean 'producer.linger.ms'?");
    });

    it('tells a user who wrote a client setting without a prefix which prefixes exist', () => {
      const err = rejection({ 'max.poll.records': 500 });
      expect(err.message).to.not.include('did you mean');
      expect(err.message).to.include("'consumer.max.poll.records'").and.include("'producer.max.poll.records'");
    });

    it('rejects keys that are names of Object.prototype members, even from JSON', () => {
      expect(rejection({ constructor: 1 }).code).to.equal('CONFIG_UNKNOWN_KEY');
      expect(rejection({ toString: 'x' }).code).to.equal('CONFIG_UNKNOWN_KEY');
      const parsed = JSON.parse('{"__proto__": {"num.stream.threads": 4}}') as Record<string, unknown>;
      expect(rejection(parsed).code).to.equal('CONFIG_UNKNOWN_KEY');
    });

    it('rejects a client prefix with nothing after it', () => {
      expect(rejection({ 'consumer.': 1 }).message).to.include("'consumer.'");
      expect(rejection({ 'sasl.': 1 }).message).to.include("'sasl.'");
    });

    it('rejects an unknown key passed to get() from JavaScript', () => {
      const { config } = build();
      expect(() => config.get('num.stream.thread' as StreamsConfigKey)).to.throw(ConfigError, "did you mean 'num.stream.threads'");
    });

    it('flags an unknown key at compile time', () => {
      // @ts-expect-error 'num.stream.thread' is not a config key
      const input: StreamsConfigInput = { ...BASE, 'num.stream.thread': 2 };
      expect(() => new StreamsConfig(input)).to.throw(ConfigError);
    });
  });

  describe('bad values', () => {
    it('rejects num.stream.threads 0 with a ConfigError naming the key, the value and the expected form', () => {
      const err = rejection({ 'num.stream.threads': 0 });
      expect(err.message).to.equal("invalid value 0 for config 'num.stream.threads': expected an integer >= 1");
      expect(err.code).to.equal('CONFIG_INVALID');
      expect(err.fatal).to.equal(true);
      expect(err.context).to.deep.equal({ configKey: 'num.stream.threads', value: '0' });
    });

    const cases: ReadonlyArray<[string, unknown, string]> = [
      ['num.stream.threads', 'two', 'an integer >= 1'],
      ['num.stream.threads', true, 'an integer >= 1'],
      ['num.stream.threads', 1.5, 'an integer >= 1'],
      ['num.stream.threads', 2 ** 31, '32-bit'],
      ['num.stream.threads', Number.NaN, 'an integer >= 1'],
      ['commit.interval.ms', -1, 'an integer >= 0'],
      ['commit.interval.ms', '', 'an integer >= 0'],
      ['statestore.cache.max.bytes', -1, 'an integer >= 0'],
      ['acceptable.recovery.lag', -5, 'an integer >= 0'],
      ['probing.rebalance.interval.ms', 59_999, 'an integer >= 60000'],
      ['max.task.idle.ms', -2, 'an integer >= -1'],
      ['max.warmup.replicas', 0, 'an integer >= 1'],
      ['num.standby.replicas', -1, 'an integer >= 0'],
      ['replication.factor', 0, '-1 (the broker default) or an integer >= 1'],
      ['metrics.port', 70_000, 'an integer between 0 and 65535, or null'],
      ['processing.guarantee', 'at_most_once', "one of 'at_least_once', 'exactly_once_v2'"],
      ['auto.offset.reset', 'none', "one of 'earliest', 'latest'"],
      ['security.protocol', 'TLS', "one of 'PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'"],
      ['application.id', 'orders/app', "letters, digits, '.', '_' and '-'"],
      ['application.id', 'orders app', "letters, digits, '.', '_' and '-'"],
      ['application.id', '', "letters, digits, '.', '_' and '-'"],
      ['application.id', 42, "letters, digits, '.', '_' and '-'"],
      ['bootstrap.servers', 'localhost', 'host:port'],
      ['bootstrap.servers', 'PLAINTEXT://localhost:9092', 'host:port'],
      ['bootstrap.servers', 'localhost:99999', 'host:port'],
      ['application.server', 'no-port', "'' or host:port"],
      ['state.dir', '', 'a non-empty path'],
      ['default.deserialization.exception.handler', 'logAndSkip', "'logAndFail', 'logAndContinue' or a function"],
      ['processing.exception.handler', 42, "'logAndFail', 'logAndContinue' or a function"],
      ['default.production.exception.handler', 'continue', "'logAndFail', 'logAndContinue', 'default' or a function"],
      ['default.key.serde', { serializer: () => Buffer.alloc(0) }, 'an object with serializer() and deserializer()'],
      ['default.value.serde', 'StringSerde', "a built-in serde's name"],
      ['default.timestamp.extractor', { extract: 5 }, 'extract(record, partitionTime)'],
      ['errors.dead.letter.queue.topic.name', 'bad topic', 'a Kafka topic name'],
      ['task.timeout.ms', -1, 'an integer >= 0'],
      ['topology.optimization', 'all,reuse.ktable.source.topics', "'none', 'all', or a comma-separated list"],
      ['rack.aware.assignment.tags', 'a,b,c,d,e,f', 'at most 5'],
      ['enable.metrics.push', 'yes', 'true or false'],
      ['default.production.exception.handler', 'toString', "'logAndFail', 'logAndContinue', 'default' or a function"],
      ['processing.guarantee', 'constructor', "one of 'at_least_once', 'exactly_once_v2'"],
    ];
    for (const [key, value, expected] of cases) {
      it(`rejects ${key} ${typeof value === 'string' ? `'${value}'` : String(value)} with a ConfigError naming key, value and expected form`, () => {
        const err = rejection({ [key]: value });
        expect(err.message).to.include(`for config '${key}'`).and.include(expected);
        expect(err.context?.configKey).to.equal(key);
      });
    }

    for (const removed of ['exactly_once', 'exactly_once_beta']) {
      it(`rejects processing.guarantee '${removed}' and tells the user to use 'exactly_once_v2'`, () => {
        const err = rejection({ 'processing.guarantee': removed });
        expect(err.message).to.include(`invalid value '${removed}' for config 'processing.guarantee'`);
        expect(err.message).to.include("use processing.guarantee 'exactly_once_v2'");
      });
    }

    it('rejects a missing application.id', () => {
      const err = rejection({}, { 'bootstrap.servers': 'localhost:9092' });
      expect(err.message).to.match(/^missing required config 'application.id': expected /);
      expect(err.code).to.equal('CONFIG_MISSING');
    });

    it('rejects a missing or empty bootstrap.servers', () => {
      expect(rejection({}, { 'application.id': 'app' }).message).to.match(/^missing required config 'bootstrap.servers'/);
      expect(rejection({ 'bootstrap.servers': '' }).message).to.include("for config 'bootstrap.servers'");
      expect(rejection({ 'bootstrap.servers': [] }).message).to.include("for config 'bootstrap.servers'");
    });

    it('rejects an input that is not an object', () => {
      expect(() => new StreamsConfig(null as unknown as StreamsConfigInput)).to.throw(ConfigError, 'expects an object');
    });

    it('rejects a commit interval longer than the Streams transaction timeout under exactly_once_v2, as Java does', () => {
      const err = rejection({ 'processing.guarantee': 'exactly_once_v2', 'commit.interval.ms': 30_000 });
      expect(err.message).to.include("'commit.interval.ms' 30000").and.include("'producer.transaction.timeout.ms'");
      expect(build({ 'processing.guarantee': 'exactly_once_v2', 'commit.interval.ms': 30_000, 'producer.transaction.timeout.ms': 60_000 })
        .config.get('commit.interval.ms')).to.equal(30_000);
    });

    it('rejects client settings kstreams must own', () => {
      expect(rejection({ 'consumer.enable.auto.commit': true }).message).to.include('kstreams commits offsets itself');
      expect(build({ 'main.consumer.enable.auto.commit': 'false' }).config.clientConfig('main.consumer')['enable.auto.commit']).to.equal('false');
      expect(rejection({ 'processing.guarantee': 'exactly_once_v2', 'producer.transactional.id': 'mine' }).message).to.include('transactional.id');
      expect(rejection({ 'processing.guarantee': 'exactly_once_v2', 'consumer.isolation.level': 'read_uncommitted' }).message).to.include('read_committed');
      expect(build({ 'consumer.isolation.level': 'read_uncommitted' }).config.clientConfig('consumer')['isolation.level']).to.equal('read_uncommitted');
    });

    it('validates auto.offset.reset under a consumer prefix', () => {
      expect(rejection({ 'main.consumer.auto.offset.reset': 'lates' }).message).to.include("for config 'main.consumer.auto.offset.reset'");
    });
  });

  describe('warnings', () => {
    it('warns once, naming the key, for each Kafka Streams key kstreams does not support yet', () => {
      const defaults = build().config;
      const input = Object.fromEntries(UNSUPPORTED.map((key) => [key, defaults.get(key)]));
      const { warnings } = build(input);
      expect(warnings).to.have.length(UNSUPPORTED.length);
      for (const key of UNSUPPORTED) {
        expect(warnings.filter((w) => w.includes(`'${key}'`)), key).to.have.length(1);
      }
    });

    it('warns for unsupported keys again in another StreamsConfig, once each', () => {
      expect(build({ 'task.timeout.ms': 1000 }).warnings).to.have.length(1);
      expect(build({ 'task.timeout.ms': 1000 }).warnings).to.have.length(1);
    });

    it('does not warn for supported keys', () => {
      const { warnings } = build({
        'num.stream.threads': 2, 'processing.guarantee': 'exactly_once_v2', 'state.dir': '/var/lib/kstreams',
        'num.standby.replicas': 1, 'replication.factor': 3, 'statestore.cache.max.bytes': 0, 'max.task.idle.ms': 100,
        'application.server': 'localhost:8080', 'max.warmup.replicas': 3, 'acceptable.recovery.lag': 5,
        'probing.rebalance.interval.ms': 60_000, 'metrics.port': 9000, 'auto.offset.reset': 'latest',
        'errors.dead.letter.queue.topic.name': 'dlq', 'security.protocol': 'SSL', 'client.id': 'me',
        'default.deserialization.exception.handler': 'logAndContinue', 'processing.exception.handler': 'logAndFail',
        'default.production.exception.handler': 'logAndFail', 'statestore.pending.writes.max.bytes': 1024,
        'consumer.max.poll.records': 100, 'producer.linger.ms': 5, 'admin.retries': 3, 'sasl.mechanism': 'plain',
        'ssl.ca': 'pem',
      });
      expect(warnings).to.deep.equal([]);
    });

    it('warns once for each topic. and client.tag. setting', () => {
      const { warnings } = build({ 'topic.segment.bytes': 1024, 'client.tag.zone': 'eu-1a' });
      expect(warnings).to.have.length(2);
      expect(warnings[0]).to.include("'topic.segment.bytes'");
      expect(warnings[1]).to.include("'client.tag.zone'");
    });

    it('warns that a prefixed bootstrap.servers is ignored', () => {
      const { config, warnings } = build({ 'producer.bootstrap.servers': 'other:9092' });
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include("'producer.bootstrap.servers'");
      expect(config.clientConfig('producer')).to.not.have.property('bootstrap.servers');
    });

    it('warns through console.warn when no warn callback is given', () => {
      const original = console.warn;
      const seen: unknown[] = [];
      console.warn = (message: unknown) => void seen.push(message);
      try {
        new StreamsConfig({ ...BASE, 'poll.ms': 50 });
      } finally {
        console.warn = original;
      }
      expect(seen).to.have.length(1);
    });
  });

  describe('client settings', () => {
    const settings = {
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'ssl.endpoint.identification.algorithm': 'https',
      'auto.offset.reset': 'latest',
      'consumer.max.poll.records': 500,
      'consumer.session.timeout.ms': 30_000,
      'consumer.sasl.mechanism': 'PLAIN',
      'main.consumer.max.poll.records': 1000,
      'restore.consumer.max.poll.records': 2000,
      'global.consumer.fetch.max.bytes': 1024,
      'producer.linger.ms': 5,
      'admin.request.timeout.ms': 1000,
    } as const;

    it('gives the general consumer its consumer. settings and the shared ones, prefix stripped', () => {
      expect(build(settings).config.clientConfig('consumer')).to.deep.equal({
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'PLAIN',
        'ssl.endpoint.identification.algorithm': 'https',
        'auto.offset.reset': 'latest',
        'max.poll.records': 500,
        'session.timeout.ms': 30_000,
      });
    });

    it('lets main.consumer. settings override consumer. settings for the main consumer', () => {
      const main = build(settings).config.clientConfig('main.consumer');
      expect(main['max.poll.records']).to.equal(1000);
      expect(main['session.timeout.ms']).to.equal(30_000);
    });

    it('gives the restore and global consumers consumer. settings under their own', () => {
      const { config } = build(settings);
      expect(config.clientConfig('restore.consumer')['max.poll.records']).to.equal(2000);
      expect(config.clientConfig('global.consumer')['max.poll.records']).to.equal(500);
      expect(config.clientConfig('global.consumer')['fetch.max.bytes']).to.equal(1024);
      expect(config.clientConfig('restore.consumer')).to.not.have.property('fetch.max.bytes');
    });

    it('lets a consumer. auto.offset.reset override the top-level one', () => {
      const { config } = build({ 'auto.offset.reset': 'latest', 'main.consumer.auto.offset.reset': 'earliest' });
      expect(config.clientConfig('consumer')['auto.offset.reset']).to.equal('latest');
      expect(config.clientConfig('main.consumer')['auto.offset.reset']).to.equal('earliest');
      expect(config.get('auto.offset.reset')).to.equal('latest');
    });

    it('gives the producer and admin client only their own prefix and the shared settings', () => {
      const { config } = build(settings);
      expect(config.clientConfig('producer')).to.deep.equal({
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'ssl.endpoint.identification.algorithm': 'https',
        'linger.ms': 5,
      });
      expect(config.clientConfig('admin')).to.deep.equal({
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'ssl.endpoint.identification.algorithm': 'https',
        'request.timeout.ms': 1000,
      });
    });

    it('gives every client the default security protocol when none is set', () => {
      expect(build().config.clientConfig('admin')).to.deep.equal({ 'security.protocol': 'PLAINTEXT' });
    });

    it('rejects an unknown client kind from JavaScript', () => {
      expect(() => build().config.clientConfig('streams' as 'admin')).to.throw(ConfigError, 'unknown client kind');
      expect(() => build().config.clientConfig('constructor' as 'admin')).to.throw(ConfigError, 'unknown client kind');
    });
  });

  describe('immutability', () => {
    it('freezes the config, its values, its client settings and its originals', () => {
      const { config } = build({ 'consumer.max.poll.records': 5 });
      expect(Object.isFrozen(config)).to.equal(true);
      expect(Object.isFrozen(config.get('bootstrap.servers'))).to.equal(true);
      expect(Object.isFrozen(config.clientConfig('consumer'))).to.equal(true);
      expect(Object.isFrozen(config.originals())).to.equal(true);
    });

    it('is not changed by later changes to the input object', () => {
      const input: Record<string, unknown> = { ...BASE, 'num.stream.threads': 2 };
      const config = new StreamsConfig(input as StreamsConfigInput);
      input['num.stream.threads'] = 8;
      expect(config.get('num.stream.threads')).to.equal(2);
      expect(config.originals()['num.stream.threads']).to.equal(2);
    });

    it('returns the originals as given, before parsing', () => {
      const { config } = build({ 'num.stream.threads': '2', 'consumer.max.poll.records': 5 });
      expect(config.originals()).to.deep.equal({ ...BASE, 'num.stream.threads': '2', 'consumer.max.poll.records': 5 });
    });
  });
});
