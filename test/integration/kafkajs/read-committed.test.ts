// read_committed when several transactions overlap in one partition and are aborted — what a
// crashed process with several transactional tasks leaves behind — and the consumer starts
// fetching in the middle of them. kafkajs 2.2.4 alone leaks records here; kstreams's fix must not.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Admin, Producer } from 'kafkajs';
import { bootstrapServers, newKafka, TestTopics, uniqueName, waitUntil } from '../support/kafka';

const run = promisify(execFile);

describe('kafkajs read_committed over overlapping aborted transactions', function () {
  this.timeout(60000);
  const kafka = newKafka('read-committed-test');
  let admin: Admin;
  let topics: TestTopics;
  const producers: Producer[] = [];

  before(async () => {
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
  });
  afterEach(async () => {
    await Promise.all(producers.splice(0).map((p) => p.disconnect()));
    await topics.deleteAll();
  });
  after(async () => admin.disconnect());

  async function transactionalProducer(transactionalId: string): Promise<Producer> {
    const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    producers.push(producer);
    return producer;
  }

  /**
   * Three transactional producers write interleaved records (offsets 0..5), which are then
   * aborted — by `abort()` or by new owners fencing the "crashed" ones — and a fourth commits
   * 'ok-1', 'ok-2'. Returns the topic.
   */
  async function writeOverlappingAbortedTransactions(endBy: 'abort' | 'fencing'): Promise<string> {
    const topic = await topics.create('rc-overlap');
    const ids = [1, 2, 3].map((i) => uniqueName(`rc-tx${i}`));
    const owners = await Promise.all(ids.map((id) => transactionalProducer(id)));
    const transactions = await Promise.all(owners.map((p) => p.transaction()));
    for (const round of [1, 2]) {
      for (const [i, tx] of transactions.entries()) {
        await tx.send({ topic, messages: [{ key: `p${i + 1}`, value: `aborted-p${i + 1}-${round}` }] });
      }
    }
    if (endBy === 'abort') {
      for (const tx of transactions) await tx.abort();
    } else {
      // the old owners "crash" with their transactions open; a new owner's InitProducerId
      // (sent by kafkajs at its first transaction()) fences the old one and aborts its transaction
      for (const id of ids) {
        const successor = await transactionalProducer(id);
        await (await successor.transaction()).abort();
      }
    }
    const committer = await transactionalProducer(uniqueName('rc-tx-ok'));
    const tx = await committer.transaction();
    await tx.send({ topic, messages: [{ key: 'ok', value: 'ok-1' }, { key: 'ok', value: 'ok-2' }] });
    await tx.commit();
    return topic;
  }

  async function startGroupAt(topic: string, offset: string): Promise<string> {
    const groupId = uniqueName('rc-group');
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset }] });
    return groupId;
  }

  async function consumeWithKstreams(topic: string, groupId: string): Promise<string[]> {
    const values: string[] = [];
    const consumer = kafka.consumer({ groupId, readUncommitted: false, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ autoCommit: false, eachBatch: async ({ batch }) => { values.push(...batch.messages.map((m) => String(m.value))); } });
      await waitUntil(() => values.includes('ok-2'), 'the committed records');
    } finally {
      await consumer.disconnect();
    }
    return values;
  }

  async function consumeWithPlainKafkajs(topic: string, groupId: string): Promise<string[]> {
    const script = path.join(__dirname, '..', 'support', 'plain-kafkajs-consume.js');
    const { stdout } = await run(process.execPath, [script, bootstrapServers().join(','), topic, groupId, 'ok-2']);
    return JSON.parse(stdout) as string[];
  }

  for (const endBy of ['abort', 'fencing'] as const) {
    it(`delivers only committed records from a fetch that starts inside three transactions ended by ${endBy}`, async () => {
      const topic = await writeOverlappingAbortedTransactions(endBy);
      // offset 2 holds producer 3's first record: the fetch starts inside all three transactions
      expect(await consumeWithKstreams(topic, await startGroupAt(topic, '2'))).to.deep.equal(['ok-1', 'ok-2']);
    });
  }

  it('pins the kafkajs 2.2.4 bug on the broker: kafkajs alone leaks an aborted record there', async () => {
    const topic = await writeOverlappingAbortedTransactions('abort');
    const leaked = await consumeWithPlainKafkajs(topic, await startGroupAt(topic, '2'));
    expect(leaked).to.deep.equal(['aborted-p3-1', 'ok-1', 'ok-2'], 'kafkajs changed: if it no longer leaks, the replacement may be removable');
  });
});
