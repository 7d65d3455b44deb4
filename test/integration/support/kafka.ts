// What every integration test needs from the real broker: its address, unique topic and group
// names, and topics that are created for one test and deleted after it.
// kstreams first, as in an application: kafkajs then loads with kstreams's patches installed, and
// the raw kafkajs clients of the learning tests are the very copy kstreams runs on.
import '../../../src/index';
import { createTopicsAndAwaitLeaders } from '../../../src/coordination/internal-topics';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Kafka, Partitioners, logLevel, type Admin, type ConsumerConfig, type IHeaders, type ITopicConfig, type KafkaConfig, type Producer } from 'kafkajs';

export function bootstrapServers(): string[] {
  return (process.env.KSTREAMS_BOOTSTRAP ?? '127.0.0.1:9092').split(',').map((s) => s.trim()).filter(Boolean);
}

export function newKafka(clientId = 'kstreams-test', overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: bootstrapServers(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
    ...overrides,
  });
}

/** A name no other test (or earlier run) uses: topics and groups are never shared between tests. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function brokerAnswers(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({ clientId: 'kstreams-probe', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1000, requestTimeout: 2000 }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Topics created for one test; `deleteAll()` in the test's `after` removes them. */
export class TestTopics {
  private readonly created: string[] = [];
  constructor(private readonly admin: Admin) {}

  async create(prefix: string, options: Omit<ITopicConfig, 'topic'> = {}): Promise<string> {
    const topic = uniqueName(prefix);
    await createTopicsAndAwaitLeaders(this.admin, [{ topic, numPartitions: 1, ...options }]);
    this.created.push(topic);
    return topic;
  }

  /** Deletes `topic` with the others, for a topic a test had to create some other way. */
  track(topic: string): string {
    this.created.push(topic);
    return topic;
  }

  async deleteAll(): Promise<void> {
    if (this.created.length === 0) return;
    await this.admin.deleteTopics({ topics: this.created.splice(0) }).catch(() => undefined);
  }
}

/** Resolves once `predicate` holds, polling every `intervalMs`; rejects with `what` after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 20000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Consumer settings that keep joins and empty fetches short against the local broker: a kafkajs
 * join waits for heartbeats and fetches long-poll for `maxWaitTimeInMs`.
 */
export const quickConsumerSettings: Pick<ConsumerConfig, 'heartbeatInterval' | 'sessionTimeout' | 'rebalanceTimeout' | 'maxWaitTimeInMs'> = {
  heartbeatInterval: 500,
  sessionTimeout: 10000,
  rebalanceTimeout: 10000,
  maxWaitTimeInMs: 100,
};

/** One record as eachBatch hands it over, with where it came from. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/**
 * Reads `topics` from their earliest offsets in a fresh group that never commits, until `done`
 * holds for everything read so far; then leaves the group and disconnects. A consumer crash
 * kafkajs does not restart from rejects instead of waiting out the timeout. Records arriving between `done` and the consumer
 * stopping are included, so exact assertions on the result also catch unexpected extras.
 */
export async function consumeUntil(
  kafka: Kafka,
  topics: string[],
  done: (records: ConsumedRecord[]) => boolean,
  overrides: Partial<ConsumerConfig> = {},
  timeoutMs = 20000,
): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('kstreams-test-reader'), ...quickConsumerSettings, ...overrides });
  let crash: Error | undefined;
  consumer.on(consumer.events.CRASH, (event) => {
    // a retriable error kafkajs restarts the consumer after (a new topic some broker does not know yet) is not a crash
    if (!event.payload.restart) crash = event.payload.error;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          records.push({ topic: batch.topic, partition: batch.partition, offset: m.offset, timestamp: m.timestamp, key: m.key, value: m.value, headers: m.headers ?? {} });
        }
      },
    });
    try {
      await waitUntil(() => {
        if (crash) throw crash;
        return done(records);
      }, `the expected records from ${topics.join(', ')}`, timeoutMs);
    } catch (e) {
      throw new Error(`${(e as Error).message}; read ${records.length} record(s): ${JSON.stringify(records.map((r) => `${r.partition}@${r.offset}`))}`, { cause: e });
    }
    return records;
  } finally {
    await consumer.disconnect();
  }
}

/** The broker clients an application-level integration test shares across its tests. */
export interface BrokerClients {
  kafka: Kafka;
  admin: Admin;
  topics: TestTopics;
  producer: Producer;
}

/** Connects an admin (with its TestTopics) and a Java-partitioning producer, for a suite's `before`. */
export async function openBrokerClients(clientId: string): Promise<BrokerClients> {
  const kafka = newKafka(clientId);
  const admin = kafka.admin();
  await admin.connect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  return { kafka, admin, topics: new TestTopics(admin), producer };
}

/** A suite's `after`: disconnects, deletes the suite's topics and its state directories. */
export async function closeBrokerClients(clients: BrokerClients | undefined, stateDirs: readonly string[]): Promise<void> {
  await clients?.producer.disconnect();
  await clients?.topics.deleteAll();
  await clients?.admin.disconnect();
  for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
}
