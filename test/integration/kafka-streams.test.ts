// KafkaStreams against the real broker: the compiled package (dist/), with the example topology
// modules on the worker pool (in child processes where processes matter) and Topology instances
// on the main thread.
import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { closeBrokerClients, type BrokerClients, consumeUntil, openBrokerClients, TestTopics, uniqueName, waitUntil, type ConsumedRecord } from './support/kafka';
import { killChildren, StreamsProcess } from './support/streams-process';
import { countWords, lastCounts } from './support/word-counts';

type Kstreams = typeof import('../../src/index');
// the same copy the topology modules import (Topology instances and brands must match)
const kstreams = require('../../dist/index.js') as Kstreams;
const { KafkaStreams, StreamsBuilder, Consumed, Produced, Serdes } = kstreams;

const repoRoot = path.resolve(__dirname, '..', '..');
const wordCountModule = path.join(repoRoot, 'examples', 'topologies', 'word-count.mjs');
const filterModule = path.join(repoRoot, 'examples', 'topologies', 'filter.mjs');
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Settings that keep joins, fetches and commits quick on the local broker. */
const quick = { 'commit.interval.ms': 100, 'consumer.heartbeatInterval': 300, 'consumer.sessionTimeout': 10000, 'consumer.maxWaitTimeInMs': 100 } as const;

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

  let clients: BrokerClients | undefined;
  before(async () => {
    clients = await openBrokerClients('kstreams-it');
    ({ kafka, admin, topics, producer } = clients);
  });

  afterEach(function () {
    return killChildren(this.currentTest, children);
  });

  after(() => closeBrokerClients(clients, stateDirs));

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
      const expected = countWords(lines);
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
      await waitUntil(() => b.runningTasks().length > 0 && a.runningTasks().length > 0 && a.runningTasks().length + b.runningTasks().length === 8 && a.state() === 'RUNNING', 'the two processes to split the 8 tasks');
      expect([...a.runningTasks(), ...b.runningTasks()].sort()).to.deep.equal(['0_0', '0_1', '0_2', '0_3', '1_0', '1_1', '1_2', '1_3']);
      expect(a.runningTasks().length).to.equal(4);

      const first = Array.from({ length: 40 }, (_, i) => `word${i % 7} shared line${i % 3}`);
      await send(first);
      await consumeUntil(kafka, [output], sameCounts(countWords(first)));

      expect(await b.stop()).to.equal(0);
      await waitUntil(() => a.runningTasks().length === 8 && a.state() === 'RUNNING', 'process a to take over all 8 tasks');
      const second = Array.from({ length: 40 }, (_, i) => `word${i % 5} shared more${i % 2}`);
      await send(second);
      const expected = countWords([...first, ...second]);
      const out = await consumeUntil(kafka, [output], sameCounts(expected));
      expect(lastCounts(out)).to.deep.equal(expected);
      expect(await a.stop()).to.equal(0);
    });

    it('refuses tasks to a member whose topology differs from the leader\'s: it stops with a TopologyError, the leader keeps every task', async () => {
      const leader = new StreamsProcess(wordCountModule, config(stateDir()), env());
      children.push(leader);
      await leader.waitForState('RUNNING');
      // same application.id, another topology (reads the same input topic)
      const other = new StreamsProcess(filterModule, config(stateDir()), { FILTER_INPUT: input, FILTER_OUTPUT: output });
      children.push(other);
      await other.waitFor((events) => events.some((e) => e.event === 'error'), 'the member with the other topology to fail');
      const error = other.events.find((e) => e.event === 'error')!;
      expect(error.name).to.equal('TopologyError');
      expect(error.message).to.match(/refused tasks: member .* \(process .*\) built a topology with fingerprint [0-9a-f]{12}…, the group leader's is [0-9a-f]{12}…/);
      expect(other.state()).to.equal('ERROR');
      expect(other.events.filter((e) => e.event === 'state' && e.state === 'RUNNING')).to.deep.equal([]);

      await waitUntil(() => leader.state() === 'RUNNING' && leader.runningTasks().length === 8, 'the leader to run all 8 tasks after the refused member left');
      const lines = ['still counting', 'counting words'];
      await send(lines);
      const out = await consumeUntil(kafka, [output], sameCounts(countWords(lines)));
      expect(lastCounts(out)).to.deep.equal(countWords(lines));
      expect(await other.stop()).to.equal(0);
      expect(await leader.stop()).to.equal(0);
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

      const first = await phase(dirA, batch1, countWords(batch1));
      expect(first.restoredRecords()).to.equal(0);
      const endAfterA = await changelogEnd(changelog);
      // another instance (its own state dir) moves the changelog on while A is away
      await phase(stateDir(), batch2, countWords([...batch1, ...batch2]));
      const endAfterB = await changelogEnd(changelog);
      expect(endAfterB).to.be.greaterThan(endAfterA);

      const again = await phase(dirA, batch3, countWords([...batch1, ...batch2, ...batch3]));
      expect(again.restoredRecords()).to.equal(endAfterB - endAfterA);

      // the state dir deleted: a full restore of the changelog, then the same counts
      rmSync(dirA, { recursive: true, force: true });
      const endBefore = await changelogEnd(changelog);
      const full = await phase(dirA, ['six'], countWords([...batch1, ...batch2, ...batch3, 'six']));
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

    const doubleIntegersModule = path.join(__dirname, 'support', 'topologies', 'double-integers.js');
    for (const mode of ['main thread', 'worker pool'] as const) {
      it(`with logAndContinue the record is skipped and counted, and the records after it are processed (${mode})`, async () => {
        const input = await topics.create('skip-in', { numPartitions: 2 });
        const output = await topics.create('skip-out');
        const applicationId = uniqueName('skip-app');
        process.env.KSTREAMS_IT_DOUBLE_INPUT = input;
        process.env.KSTREAMS_IT_DOUBLE_OUTPUT = output;
        const streams = new KafkaStreams(
          mode === 'main thread' ? integerTopology(input, output) : doubleIntegersModule,
          { 'application.id': applicationId, 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': stateDir(), 'num.stream.threads': 2, 'default.deserialization.exception.handler': 'logAndContinue', ...quick },
          { logger: quiet },
        );
        await streams.start();
        expect(streams.activeTasks()).to.deep.equal(['0_0', '0_1']);
        await producer.send({
          topic: input,
          messages: [
            { key: 'a', value: int(1), partition: 0 },
            { key: 'bad', value: Buffer.from('xyz'), partition: 0 },
            { key: 'b', value: int(2), partition: 0 },
            { key: 'c', value: int(3), partition: 1 },
          ],
        });
        const out = await consumeUntil(kafka, [output], (r) => r.length === 3);
        expect(out.map((r) => [r.key!.toString(), r.value!.readInt32BE()]).sort()).to.deep.equal([['a', 2], ['b', 4], ['c', 6]]);
        // the drop is reported with the reply to the batch, which came back before the outputs were produced
        expect(streams.droppedRecords()).to.deep.equal(new Map([['deserialization', 1]]));
        expect(streams.state()).to.equal('RUNNING');
        await streams.close();
        expect(streams.state()).to.equal('NOT_RUNNING');
      });
    }
  });

  describe('the uncaught exception handler and the life cycle', () => {
    /** in → value upper-cased → out; a value 'boom' throws while `fail('boom')` says so. */
    function upperTopology(input: string, output: string, fail: (value: string) => boolean) {
      const builder = new StreamsBuilder();
      builder
        .stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues((v: string) => {
          if (fail(v)) throw new Error(`cannot upper-case ${v}`);
          return v.toUpperCase();
        })
        .to(output, Produced.with(Serdes.String(), Serdes.String()));
      return builder.build();
    }
    const values = (records: readonly ConsumedRecord[]): string[] => records.map((r) => r.value!.toString());

    it('SHUTDOWN_CLIENT: a processing error stops the client in ERROR, with the error', async () => {
      const input = await topics.create('sc-in');
      const output = await topics.create('sc-out');
      const streams = new KafkaStreams(upperTopology(input, output, (v) => v === 'boom'), { 'application.id': uniqueName('sc-app'), 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': stateDir(), ...quick }, { logger: quiet });
      const handled: Error[] = [];
      streams.setUncaughtExceptionHandler((error) => {
        handled.push(error);
        return 'SHUTDOWN_CLIENT';
      });
      await streams.start();
      await producer.send({ topic: input, messages: [{ key: 'a', value: 'a' }] });
      await consumeUntil(kafka, [output], (r) => r.length === 1);
      await producer.send({ topic: input, messages: ['boom', 'b'].map((value) => ({ key: value, value })) });
      await waitUntil(() => streams.state() === 'ERROR', 'the client in ERROR');
      expect(handled).to.have.length(1);
      expect(handled[0].message).to.match(/cannot upper-case boom/);
      expect(streams.error()).to.equal(handled[0]);
      expect(values(await consumeUntil(kafka, [output], (r) => r.length >= 1))).to.deep.equal(['A']);
      expect(await streams.close()).to.equal(true);
      expect(streams.state()).to.equal('ERROR');
    });

    it('REPLACE_THREAD on the main thread: its tasks are closed dirty and run again from their last commits; the client keeps running', async () => {
      const input = await topics.create('rt-in');
      const output = await topics.create('rt-out');
      let failures = 0;
      // fails the first time it meets 'boom' only: the task run again processes it
      const failOnce = (v: string): boolean => v === 'boom' && failures++ === 0;
      const streams = new KafkaStreams(upperTopology(input, output, failOnce), { 'application.id': uniqueName('rt-app'), 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': stateDir(), ...quick }, { logger: quiet });
      const handled: Error[] = [];
      streams.setUncaughtExceptionHandler((error) => {
        handled.push(error);
        return 'REPLACE_THREAD';
      });
      const states: string[] = [];
      streams.onStateChange((state) => states.push(state));
      await streams.start();
      await producer.send({ topic: input, messages: ['a', 'boom', 'b'].map((value) => ({ key: value, value })) });
      const out = await consumeUntil(kafka, [output], (r) => values(r).includes('B'));
      // at least once: what came before the failure since the last commit may come twice
      expect([...new Set(values(out))]).to.deep.equal(['A', 'BOOM', 'B']);
      expect(handled.map((e) => e.message)).to.have.length(1);
      expect(handled[0].message).to.match(/cannot upper-case boom/);
      expect(streams.state()).to.equal('RUNNING');
      expect(states).to.not.include('PENDING_ERROR');
      await producer.send({ topic: input, messages: [{ key: 'c', value: 'c' }] });
      await consumeUntil(kafka, [output], (r) => values(r).includes('C'));
      await streams.close();
      expect(streams.state()).to.equal('NOT_RUNNING');
    });

    it('REPLACE_THREAD on the worker pool: the thread of the failed task is replaced, its tasks run again there or on the other thread', async () => {
      const input = await topics.create('rtp-in', { numPartitions: 2 });
      const output = await topics.create('rtp-out');
      const dir = stateDir();
      process.env.KSTREAMS_IT_FAIL_ONCE_INPUT = input;
      process.env.KSTREAMS_IT_FAIL_ONCE_OUTPUT = output;
      process.env.KSTREAMS_IT_FAIL_ONCE_MARKER = path.join(dir, 'failed-once');
      const warnings: string[] = [];
      const streams = new KafkaStreams(
        path.join(__dirname, 'support', 'topologies', 'fail-once.js'),
        { 'application.id': uniqueName('rtp-app'), 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': dir, 'num.stream.threads': 2, ...quick },
        { logger: { ...quiet, warn: (m: string) => warnings.push(m) } },
      );
      const handled: Error[] = [];
      streams.setUncaughtExceptionHandler((error) => {
        handled.push(error);
        return 'REPLACE_THREAD';
      });
      const states: string[] = [];
      streams.onStateChange((state) => states.push(state));
      await streams.start();
      expect(streams.activeTasks()).to.deep.equal(['0_0', '0_1']);
      await producer.send({ topic: input, messages: [{ key: 'a', value: 'a', partition: 0 }, { key: 'x', value: 'x', partition: 1 }] });
      await consumeUntil(kafka, [output], (r) => r.length === 2);
      await producer.send({ topic: input, messages: [{ key: 'boom', value: 'boom', partition: 0 }, { key: 'y', value: 'y', partition: 1 }, { key: 'b', value: 'b', partition: 0 }] });
      const out = await consumeUntil(kafka, [output], (r) => ['BOOM', 'B', 'Y'].every((v) => values(r).includes(v)));
      expect([...new Set(values(out))].sort()).to.deep.equal(['A', 'B', 'BOOM', 'X', 'Y']);
      expect(handled).to.have.length(1);
      expect(handled[0].message).to.match(/cannot upper-case boom/);
      expect(warnings.filter((w) => w.startsWith('replacing thread'))).to.have.length(1);
      expect(warnings.find((w) => w.startsWith('replacing thread'))).to.match(/^replacing thread \d+ after task 0_0 failed; its tasks (0_0|0_0, 0_1) are closed dirty and opened again$/);
      expect(streams.activeTasks()).to.deep.equal(['0_0', '0_1']);
      expect(states).to.not.include('PENDING_ERROR');
      await waitUntil(() => streams.state() === 'RUNNING', 'the client RUNNING');
      await producer.send({ topic: input, messages: [{ key: 'c', value: 'c', partition: 0 }, { key: 'z', value: 'z', partition: 1 }] });
      await consumeUntil(kafka, [output], (r) => values(r).includes('C') && values(r).includes('Z'));
      await streams.close();
      expect(streams.state()).to.equal('NOT_RUNNING');
    });

    it('SHUTDOWN_APPLICATION: every instance of the application stops, through the next assignment', async () => {
      const input = await topics.create('sa-in', { numPartitions: 2 });
      const output = await topics.create('sa-out');
      const applicationId = uniqueName('sa-app');
      const instance = () => {
        const streams = new KafkaStreams(upperTopology(input, output, (v) => v === 'boom'), { 'application.id': applicationId, 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': stateDir(), ...quick }, { logger: quiet });
        streams.setUncaughtExceptionHandler(() => 'SHUTDOWN_APPLICATION');
        return streams;
      };
      const a = instance();
      const b = instance();
      try {
        await a.start();
        await b.start();
        await waitUntil(() => a.state() === 'RUNNING' && b.state() === 'RUNNING' && a.activeTasks().length === 1 && b.activeTasks().length === 1, 'the two instances to run one task each');
        await producer.send({ topic: input, messages: [{ key: 'x', value: 'boom', partition: 0 }] });
        await waitUntil(() => a.state() === 'ERROR' && b.state() === 'ERROR', 'both instances in ERROR');
        for (const streams of [a, b]) {
          expect(streams.error()?.code).to.equal('SHUTDOWN_REQUESTED');
          expect(streams.error()?.message).to.match(/An instance of the application requested a shutdown of the whole application/);
        }
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('two clients in one process with different application.ids run independently: each reads every record, one closing leaves the other running', async () => {
      const input = await topics.create('two-in', { numPartitions: 2 });
      const outputs = [await topics.create('two-out-a'), await topics.create('two-out-b')];
      const dir = stateDir();
      process.env.KSTREAMS_IT_FAIL_ONCE_INPUT = input;
      process.env.KSTREAMS_IT_FAIL_ONCE_OUTPUT = outputs[1];
      process.env.KSTREAMS_IT_FAIL_ONCE_MARKER = path.join(dir, 'unused-marker');
      // one on the main thread, one on the worker pool, sharing a state.dir (each has its own application directory)
      const first = new KafkaStreams(upperTopology(input, outputs[0], () => false), { 'application.id': uniqueName('two-a'), 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': dir, ...quick }, { logger: quiet });
      const second = new KafkaStreams(
        path.join(__dirname, 'support', 'topologies', 'fail-once.js'),
        { 'application.id': uniqueName('two-b'), 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': dir, 'num.stream.threads': 2, ...quick },
        { logger: quiet },
      );
      try {
        await Promise.all([first.start(), second.start()]);
        // each is its group's only member: it runs every task
        expect(first.activeTasks()).to.deep.equal(['0_0', '0_1']);
        expect(second.activeTasks()).to.deep.equal(['0_0', '0_1']);
        await producer.send({ topic: input, messages: ['p', 'q', 'r', 's'].map((value, i) => ({ key: value, value, partition: i % 2 })) });
        for (const output of outputs) expect(values(await consumeUntil(kafka, [output], (r) => r.length === 4)).sort()).to.deep.equal(['P', 'Q', 'R', 'S']);

        await first.close();
        expect(first.state()).to.equal('NOT_RUNNING');
        expect(second.state()).to.equal('RUNNING');
        await producer.send({ topic: input, messages: [{ key: 't', value: 't', partition: 0 }] });
        expect(values(await consumeUntil(kafka, [outputs[1]], (r) => r.length === 5)).sort()).to.deep.equal(['P', 'Q', 'R', 'S', 'T']);
        expect(second.state()).to.equal('RUNNING');
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it('cleanUp() is refused while the client runs and deletes only this application\'s state directory once it is closed', async () => {
      const input = await topics.create('cu-in');
      const output = await topics.create('cu-out');
      const applicationId = uniqueName('cu-app');
      appTopics(applicationId, ['counts-changelog']);
      const dir = stateDir();
      const counting = new StreamsBuilder();
      counting
        .stream(input, Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count(kstreams.Materialized.as<string, number>('counts'))
        .toStream()
        .to(output, Produced.with(Serdes.String(), Serdes.Long()));
      const streams = new KafkaStreams(counting.build(), { 'application.id': applicationId, 'bootstrap.servers': '127.0.0.1:9092', 'state.dir': dir, ...quick }, { logger: quiet });
      await streams.start();
      await producer.send({ topic: input, messages: [{ key: 'k', value: 'v' }] });
      await consumeUntil(kafka, [output], (r) => r.length === 1);
      const appDir = path.join(dir, applicationId);
      const otherAppDir = path.join(dir, 'another-app', '0_0');
      mkdirSync(otherAppDir, { recursive: true });
      await waitUntil(() => existsSync(path.join(appDir, '0_0')), 'the task directory');
      const refused = await expectRejection(streams.cleanUp(), /KafkaStreams\.cleanUp\(\) can only be called when the client is CREATED or NOT_RUNNING or ERROR; it is RUNNING/);
      expect(refused.name).to.equal('IllegalStateError');
      expect(existsSync(appDir)).to.equal(true);
      await streams.close();
      await streams.cleanUp();
      expect(existsSync(appDir)).to.equal(false);
      expect(existsSync(otherAppDir)).to.equal(true);
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
