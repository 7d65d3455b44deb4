// The runnable programs in examples/ (compiled package, worker threads), each run as a child
// process against the broker: start, process a few records, stop gracefully on SIGTERM.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { consumeUntil, newKafka, TestTopics, uniqueName, waitUntil } from './support/kafka';

const examples = path.resolve(__dirname, '..', '..', 'examples');

/** Runs an example until it prints that it is running; `stop()` sends SIGTERM and resolves with the exit code. */
function runExample(file: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(examples, file)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    running: () => waitUntil(() => {
      if (child.exitCode !== null) throw new Error(`${file} exited early: ${out}`);
      return out.includes('state: REBALANCING -> RUNNING');
    }, `${file} running`),
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      return { code, out };
    },
    kill: () => child.kill('SIGKILL'),
  };
}

describe('examples (real broker)', function () {
  this.timeout(60_000);
  let kafka: Kafka;
  let admin: Admin;
  let topics: TestTopics;
  let producer: Producer;
  let stateDir: string;

  before(async () => {
    kafka = newKafka('kstreams-examples');
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    stateDir = mkdtempSync(path.join(tmpdir(), 'kstreams-examples-'));
  });

  after(async () => {
    await producer?.disconnect();
    await topics?.deleteAll();
    await admin?.disconnect();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const base = (applicationId: string) => ({ APPLICATION_ID: applicationId, STATE_DIR: stateDir, COMMIT_INTERVAL_MS: '100' });

  it('filter.mjs keeps the lines longer than 5 characters', async () => {
    const input = await topics.create('stream_log', { numPartitions: 2 });
    const output = await topics.create('stream_log_filter');
    const app = runExample('filter.mjs', { ...base(uniqueName('filter')), FILTER_INPUT: input, FILTER_OUTPUT: output });
    try {
      await app.running();
      await producer.send({ topic: input, messages: ['short', 'long enough', 'sixsix', 'tiny'].map((value, i) => ({ key: `k${i}`, value })) });
      const out = await consumeUntil(kafka, [output], (r) => r.length >= 2);
      expect(out.map((r) => r.value!.toString()).sort()).to.deep.equal(['long enough', 'sixsix']);
    } finally {
      const { code, out } = await app.stop();
      expect(code, out).to.equal(0);
    }
  });

  it('orders.mjs sums the quantity per item through a repartition topic', async () => {
    const applicationId = uniqueName('orders');
    const input = await topics.create('orders', { numPartitions: 3 });
    const output = await topics.create('quantity-by-item');
    for (const t of ['quantity-by-item-store-changelog', 'quantity-by-item-store-repartition']) topics.track(`${applicationId}-${t}`);
    const app = runExample('orders.mjs', { ...base(applicationId), ORDERS_INPUT: input, ORDERS_OUTPUT: output });
    try {
      await app.running();
      await producer.send({ topic: input, messages: ['apple,3', 'pear,1', 'apple,4', 'fig,2', 'pear,5'].map((value, i) => ({ key: `o${i}`, value })) });
      const totals = (records: { key: Buffer | null; value: Buffer | null }[]) => new Map(records.map((r) => [r.key!.toString(), r.value!.readInt32BE()]));
      const out = await consumeUntil(kafka, [output], (r) => totals(r).get('apple') === 7 && totals(r).get('pear') === 6 && totals(r).get('fig') === 2);
      expect(totals(out)).to.deep.equal(new Map([['apple', 7], ['pear', 6], ['fig', 2]]));
    } finally {
      const { code, out } = await app.stop();
      expect(code, out).to.equal(0);
    }
  });

  it('word-count.mjs counts words', async () => {
    const applicationId = uniqueName('word-count');
    const input = await topics.create('text-input', { numPartitions: 4 });
    const output = await topics.create('word-counts');
    for (const t of ['counts-store-changelog', 'counts-store-repartition']) topics.track(`${applicationId}-${t}`);
    const app = runExample('word-count.mjs', { ...base(applicationId), WORD_COUNT_INPUT: input, WORD_COUNT_OUTPUT: output });
    try {
      await app.running();
      await producer.send({ topic: input, messages: ['hello kafka', 'hello streams'].map((value) => ({ value })) });
      const counts = (records: { key: Buffer | null; value: Buffer | null }[]) => new Map(records.map((r) => [r.key!.toString(), Number(r.value!.readBigInt64BE())]));
      const out = await consumeUntil(kafka, [output], (r) => counts(r).get('hello') === 2 && counts(r).has('kafka') && counts(r).has('streams'));
      expect(counts(out)).to.deep.equal(new Map([['hello', 2], ['kafka', 1], ['streams', 1]]));
    } finally {
      const { code, out } = await app.stop();
      expect(code, out).to.equal(0);
    }
  });
});
