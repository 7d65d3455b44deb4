// Learning tests: the restore consumer of design-notes §5. kafkajs 2.2.4 has no manual assign(),
// so a consumer joins a group of its own whose assigner hands it exactly the changelog partitions
// wanted; it seeks to the checkpoints and never commits.
import { expect } from 'chai';
import { AssignerProtocol, Partitioners, type Admin, type Consumer, type Kafka, type PartitionAssigner, type Producer } from 'kafkajs';
import { newKafka, quickConsumerSettings, TestTopics, uniqueName, waitUntil } from '../support/kafka';

/** Assigns the group's only member exactly `wanted()`, whatever it subscribed to. */
function exactAssigner(wanted: () => Record<string, number[]>): PartitionAssigner {
  return () => ({
    name: 'kstreams-restore',
    version: 1,
    async assign({ members }) {
      // the group id is this consumer's own: a second member would mean two restorers share it
      if (members.length !== 1) throw new Error(`restore group has ${members.length} members, expected 1`);
      const memberAssignment = AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: wanted(), userData: Buffer.alloc(0) });
      return [{ memberId: members[0].memberId, memberAssignment }];
    },
    protocol({ topics }) {
      return { name: 'kstreams-restore', metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }) };
    },
  });
}

interface Read {
  partition: number;
  offset: string;
  value: string;
}

describe('kafkajs 2.2.4 restore consumer (own group, exact assigner, seek, no commits)', function () {
  this.timeout(30000);

  const recordsPerPartition = 5;
  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;
  let producer: Producer;
  let topic: string;
  const consumers: Consumer[] = [];

  /** A restore consumer subscribed to `topic`, reading into `reads`, with its group joins recorded. */
  async function restoreConsumer(groupId: string, wanted: () => Record<string, number[]>) {
    const consumer = kafka.consumer({ groupId, partitionAssigners: [exactAssigner(wanted)], ...quickConsumerSettings });
    consumers.push(consumer);
    const reads: Read[] = [];
    const joins: { assignment: Record<string, number[]>; durationMs: number }[] = [];
    let fetches = 0;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      joins.push({ assignment: event.payload.memberAssignment, durationMs: event.payload.duration });
    });
    consumer.on(consumer.events.FETCH, () => {
      fetches++;
    });
    await consumer.connect();
    // fromBeginning: false, so a partition that is not seeked visibly starts at its end
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    const run = () => consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) reads.push({ partition: batch.partition, offset: m.offset, value: String(m.value) });
      },
    });
    return { consumer, reads, joins, run, fetches: () => fetches };
  }

  async function committedOffsets(groupId: string): Promise<string[]> {
    const [reply] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return reply.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset);
  }

  const readTo = (reads: Read[], partition: number, offset: number) => () => reads.some((r) => r.partition === partition && r.offset === String(offset));
  const sorted = (reads: Read[]) => [...reads].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));

  before(async () => {
    kafka = newKafka('kafkajs-restore-consumer');
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
  });

  beforeEach(async () => {
    // one producer per test: a kafkajs producer cannot reach new topics once one it used is deleted
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    topic = await topics.create('kjs-changelog', { numPartitions: 4 });
    const messages = [0, 1, 2, 3].flatMap((partition) =>
      Array.from({ length: recordsPerPartition }, (_, i) => ({ partition, key: `k${i}`, value: `p${partition}-${i}` })));
    await producer.send({ topic, messages });
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.disconnect()));
    await producer?.disconnect();
    await topics.deleteAll();
  });

  after(async () => {
    await admin?.disconnect();
  });

  it('refuses seek() before run(): kafkajs keeps seeks in the consumer group that run() creates', async () => {
    const { consumer } = await restoreConsumer(uniqueName('kjs-restore'), () => ({ [topic]: [1] }));

    expect(() => consumer.seek({ topic, partition: 1, offset: '2' })).to.throw('Consumer group was not initialized, consumer#run must be called first')
      .with.property('name', 'KafkaJSNonRetriableError');
  });

  it('gets exactly the partitions its assigner returns, reads from the offsets seeked right after run(), and commits nothing', async () => {
    const groupId = uniqueName('kjs-restore');
    const restore = await restoreConsumer(groupId, () => ({ [topic]: [1, 3] }));

    // run() creates the consumer group synchronously, so seeks may follow it before the join: they
    // wait for the assignment, and partitions with a pending seek skip the committed/reset offset.
    const started = Date.now();
    const running = restore.run();
    restore.consumer.seek({ topic, partition: 1, offset: '2' });
    restore.consumer.seek({ topic, partition: 3, offset: '4' });
    await running;
    const joinedMs = Date.now() - started;
    await waitUntil(() => readTo(restore.reads, 1, 4)() && readTo(restore.reads, 3, 4)(), 'partitions 1 and 3 read to their ends');
    await restore.consumer.stop();
    console.log(`      restore consumer: run() resolved after the join in ${joinedMs} ms (GROUP_JOIN duration ${restore.joins[0].durationMs} ms)`);

    expect(restore.joins.map((j) => j.assignment)).to.deep.equal([{ [topic]: [1, 3] }]);
    expect(sorted(restore.reads)).to.deep.equal([
      { partition: 1, offset: '2', value: 'p1-2' }, { partition: 1, offset: '3', value: 'p1-3' }, { partition: 1, offset: '4', value: 'p1-4' },
      { partition: 3, offset: '4', value: 'p3-4' },
    ]);
    // with autoCommit: false, neither seek() nor stop() commits (with autoCommit on, seek commits)
    expect(await committedOffsets(groupId)).to.deep.equal(['-1', '-1', '-1', '-1']);
  });

  it('changes the restored partitions by stop() and run() again: the assigner runs again, seeks after the new run() apply, and an unseeked partition starts at its end', async () => {
    const groupId = uniqueName('kjs-restore');
    let wanted = [1];
    const restore = await restoreConsumer(groupId, () => ({ [topic]: wanted }));
    let started = Date.now();
    const running = restore.run();
    restore.consumer.seek({ topic, partition: 1, offset: '3' });
    await running;
    const firstJoinMs = Date.now() - started;
    await waitUntil(readTo(restore.reads, 1, 4), 'partition 1 read to its end');
    expect(sorted(restore.reads).map((r) => r.value)).to.deep.equal(['p1-3', 'p1-4']);

    // stop() leaves the group (kafkajs cannot rejoin a running consumer on demand); subscribe()
    // would be allowed here too, to add a changelog topic.
    started = Date.now();
    await restore.consumer.stop();
    const stopMs = Date.now() - started;
    wanted = [0, 2];
    restore.reads.length = 0;
    started = Date.now();
    await restore.run();
    const secondJoinMs = Date.now() - started;
    // A seek after run() has resolved also applies: fetched data for a partition with a pending
    // seek is dropped, and the next fetch starts at the seeked offset.
    restore.consumer.seek({ topic, partition: 0, offset: '1' });
    // Partition 2 is not seeked: with no committed offset it starts at the log end (fromBeginning:
    // false), resolved on the first fetch. Append to it only after that fetch.
    const fetchesAtJoin = restore.fetches();
    await waitUntil(() => restore.fetches() > fetchesAtJoin, 'a fetch after the second join');
    await producer.send({ topic, messages: [{ partition: 2, value: 'p2-new' }] });
    await waitUntil(() => readTo(restore.reads, 0, 4)() && readTo(restore.reads, 2, recordsPerPartition)(), 'partition 0 read to its end and the new record on 2');
    await restore.consumer.stop();
    console.log(`      restore consumer: first run() joined in ${firstJoinMs} ms, stop() took ${stopMs} ms, run() after it joined in ${secondJoinMs} ms (GROUP_JOIN durations ${restore.joins.map((j) => j.durationMs).join(', ')} ms)`);

    expect(restore.joins.map((j) => j.assignment)).to.deep.equal([{ [topic]: [1] }, { [topic]: [0, 2] }]);
    expect(sorted(restore.reads)).to.deep.equal([
      { partition: 0, offset: '1', value: 'p0-1' }, { partition: 0, offset: '2', value: 'p0-2' },
      { partition: 0, offset: '3', value: 'p0-3' }, { partition: 0, offset: '4', value: 'p0-4' },
      { partition: 2, offset: '5', value: 'p2-new' },
    ]);
    expect(await committedOffsets(groupId)).to.deep.equal(['-1', '-1', '-1', '-1']);
  });
});
