// Learning tests: what a kafkajs 2.2.4 produce → consume round trip preserves, and where its
// default partitioner puts a key. Our record path (design-notes §3) and Java-compatible
// co-partitioning (§8) rely on both.
import { expect } from 'chai';
import { Partitioners, type Admin, type IHeaders, type Kafka, type Message, type Producer, type ProducerConfig } from 'kafkajs';
import { defaultPartition, murmur2 } from '../../../src/coordination/metadata/default-partitioner';
import { consumeUntil, newKafka, TestTopics, type ConsumedRecord } from '../support/kafka';

/** Java's DefaultPartitioner / BuiltInPartitioner for a keyed record: toPositive(murmur2(key)) % n. */
const javaPartition = defaultPartition;

function byPartition(records: ConsumedRecord[], partition: number): ConsumedRecord[] {
  return records.filter((r) => r.partition === partition);
}

/** The innermost cause of a kafkajs error (retriers wrap the protocol error they gave up on). */
function rootCause(error: unknown): { name?: string; type?: string } {
  let e = error as { name?: string; type?: string; cause?: unknown };
  while (e.cause) e = e.cause as typeof e;
  return e;
}

describe('kafkajs 2.2.4 produce and consume', function () {
  this.timeout(30000);

  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;
  const producers: Producer[] = [];

  /** A fresh producer per test: a kafkajs producer remembers every topic it has sent to (see the last test). */
  async function connectedProducer(config: ProducerConfig = {}): Promise<Producer> {
    // Naming the partitioner also silences kafkajs 2.x's "default partitioner changed" warning.
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...config });
    producers.push(producer);
    await producer.connect();
    return producer;
  }

  before(async () => {
    kafka = newKafka('kafkajs-produce-consume');
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

  it('returns keys, values, tombstones, headers and CreateTime timestamps exactly as produced, in offset order', async () => {
    const topic = await topics.create('kjs-roundtrip', { numPartitions: 4 });
    const binaryValue = Buffer.from([0x00, 0xff, 0x80, 0x7f, 0x0a]);
    const p0: Message[] = [
      {
        key: 'k1',
        value: 'v1',
        timestamp: '1000',
        headers: {
          trace: 'abc',
          bin: Buffer.from([0x00, 0xff, 0x10]),
          // an array value becomes one header per element, in order, all with the same key
          repeated: ['first', Buffer.from('second')],
          empty: Buffer.alloc(0),
        },
      },
      { key: Buffer.from([0xde, 0xad, 0xbe, 0xef]), value: null, timestamp: '2000' },
      { key: Buffer.alloc(0), value: Buffer.alloc(0), timestamp: '200' },
      { key: null, value: 'no key', timestamp: '30' },
    ].map((m) => ({ ...m, partition: 0 }));
    const p2: Message[] = [
      { key: 'k2', value: binaryValue, timestamp: '1700000000000' },
      { key: 'k3', value: 'epoch zero', timestamp: '0' },
    ].map((m) => ({ ...m, partition: 2 }));
    // an explicit partition wins over the key's hash: make sure this test would notice if it did not
    expect(javaPartition(Buffer.from('k1'), 4)).to.not.equal(0);

    // One send: kafkajs writes one record batch per partition. It sorts the batch's timestamps as
    // strings ('1000' < '200' < '2000' < '30') to pick the batch's base and max timestamps; each
    // record still carries its own timestamp as a delta from that base, which is what we check.
    const producer = await connectedProducer();
    await producer.send({ topic, messages: [...p0, ...p2] });

    const records = await consumeUntil(kafka, [topic], (rs) => rs.length >= 6);

    expect(records).to.have.length(6);
    expect(byPartition(records, 0)).to.deep.equal([
      {
        topic, partition: 0, offset: '0', timestamp: '1000', key: Buffer.from('k1'), value: Buffer.from('v1'),
        // every header value comes back as a Buffer, a repeated key as an array of them in order
        headers: { trace: Buffer.from('abc'), bin: Buffer.from([0x00, 0xff, 0x10]), repeated: [Buffer.from('first'), Buffer.from('second')], empty: Buffer.alloc(0) },
      },
      { topic, partition: 0, offset: '1', timestamp: '2000', key: Buffer.from([0xde, 0xad, 0xbe, 0xef]), value: null, headers: {} },
      // empty key and value stay empty Buffers, distinct from null
      { topic, partition: 0, offset: '2', timestamp: '200', key: Buffer.alloc(0), value: Buffer.alloc(0), headers: {} },
      { topic, partition: 0, offset: '3', timestamp: '30', key: null, value: Buffer.from('no key'), headers: {} },
    ]);
    expect(byPartition(records, 2)).to.deep.equal([
      { topic, partition: 2, offset: '0', timestamp: '1700000000000', key: Buffer.from('k2'), value: binaryValue, headers: {} },
      { topic, partition: 2, offset: '1', timestamp: '0', key: Buffer.from('k3'), value: Buffer.from('epoch zero'), headers: {} },
    ]);
  });

  it("puts every keyed record on the partition Java's murmur2 partitioner picks", async () => {
    // Kafka's own UtilsTest.testMurmur2 vectors: kstreams's murmur2 is Java's
    for (const [key, hash] of [
      ['21', -973932308], ['foobar', -790332482], ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829], ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971], ['abc', 479470107],
    ] as const) {
      expect(murmur2(Buffer.from(key)), key).to.equal(hash);
    }
    // JavaCompatiblePartitioner is the deprecated alias of the 2.x default
    expect(Partitioners.JavaCompatiblePartitioner).to.equal(Partitioners.DefaultPartitioner);

    const numPartitions = 4;
    const topic = await topics.create('kjs-partitioner', { numPartitions });
    const keys: Buffer[] = [
      '', 'a', 'ab', 'abc', 'abcd', 'user-42', 'order-1001', 'foobar', 'a-little-bit-longer-string', 'ü-ключ-鍵',
    ].map((k) => Buffer.from(k, 'utf8')).concat([Buffer.from([0xff, 0xfe, 0x80, 0x00, 0x7f])]);
    const expected = keys.map((key) => javaPartition(key, numPartitions));
    // the keys spread over every partition, so a partitioner that ignored the key would fail
    expect(new Set(expected).size).to.equal(numPartitions);

    const producer = await connectedProducer();
    for (const [i, key] of keys.entries()) {
      const [metadata] = await producer.send({ topic, messages: [{ key, value: String(i) }] });
      expect(metadata.partition, `key ${key.toString('hex')}`).to.equal(expected[i]);
    }

    const records = await consumeUntil(kafka, [topic], (rs) => rs.length >= keys.length);
    expect(records).to.have.length(keys.length);
    for (const record of records) {
      const i = Number(record.value?.toString());
      expect(record.key, `record ${i}`).to.deep.equal(keys[i]);
      expect(record.partition, `key ${keys[i].toString('hex')}`).to.equal(expected[i]);
    }
  });

  it('disagrees with the LegacyPartitioner of kafkajs 1.x on where keys go', () => {
    // Why the partitioner must be named: the legacy one would break co-partitioning with Java.
    const partitionMetadata = [0, 1, 2, 3].map((partitionId) => ({ partitionErrorCode: 0, partitionId, leader: 1, replicas: [1], isr: [1] }));
    const legacy = Partitioners.LegacyPartitioner();
    const current = Partitioners.DefaultPartitioner();
    const keys = ['a', 'ab', 'abc', 'abcd', 'user-42', 'order-1001', 'foobar'].map((k) => Buffer.from(k));
    const choose = (partitioner: typeof legacy, key: Buffer) => partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });

    expect(keys.map((k) => choose(current, k))).to.deep.equal(keys.map((k) => javaPartition(k, 4)));
    expect(keys.filter((k) => choose(legacy, k) !== javaPartition(k, 4))).to.not.be.empty;
  });

  it('cannot produce a header whose value is null or undefined: the record encoder throws a TypeError', async () => {
    // Java allows null header values; kafkajs's sizeOfHeaders calls Buffer.byteLength(value) before
    // its null check. Headers copied from input to output must drop or replace null values.
    const topic = await topics.create('kjs-null-header');
    const producer = await connectedProducer();
    for (const value of [null, undefined]) {
      const headers = { h: value } as unknown as IHeaders;
      const error = await producer.send({ topic, messages: [{ value: 'v', headers }] }).then(() => undefined, (e: unknown) => e);
      expect(error, String(value)).to.be.instanceOf(TypeError);
      expect((error as TypeError).message).to.match(/"string" argument must be of type string/);
    }
    expect((await admin.fetchTopicOffsets(topic))[0].high).to.equal('0');
  });

  it('cannot send to a new topic once a topic it has sent to is deleted: every metadata refresh fails', async () => {
    // kafkajs keeps every topic a producer has sent to as a metadata "target topic" and refreshes
    // them all together when a new one is added; the broker's UNKNOWN_TOPIC_OR_PARTITION for the
    // deleted one fails the whole refresh, forever. Topics already known still work. So a
    // long-lived producer must be replaced after one of its topics is deleted (e.g. a reset).
    const gone = await topics.create('kjs-deleted');
    const known = await topics.create('kjs-known');
    const fresh = await topics.create('kjs-fresh');
    const producer = await connectedProducer({ retry: { retries: 0 } });
    await producer.send({ topic: gone, messages: [{ value: 'a' }] });
    await producer.send({ topic: known, messages: [{ value: 'a' }] });
    await admin.deleteTopics({ topics: [gone] });

    const error = await producer.send({ topic: fresh, messages: [{ value: 'b' }] }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
    expect(rootCause(error)).to.include({ name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION' });
    const [sent] = await producer.send({ topic: known, messages: [{ value: 'b' }] });
    expect(sent.baseOffset).to.equal('1');

    // a new producer has no such memory
    const other = await connectedProducer();
    const [ok] = await other.send({ topic: fresh, messages: [{ value: 'b' }] });
    expect(ok.baseOffset).to.equal('0');
  });
});
