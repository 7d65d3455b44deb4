// Learning tests: kafkajs 2.2.4's transactional producer as exactly-once (design-notes §6) uses
// it: what read_committed hides, when sendOffsets reaches the group, and how a zombie is fenced.
import { expect } from 'chai';
import { Partitioners, type Admin, type Kafka, type Producer, type Transaction } from 'kafkajs';
import { consumeUntil, newKafka, TestTopics, uniqueName, waitUntil, type ConsumedRecord } from '../support/kafka';

function summary(records: ConsumedRecord[]): { offset: string; value: string }[] {
  return records.map((r) => ({ offset: r.offset, value: String(r.value) }));
}

/**
 * transaction.sendOffsets, repeated while the coordinator answers CONCURRENT_TRANSACTIONS: kafkajs
 * does not retry that for AddOffsetsToTxn, and it is the usual answer right after the previous
 * transaction of the same producer ended (see the test below).
 */
async function sendOffsetsWhenReady(transaction: Transaction, offsets: Parameters<Transaction['sendOffsets']>[0]): Promise<number> {
  for (let rejected = 0; ; rejected++) {
    try {
      await transaction.sendOffsets(offsets);
      return rejected;
    } catch (e) {
      if ((e as { type?: string }).type !== 'CONCURRENT_TRANSACTIONS' || rejected >= 100) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const seen = (value: string) => (records: ConsumedRecord[]) => records.some((r) => String(r.value) === value);

describe('kafkajs 2.2.4 transactions', function () {
  this.timeout(30000);

  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;
  const producers: Producer[] = [];

  /** A connected transactional producer; several may share one transactional id. */
  async function transactionalProducer(transactionalId: string): Promise<Producer> {
    const producer = kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    producers.push(producer);
    await producer.connect();
    return producer;
  }

  /** The group's committed offset per partition ('-1' when none), as admin.fetchOffsets reports it. */
  async function committedOffsets(groupId: string, topic: string): Promise<Record<number, string>> {
    const [reply] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries(reply.partitions.map((p) => [p.partition, p.offset]));
  }

  before(async () => {
    kafka = newKafka('kafkajs-transactions');
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
  });

  afterEach(async () => {
    await Promise.all(producers.splice(0).map((p) => p.disconnect()));
    await topics.deleteAll();
  });

  after(async () => {
    await admin?.disconnect();
  });

  it("hides an aborted transaction's records from read_committed consumers and shows them to read_uncommitted ones", async () => {
    const topic = await topics.create('kjs-txn-abort');
    const producer = await transactionalProducer(uniqueName('kjs-txn'));

    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ key: 'k', value: 'a1' }, { key: 'k', value: 'a2' }] });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ key: 'k', value: 'c1' }, { key: 'k', value: 'c2' }] });
    await committed.commit();

    // offsets 2 and 5 hold the abort and commit markers; kafkajs never hands control records over
    const readCommitted = await consumeUntil(kafka, [topic], seen('c2'), { readUncommitted: false });
    expect(summary(readCommitted)).to.deep.equal([{ offset: '3', value: 'c1' }, { offset: '4', value: 'c2' }]);
    const readUncommitted = await consumeUntil(kafka, [topic], seen('c2'), { readUncommitted: true });
    expect(summary(readUncommitted)).to.deep.equal([
      { offset: '0', value: 'a1' }, { offset: '1', value: 'a2' }, { offset: '3', value: 'c1' }, { offset: '4', value: 'c2' },
    ]);
  });

  it("commits sendOffsets to the group's offsets with its transaction, and drops them when the transaction aborts", async () => {
    const topic = await topics.create('kjs-txn-offsets', { numPartitions: 2 });
    const groupId = uniqueName('kjs-txn-group');
    const producer = await transactionalProducer(uniqueName('kjs-txn'));
    expect(await committedOffsets(groupId, topic)).to.deep.equal({ 0: '-1', 1: '-1' });

    // A transaction with only offsets in it is a real transaction (AddOffsetsToTxn + EndTxn).
    const first = await producer.transaction();
    await first.sendOffsets({ consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 0, offset: '2' }] }] });
    await first.commit();
    // commit() returns once the coordinator has logged the decision; the group's offsets change
    // when the commit marker reaches __consumer_offsets, so await it rather than assert at once.
    const committedAt = Date.now();
    let polls = 0;
    await waitUntil(async () => (polls++, (await committedOffsets(groupId, topic))[0] === '2'), 'offset 2 committed for partition 0');
    console.log(`      transactional offsets visible ${Date.now() - committedAt} ms after commit() (${polls} fetchOffsets)`);

    const abandoned = await producer.transaction();
    await sendOffsetsWhenReady(abandoned, { consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 0, offset: '7' }] }] });
    await abandoned.abort();
    // Markers for one group land in one __consumer_offsets partition in order: once this later
    // commit shows, the abort before it has been applied.
    const later = await producer.transaction();
    await sendOffsetsWhenReady(later, { consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 1, offset: '3' }] }] });
    await later.commit();
    await waitUntil(async () => (await committedOffsets(groupId, topic))[1] === '3', 'offset 3 committed for partition 1');

    expect(await committedOffsets(groupId, topic)).to.deep.equal({ 0: '2', 1: '3' });
  });

  it('rejects sendOffsets with CONCURRENT_TRANSACTIONS while the previous transaction is still completing, without retrying; the transaction stays usable', async () => {
    // EndTxn returns once the decision is logged; the markers are written after. Until they are,
    // the coordinator answers AddOffsetsToTxn with CONCURRENT_TRANSACTIONS (retriable). kafkajs
    // retries it inside send() (AddPartitionsToTxn runs under the producer's retrier, which is why
    // a send right after a commit sometimes takes ~100 ms) but hands it to sendOffsets' caller.
    // It is a race (from 0 to 12 rejections in 10 back-to-back transactions here), so run
    // transactions until one is rejected.
    const topic = await topics.create('kjs-txn-concurrent');
    const groupId = uniqueName('kjs-txn-group');
    const producer = await transactionalProducer(uniqueName('kjs-txn'));
    let rejection: unknown;
    let transactions = 0;
    while (rejection === undefined && transactions < 300) {
      transactions++;
      const offsets = { consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 0, offset: String(transactions) }] }] };
      const transaction = await producer.transaction();
      rejection = await transaction.sendOffsets(offsets).then(() => undefined, (e: unknown) => e);
      if (rejection !== undefined) {
        expect(rejection).to.include({ name: 'KafkaJSProtocolError', type: 'CONCURRENT_TRANSACTIONS', retriable: true });
        expect(transaction.isActive()).to.equal(true);
        await sendOffsetsWhenReady(transaction, offsets);
      }
      await transaction.commit();
    }
    console.log(`      first CONCURRENT_TRANSACTIONS from sendOffsets in back-to-back transaction ${transactions}`);
    expect(rejection, 'a CONCURRENT_TRANSACTIONS rejection within 300 back-to-back transactions').to.not.equal(undefined);
    await waitUntil(async () => (await committedOffsets(groupId, topic))[0] === String(transactions), `offset ${transactions} committed`);
  });

  it("does not fence on a second producer's connect(): kafkajs starts the transactional id's epoch lazily, in transaction()", async () => {
    const topic = await topics.create('kjs-txn-connect');
    const transactionalId = uniqueName('kjs-txn');
    const first = await transactionalProducer(transactionalId);
    const open = await first.transaction();
    await open.send({ topic, messages: [{ value: 'a1' }] });

    // connect() of an idempotent producer only asks for a non-transactional producer id
    await transactionalProducer(transactionalId);
    await open.send({ topic, messages: [{ value: 'a2' }] });
    await open.commit();

    const records = await consumeUntil(kafka, [topic], seen('a2'), { readUncommitted: false });
    expect(summary(records)).to.deep.equal([{ offset: '0', value: 'a1' }, { offset: '1', value: 'a2' }]);
  });

  it("fences the first producer when a second one with its transactional id calls transaction(): the first's sends, sendOffsets and commit fail with INVALID_PRODUCER_EPOCH and its open transaction is aborted", async () => {
    const topic = await topics.create('kjs-txn-fence', { numPartitions: 2 });
    const transactionalId = uniqueName('kjs-txn');
    const zombie = await transactionalProducer(transactionalId);
    const stale = await zombie.transaction();
    await stale.send({ topic, messages: [{ partition: 0, value: 'zombie-1' }] });

    // kafkajs's initTransactions: the first transaction() sends InitProducerId for the id, which
    // bumps the epoch and makes the coordinator abort the open transaction (kafkajs retries
    // CONCURRENT_TRANSACTIONS until that abort is done).
    const owner = await transactionalProducer(transactionalId);
    const current = await owner.transaction();

    // What kafkajs 2.2.4 raised against Kafka 3.9.1, for each call on the zombie's transaction:
    // KafkaJSProtocolError { type: 'INVALID_PRODUCER_EPOCH', code: 47, retriable: false } —
    // never PRODUCER_FENCED (code 90), which kafkajs does not know: its request versions predate it.
    const attempts: [string, () => Promise<unknown>][] = [
      ['send to a partition already in the transaction', () => stale.send({ topic, messages: [{ partition: 0, value: 'zombie-2' }] })],
      ['send to a new partition', () => stale.send({ topic, messages: [{ partition: 1, value: 'zombie-3' }] })],
      ['sendOffsets', () => stale.sendOffsets({ consumerGroupId: uniqueName('kjs-txn-group'), topics: [{ topic, partitions: [{ partition: 0, offset: '1' }] }] })],
      ['commit', () => stale.commit()],
    ];
    for (const [what, attempt] of attempts) {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(error, what).to.include({ name: 'KafkaJSProtocolError', type: 'INVALID_PRODUCER_EPOCH', retriable: false });
    }
    // After the failed commit kafkajs considers the transaction ended: abort() is refused locally.
    expect(stale.isActive()).to.equal(false);
    const abortError = await stale.abort().then(() => undefined, (e: unknown) => e);
    expect(abortError).to.include({ name: 'KafkaJSNonRetriableError', message: 'Cannot continue to use transaction once ended' });

    await current.send({ topic, messages: [{ partition: 0, value: 'owner-1' }] });
    await current.commit();

    // partition 0: zombie-1 (0), abort marker (1), owner-1 (2), commit marker (3)
    const readCommitted = await consumeUntil(kafka, [topic], seen('owner-1'), { readUncommitted: false });
    expect(summary(readCommitted)).to.deep.equal([{ offset: '2', value: 'owner-1' }]);
    const readUncommitted = await consumeUntil(kafka, [topic], seen('owner-1'), { readUncommitted: true });
    expect(summary(readUncommitted)).to.deep.equal([{ offset: '0', value: 'zombie-1' }, { offset: '2', value: 'owner-1' }]);
    expect(await admin.fetchTopicOffsets(topic)).to.deep.include.members([{ partition: 1, offset: '0', high: '0', low: '0' }]);
  });

  it("lets the new owner read the fenced owner's last committed offsets at once when its transaction() returns", async () => {
    // Right after commit() the offsets may still be the old ones (the commit marker is written
    // after EndTxn returns; the second test waits for it). InitProducerId, though, is answered
    // CONCURRENT_TRANSACTIONS until the previous transaction is complete, and kafkajs retries it:
    // so a new owner that reads the offsets after its transaction() reads the final ones.
    const topic = await topics.create('kjs-txn-handover');
    const groupId = uniqueName('kjs-txn-group');
    const transactionalId = uniqueName('kjs-txn');
    const previous = await transactionalProducer(transactionalId);
    const next = await transactionalProducer(transactionalId);

    const last = await previous.transaction();
    await last.send({ topic, messages: [{ value: 'v' }] });
    await last.sendOffsets({ consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 0, offset: '5' }] }] });
    await last.commit();
    const first = await next.transaction();

    expect(await committedOffsets(groupId, topic)).to.deep.equal({ 0: '5' });
    await first.abort();
  });
});
