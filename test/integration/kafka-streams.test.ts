// KafkaStreams against the real broker: the compiled package (dist/), with the example topology
// modules on the worker pool (in child processes where processes matter) and Topology instances
// on the main thread.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { consumeUntil, newKafka, TestTopics, uniqueName, waitUntil, type ConsumedRecord } from './support/kafka';
import { StreamsProcess } from './support/streams-process';

type Kstreams = typeof import('../../src/index');
// the same copy the topology modules import (Topology instances and brands must match)
const kstreams = require('../../dist/index.js') as Kstreams;
const { KafkaStreams, StreamsBuilder, Consumed, Produced, Serdes } = kstreams;

const repoRoot = path.resolve(__dirname, '..', '..');
const wordCountModule = path.join(repoRoot, 'examples', 'topologies', 'word-count.mjs');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Settings that keep joins, fetches and commits quick on the local broker. */
const quick = { 'commit.interval.ms': 100, 'consumer.heartbeatInterval': 300, 'consumer.sessionTimeout': 10000, 'consumer.maxWaitTimeInMs': 100 } as const;

function words(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) for (const word of line.toLowerCase().split(/\W+/).filter((w) => w.length > 0)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The last count per word in the output (what a reader of the table sees). */
function lastCounts(records: readonly ConsumedRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.key!.toString(), Number(r.value!.readBigInt64BE()));
  return counts;
}

function sameCounts(expected: Map<string, number>) {
  return (records: ConsumedRecord[]): boolean => {
    const seen = lastCounts(records);
    return [...expected].every(([w, n]) => seen.get(w) === n);
  };
}

describe('KafkaStreams (real broker)', function () {
  this.timeout(60_000);
  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;
  let producer: Producer;
  const stateDirs: string[] = [];
  const children: StreamsProcess[] = [];

  const stateDir = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kstreams-it-'));
    stateDirs.push(dir);
    return dir;
  };

  /** An application's topics: its own plus the internal ones kstreams creates, all deleted after. */
  function appTopics(applicationId: string, internal: readonly string[]): void {
    for (const name of internal) topics.track(`${applicationId}-${name}`);
  }

  async function changelogEnd(topic: string): Promise<number> {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  }

  before(async () => {
    kafka = newKafka('kstreams-it');
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      children.forEach((c, i) => console.log(`--- events of child process ${i} ---\n${c.eventLog()}`));
    }
    await Promise.all(children.splice(0).map((c) => c.kill()));
  });

  after(async () => {
    await producer?.disconnect();
    await topics?.deleteAll();
    await admin?.disconnect();
    for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('word count', () => {
    let input: string;
    let output: string;
    let applicationId: string;
    const env = (): Record<string, string> => ({ WORD_COUNT_INPUT: input, WORD_COUNT_OUTPUT: output });
    const config = (dir: string) => ({ 'application.id': applicationId, 'bootstrap.servers': '127.0.0.1:9092', 'num.stream.threads': 2, 'state.dir': dir, ...quick });
    const send = (lines: readonly string[]) => producer.send({ topic: input, messages: lines.map((value, i) => ({ key: `line-${i}`, value })) });

    beforeEach(async () => {
      input = await topics.create('wc-in', { numPartitions: 4 });
      output = await topics.create('wc-out');
      applicationId = uniqueName('wc-app');
      appTopics(applicationId, ['counts-store-changelog', 'counts-store-repartition']);
    });

    it('counts words end to end on two worker threads, with exact final counts', async () => {
      const app = new StreamsProcess(wordCountModule, config(stateDir()), env());
      children.push(app);
      await app.waitForState('RUNNING');
      const lines = ['Hello Kafka Streams', 'hello streams', 'all streams lead to kafka', 'join kafka summit', 'a b c a b a'];
      await send(lines);
      const expected = words(lines);
      const out = await consumeUntil(kafka, [output], sameCounts(expected));
      expect(lastCounts(out)).to.deep.equal(expected);
      expect(await app.stop()).to.equal(0);
      expect(app.states().slice(-2)).to.deep.equal(['PENDING_SHUTDOWN', 'NOT_RUNNING']);
    });

    it('splits the tasks between two processes, and one stopped gracefully hands its tasks over with exact results', async () => {
      const a = new StreamsProcess(wordCountModule, config(stateDir()), env());
      children.push(a);
      await a.waitForState('RUNNING');
      const b = new StreamsProcess(wordCountModule, config(stateDir()), env());
      children.push(b);
      const tasksOf = (p: StreamsProcess): string[] => (p.events.filter((e) => e.event === 'state' && e.state === 'RUNNING').at(-1)?.tasks as string[] | undefined) ?? [];
      await waitUntil(() => tasksOf(b).length > 0 && tasksOf(a).length > 0 && tasksOf(a).length + tasksOf(b).length === 8 && a.state() === 'RUNNING', 'the two processes to split the 8 tasks');
      expect([...tasksOf(a), ...tasksOf(b)].sort()).to.deep.equal(['0_0', '0_1', '0_2', '0_3', '1_0', '1_1', '1_2', '1_3']);
      expect(tasksOf(a).length).to.equal(4);

      const first = Array.from({ length: 40 }, (_, i) => `word${i % 7} shared line${i % 3}`);
      await send(first);
      await consumeUntil(kafka, [output], sameCounts(words(first)));

      expect(await b.stop()).to.equal(0);
      await waitUntil(() => tasksOf(a).length === 8 && a.state() === 'RUNNING', 'process a to take over all 8 tasks');
      const second = Array.from({ length: 40 }, (_, i) => `word${i % 5} shared more${i % 2}`);
      await send(second);
      const expected = words([...first, ...second]);
      const out = await consumeUntil(kafka, [output], sameCounts(expected));
      expect(lastCounts(out)).to.deep.equal(expected);
      expect(await a.stop()).to.equal(0);
    });

    it('restarted on its state dir restores only the changelog tail; on an empty state dir everything, with the same results', async () => {
      const changelog = `${applicationId}-counts-store-changelog`;
      const dirA = stateDir();
      const phase = async (dir: string, lines: readonly string[], expected: Map<string, number>): Promise<StreamsProcess> => {
        const app = new StreamsProcess(wordCountModule, config(dir), env());
        children.push(app);
        await app.waitForState('RUNNING');
        await send(lines);
        await consumeUntil(kafka, [output], sameCounts(expected));
        expect(await app.stop()).to.equal(0);
        return app;
      };
      const batch1 = ['one two three', 'two three', 'three'];
      const batch2 = ['four four two', 'one'];
      const batch3 = ['five', 'one one'];

      const first = await phase(dirA, batch1, words(batch1));
      expect(first.restoredRecords()).to.equal(0);
      const endAfterA = await changelogEnd(changelog);
      // another instance (its own state dir) moves the changelog on while A is away
      await phase(stateDir(), batch2, words([...batch1, ...batch2]));
      const endAfterB = await changelogEnd(changelog);
      expect(endAfterB).to.be.greaterThan(endAfterA);

      const again = await phase(dirA, batch3, words([...batch1, ...batch2, ...batch3]));
      expect(again.restoredRecords()).to.equal(endAfterB - endAfterA);

      // the state dir deleted: a full restore of the changelog, then the same counts
      rmSync(dirA, { recursive: true, force: true });
      const endBefore = await changelogEnd(changelog);
      const full = await phase(dirA, ['six'], words([...batch1, ...batch2, ...batch3, 'six']));
      expect(full.restoredRecords()).to.equal(endBefore);
    });
  });

  describe('bad input', () => {
    function integerTopology(input: string, output: string) {
      const builder = new StreamsBuilder();
      builder.stream(input, Consumed.with(Serdes.String(), Serdes.Integer())).mapValues((n: number) => n * 2).to(output, Produced.with(Serdes.String(), Serdes.Integer()));
      return builder.build();
    }
    const int = (n: number): Buffer => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n);
      return b;
    };

    it('a record that fails to deserialize stops the client in ERROR (default handler), committing nothing from it on', async () => {
      const input = await topics.create('bad-in');
      const output = await topics.create('bad-out');
      const applicationId = uniqueName('bad-app');
      const streams = new KafkaStreams(integerTopology(input, output), { 'application.id': applicationId, 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': stateDir(), ...quick }, { logger: quiet });
      await streams.start();
      await producer.send({ topic: input, messages: [1, 2, 3].map((n) => ({ key: `k${n}`, value: int(n) })) });
      await consumeUntil(kafka, [output], (r) => r.length === 3);
      await waitUntil(async () => {
        const [committed] = await admin.fetchOffsets({ groupId: applicationId, topics: [input] });
        return committed.partitions[0].offset === '3';
      }, 'the first three records committed');
      await producer.send({ topic: input, messages: [{ key: 'bad', value: Buffer.from('xyz') }, { key: 'k5', value: int(5) }] });
      await waitUntil(() => streams.state() === 'ERROR', 'the client in ERROR');
      expect(streams.error()?.message).to.match(/Deserialization exception handler is set to fail upon a deserialization error \(task 0_0, topic .*, partition 0, offset 3\)/);
      const [committed] = await admin.fetchOffsets({ groupId: applicationId, topics: [input] });
      expect(Number(committed.partitions[0].offset)).to.be.at.most(3);
      const out = await consumeUntil(kafka, [output], (r) => r.length >= 3);
      expect(out.map((r) => r.value!.readInt32BE())).to.deep.equal([2, 4, 6]);
      expect(await streams.close()).to.equal(true);
      expect(streams.state()).to.equal('ERROR');
    });

    it('with logAndContinue the record is skipped and counted, and the records after it are processed', async () => {
      const input = await topics.create('skip-in');
      const output = await topics.create('skip-out');
      const applicationId = uniqueName('skip-app');
      const streams = new KafkaStreams(
        integerTopology(input, output),
        { 'application.id': applicationId, 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': stateDir(), 'default.deserialization.exception.handler': 'logAndContinue', ...quick },
        { logger: quiet },
      );
      await streams.start();
      await producer.send({ topic: input, messages: [{ key: 'a', value: int(1) }, { key: 'bad', value: Buffer.from('xyz') }, { key: 'b', value: int(2) }] });
      const out = await consumeUntil(kafka, [output], (r) => r.length === 2);
      expect(out.map((r) => [r.key!.toString(), r.value!.readInt32BE()])).to.deep.equal([['a', 2], ['b', 4]]);
      expect(streams.droppedRecords().get('deserialization')).to.equal(1);
      expect(streams.state()).to.equal('RUNNING');
      await streams.close();
      expect(streams.state()).to.equal('NOT_RUNNING');
    });
  });

  describe('refusals', () => {
    it('start() twice is an error that says so', async () => {
      const input = await topics.create('twice-in');
      const builder = new StreamsBuilder();
      builder.stream(input).to(input);
      const streams = new KafkaStreams(builder.build(), { 'application.id': uniqueName('twice'), 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': stateDir(), ...quick }, { logger: quiet });
      const first = streams.start();
      await expectRejection(streams.start(), /start\(\) can only be called once, on a CREATED client; this client is REBALANCING/);
      await first;
      await streams.close();
      await expectRejection(streams.start(), /this client is NOT_RUNNING/);
    });

    it('refuses exactly_once_v2 (ConfigError) and a GlobalKTable (TopologyError) until they land', () => {
      const builder = new StreamsBuilder();
      builder.stream('in').to('out');
      expect(() => new KafkaStreams(builder.build(), { 'application.id': 'x', 'bootstrap.servers': '127.0.0.1:9092', 'processing.guarantee': 'exactly_once_v2' }))
        .to.throw(/exactly_once_v2/).with.property('name', 'ConfigError');
      const globalBuilder = new StreamsBuilder();
      globalBuilder.globalTable('g', Consumed.with(Serdes.String(), Serdes.String()));
      expect(() => new KafkaStreams(globalBuilder.build(), { 'application.id': 'x', 'bootstrap.servers': '127.0.0.1:9092' }))
        .to.throw(/GlobalKTables and global stores are not supported/).with.property('name', 'TopologyError');
    });
  });
});

async function expectRejection(promise: Promise<unknown>, pattern: RegExp): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).message).to.match(pattern);
    return error as Error;
  }
  throw new Error(`expected a rejection matching ${pattern}`);
}
