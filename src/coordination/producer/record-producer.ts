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
//   queued while a request is in flight goes in the next one, up to about 1 MB (Java's
//   max.request.size); a larger send is split over several requests.
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
  /** The first record not yet taken into a request. */
  next: number;
  /** The last offset of each explicit partition written so far. */
  readonly last: Map<string, ProducedOffset>;
  failed: boolean;
  resolve(offsets: ProducedOffset[]): void;
  reject(error: unknown): void;
}

/** A run of one send's records that goes into a request. */
interface Slice {
  readonly pending: Pending;
  readonly from: number;
  readonly to: number;
}

/**
 * Bounds of one produce request (whichever is reached first). Java's producer sends requests of at
 * most max.request.size (1 MiB) bytes; kafkajs writes all of a request's records for one partition
 * as one record batch, which the broker refuses above message.max.bytes (1 MiB by default), so the
 * byte bound keeps every batch below it (a single record above it still fails, as in Java).
 */
export const MAX_REQUEST_BYTES = 1_000_000;
export const MAX_RECORDS_PER_REQUEST = 20_000;
/** What kafkajs adds per record to key, value and headers (varint lengths, deltas, attributes), about. */
const RECORD_OVERHEAD_BYTES = 16;

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
      this.queue.push({ records, next: 0, last: new Map(), failed: false, resolve, reject });
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
   * The records of the next request, in queue order: everything queued while the last request was
   * in flight, up to MAX_REQUEST_BYTES or MAX_RECORDS_PER_REQUEST (at least one record). A send
   * larger than that goes out in several requests, one after another, so its partitions stay in
   * order; it resolves when its last request is acknowledged.
   */
  private takeRequest(): Slice[] {
    const slices: Slice[] = [];
    let bytes = 0;
    let count = 0;
    while (this.queue.length > 0) {
      const pending = this.queue[0];
      const from = pending.next;
      let to = from;
      while (to < pending.records.length && count < MAX_RECORDS_PER_REQUEST) {
        const size = recordBytes(pending.records[to]);
        if (count > 0 && bytes + size > MAX_REQUEST_BYTES) break;
        bytes += size;
        count++;
        to++;
      }
      if (to > from) slices.push({ pending, from, to });
      pending.next = to;
      if (to < pending.records.length) break; // the request is full
      this.queue.shift();
    }
    return slices;
  }

  private async sendBatch(slices: readonly Slice[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { pending, from, to } of slices) {
      for (let i = from; i < to; i++) {
        const record = pending.records[i];
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
      for (const { pending } of slices) this.fail(pending, failure);
      return;
    }
    const baseOffsets = new Map(metadata.map((m) => [`${m.topicName}\u0000${m.partition}`, Number(m.baseOffset)]));
    // position of each record within its partition's part of the request, in order
    const written = new Map<string, number>();
    for (const { pending, from, to } of slices) {
      for (let i = from; i < to; i++) {
        const record = pending.records[i];
        if (record.partition === null) continue;
        const key = `${record.topic}\u0000${record.partition}`;
        const index = written.get(key) ?? 0;
        written.set(key, index + 1);
        const base = baseOffsets.get(key);
        if (base !== undefined && Number.isSafeInteger(base)) pending.last.set(key, { topic: record.topic, partition: record.partition, offset: base + index });
      }
      if (to === pending.records.length && !pending.failed) pending.resolve([...pending.last.values()]);
    }
  }

  /** A send that failed: rejected, and what is left of it is not produced. */
  private fail(pending: Pending, error: ProductionError): void {
    if (pending.failed) return;
    pending.failed = true;
    this.queue = this.queue.filter((queued) => queued !== pending);
    pending.reject(error);
  }
}

function recordBytes(record: ProducibleRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const { key, value } of record.headers) bytes += key.length + (value?.length ?? 0) + 2;
  return bytes;
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
