import { expect } from 'chai';
import type { Kafka, Message, RecordMetadata } from 'kafkajs';
import { MAX_REQUEST_BYTES, RecordProducer, type ProducibleRecord } from '../../../../src/coordination/producer/record-producer';
import { ProductionError } from '../../../../src/errors';

interface Request {
  topicMessages: { topic: string; messages: Message[] }[];
  release(): void;
  fail(error: Error): void;
}

/** A kafkajs Kafka whose producer holds every sendBatch until the test releases it; offsets per partition count from 0. */
function fakeKafka() {
  const requests: Request[] = [];
  const waiters: (() => void)[] = [];
  const next = new Map<string, number>();
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: ({ topicMessages }: { topicMessages: Request['topicMessages'] }) =>
      new Promise<RecordMetadata[]>((resolve, reject) => {
        requests.push({
          topicMessages,
          release: () => {
            const metadata: RecordMetadata[] = [];
            for (const { topic, messages } of topicMessages) {
              const counts = new Map<number, number>();
              for (const m of messages) counts.set(m.partition ?? 0, (counts.get(m.partition ?? 0) ?? 0) + 1);
              for (const [partition, count] of counts) {
                const key = `${topic}-${partition}`;
                const base = next.get(key) ?? 0;
                next.set(key, base + count);
                metadata.push({ topicName: topic, partition, errorCode: 0, baseOffset: String(base) });
              }
            }
            resolve(metadata);
          },
          fail: reject,
        });
        for (const wake of waiters.splice(0)) wake();
      }),
  };
  const kafka = { producer: () => producer } as unknown as Kafka;
  /** Resolves with request n (0-based) once it was sent. */
  const request = async (n: number): Promise<Request> => {
    while (requests.length <= n) await new Promise<void>((resolve) => waiters.push(resolve));
    return requests[n];
  };
  return { kafka, requests, request };
}

function record(topic: string, partition: number | null, value: string, key: string | null = null): ProducibleRecord {
  return { topic, partition, timestamp: 1, key: key === null ? null : Buffer.from(key), value: Buffer.from(value), headers: [] };
}

const values = (r: Request): string[][] => r.topicMessages.map(({ topic, messages }) => [topic, ...messages.map((m) => String(m.value))]);

describe('RecordProducer', () => {
  it('sends everything queued while a request is in flight in the next request, in order', async () => {
    const { kafka, request, requests } = fakeKafka();
    const producer = new RecordProducer(kafka, {});
    await producer.connect();
    const first = producer.send([record('a', 0, 'a1')]);
    const second = producer.send([record('a', 0, 'a2'), record('b', 1, 'b1')]);
    const third = producer.send([record('a', 0, 'a3')]);
    (await request(0)).release();
    expect(await first).to.deep.equal([{ topic: 'a', partition: 0, offset: 0 }]);
    const r1 = await request(1);
    expect(values(r1)).to.deep.equal([['a', 'a2', 'a3'], ['b', 'b1']]);
    r1.release();
    expect(await second).to.deep.equal([{ topic: 'a', partition: 0, offset: 1 }, { topic: 'b', partition: 1, offset: 0 }]);
    expect(await third).to.deep.equal([{ topic: 'a', partition: 0, offset: 2 }]);
    expect(requests).to.have.length(2);
  });

  it('splits a send larger than one request over several, in order, and resolves it with its last offsets once all are acknowledged', async () => {
    const { kafka, request } = fakeKafka();
    const producer = new RecordProducer(kafka, {});
    await producer.connect();
    const value = 'x'.repeat(10_000);
    const count = Math.ceil((2.5 * MAX_REQUEST_BYTES) / value.length);
    const big = Array.from({ length: count }, (_, i) => record('changelog', i % 2, `${i}${value}`));
    let settled = false;
    const sending = producer.send(big).finally(() => (settled = true));
    const later = producer.send([record('changelog', 0, 'after')]);
    const seen: string[] = [];
    for (let n = 0; n < 3; n++) {
      const r = await request(n);
      const bytes = r.topicMessages.flatMap((t) => t.messages).reduce((sum, m) => sum + (m.value as Buffer).length, 0);
      expect(bytes).to.be.at.most(MAX_REQUEST_BYTES);
      for (const { messages } of r.topicMessages) seen.push(...messages.map((m) => String(m.value).replace(value, '')));
      r.release();
      await new Promise((resolve) => setImmediate(resolve));
      if (n < 2) expect(settled, `resolved after request ${n}`).to.equal(false);
    }
    // the small send after the big one rides in the big send's last request
    expect(seen).to.deep.equal([...Array.from({ length: count }, (_, i) => String(i)), 'after']);
    const lastOfPartition = (p: number): number => Math.floor((count - 1 - p) / 2);
    expect(await sending).to.deep.equal([
      { topic: 'changelog', partition: 0, offset: lastOfPartition(0) },
      { topic: 'changelog', partition: 1, offset: lastOfPartition(1) },
    ]);
    expect(await later).to.deep.equal([{ topic: 'changelog', partition: 0, offset: lastOfPartition(0) + 1 }]);
  });

  it('rejects the sends of a failed request, drops the rest of a split send, and goes on with the others', async () => {
    const { kafka, request, requests } = fakeKafka();
    const producer = new RecordProducer(kafka, {});
    await producer.connect();
    const value = 'y'.repeat(100_000);
    const big = Array.from({ length: 25 }, (_, i) => record('t', null, `${i}${value}`, `k${i}`));
    const failing = producer.send(big);
    const r0 = await request(0);
    const after = producer.send([record('t', 0, 'after')]);
    r0.fail(new Error('broker says no'));
    const error = await failing.then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(ProductionError);
    expect((error as Error).message).to.contain('broker says no');
    const r1 = await request(1);
    expect(values(r1)).to.deep.equal([['t', 'after']]);
    r1.release();
    expect(await after).to.deep.equal([{ topic: 't', partition: 0, offset: 0 }]);
    expect(requests).to.have.length(2);
  });

  it('drops headers whose value is null (kafkajs cannot encode them) and keeps repeated ones', async () => {
    const { kafka, request } = fakeKafka();
    const producer = new RecordProducer(kafka, {});
    await producer.connect();
    const sending = producer.send([{ ...record('t', null, 'v', 'k'), headers: [{ key: 'a', value: Buffer.from('1') }, { key: 'n', value: null }, { key: 'a', value: Buffer.from('2') }] }]);
    const r = await request(0);
    expect(r.topicMessages[0].messages[0].headers).to.deep.equal({ a: [Buffer.from('1'), Buffer.from('2')] });
    expect(r.topicMessages[0].messages[0]).to.not.have.property('partition');
    r.release();
    expect(await sending).to.deep.equal([]);
  });
});
