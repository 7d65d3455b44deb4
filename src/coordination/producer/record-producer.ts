// Produces what tasks write (sink, repartition and changelog records) with one idempotent kafkajs
// producer (at-least-once; exactly-once gives each task its own transactional producer, which
// slots in behind the same `send`).
//
// - Partitioning is Java's: an explicit partition wins (changelogs, StreamPartitioners); otherwise
//   kafkajs's DefaultPartitioner, which is Java's murmur2 of the key bytes (docs/development.md).
// - kafkajs cannot produce a header whose value is null (TypeError in its encoder): such headers
//   are dropped.
// - Order: sends are queued and go out one kafkajs request at a time, so records of one partition
//   reach the broker in the order tasks wrote them, whatever the number of callers. Everything
//   queued while a request is in flight goes in the next one.
// - Each caller learns the offset of its last record in every partition it wrote with an explicit
//   partition (what a changelog checkpoint needs): kafkajs reports one base offset per partition
//   of a request, and the records of a partition are appended in the order they were given.
import { Partitioners, type IHeaders, type Kafka, type Message, type Producer, type RecordMetadata } from 'kafkajs';
import type { Header } from '../../core/processor/record-headers';
import { ProductionError } from '../../errors';

/** A record to produce, as a task wrote it (bytes). */
export interface ProducibleRecord {
  readonly topic: string;
  /** An explicit partition, or null: murmur2 of the key. */
  readonly partition: number | null;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Iterable<Header>;
}

/** The offset of the last record written to a partition (explicit partitions only). */
export interface ProducedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

interface Pending {
  readonly records: readonly ProducibleRecord[];
  resolve(offsets: ProducedOffset[]): void;
  reject(error: unknown): void;
}

const MAX_RECORDS_PER_REQUEST = 2000;

export class RecordProducer {
  private readonly producer: Producer;
  private queue: Pending[] = [];
  private pumping = false;
  private connected = false;

  constructor(kafka: Kafka, config: Omit<Parameters<Kafka['producer']>[0] & object, 'createPartitioner'>) {
    this.producer = kafka.producer({ ...config, createPartitioner: Partitioners.DefaultPartitioner });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  /** Resolves once the broker acknowledged every record, with the last offsets of explicitly partitioned ones. */
  send(records: readonly ProducibleRecord[]): Promise<ProducedOffset[]> {
    if (records.length === 0) return Promise.resolve([]);
    if (!this.connected) return Promise.reject(new ProductionError('the producer is not connected (the client is closed or not started)'));
    return new Promise((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      void this.pump();
    });
  }

  /** Waits for what is queued, then disconnects. */
  async close(): Promise<void> {
    while (this.pumping || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    this.connected = false;
    await this.producer.disconnect();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) await this.sendBatch(this.takeRequest());
    } finally {
      this.pumping = false;
    }
  }

  /**
   * The queued sends for the next request, whole sends only, up to about MAX_RECORDS_PER_REQUEST
   * records: kafkajs groups a request's messages per partition in time quadratic in their number,
   * and merging everything queued made each request larger the slower the last one was.
   */
  private takeRequest(): Pending[] {
    let count = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || count + this.queue[take].records.length <= MAX_RECORDS_PER_REQUEST)) {
      count += this.queue[take].records.length;
      take++;
    }
    return this.queue.splice(0, take);
  }

  private async sendBatch(batch: readonly Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { records } of batch) {
      for (const record of records) {
        let messages = byTopic.get(record.topic);
        if (messages === undefined) byTopic.set(record.topic, (messages = []));
        messages.push(toMessage(record));
      }
    }
    let metadata: RecordMetadata[];
    try {
      metadata = await this.producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
    } catch (error) {
      const failure = new ProductionError(`producing ${[...byTopic.values()].reduce((n, m) => n + m.length, 0)} records to ${[...byTopic.keys()].join(', ')} failed: ${(error as Error).message}`, {
        cause: error,
      });
      for (const pending of batch) pending.reject(failure);
      return;
    }
    const baseOffsets = new Map(metadata.map((m) => [`${m.topicName}\u0000${m.partition}`, Number(m.baseOffset)]));
    // position of each record within its partition's part of the request, in order
    const written = new Map<string, number>();
    for (const pending of batch) {
      const last = new Map<string, ProducedOffset>();
      for (const record of pending.records) {
        if (record.partition === null) continue;
        const key = `${record.topic}\u0000${record.partition}`;
        const index = written.get(key) ?? 0;
        written.set(key, index + 1);
        const base = baseOffsets.get(key);
        if (base !== undefined && Number.isSafeInteger(base)) last.set(key, { topic: record.topic, partition: record.partition, offset: base + index });
      }
      pending.resolve([...last.values()]);
    }
  }
}

function toMessage(record: ProducibleRecord): Message {
  const headers: IHeaders = {};
  for (const { key, value } of record.headers) {
    if (value === null) continue;
    const existing = headers[key];
    if (existing === undefined) headers[key] = value;
    else headers[key] = Array.isArray(existing) ? [...(existing as (Buffer | string)[]), value] : [existing as Buffer | string, value];
  }
  const message: Message = { key: record.key, value: record.value, timestamp: String(record.timestamp), headers };
  if (record.partition !== null) message.partition = record.partition;
  return message;
}
