// npm run demo: word count on a real broker. Starts the local broker if none answers, (re)creates
// text-input (4 partitions) and word-counts, runs the word-count topology on 2 worker threads,
// produces a few lines, prints the counts as they arrive, and closes gracefully.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaStreams } from 'kstreams';
import { bootstrap, ensureBroker } from './local-broker.mjs';

const require = createRequire(import.meta.url);
// kstreams is loaded first, so this kafkajs is the patched copy kstreams runs on
const { Kafka, Partitioners, logLevel } = require('kafkajs');

const input = 'text-input';
const output = 'word-counts';
const applicationId = `wordcount-demo-${Date.now()}`;
const lines = ['all streams lead to kafka', 'hello kafka streams', 'join kafka summit', 'hello node'];
const expected = new Map();
for (const word of lines.join(' ').split(' ')) expected.set(word, (expected.get(word) ?? 0) + 1);

const stopBroker = await ensureBroker();
const kafka = new Kafka({ clientId: 'kstreams-demo', brokers: bootstrap, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-demo-'));
let streams;
let exitCode = 0;
try {
  await admin.connect();
  const existing = await admin.listTopics();
  const stale = [input, output].filter((t) => existing.includes(t));
  if (stale.length > 0) {
    await admin.deleteTopics({ topics: stale });
    await waitFor(async () => !(await admin.listTopics()).some((t) => stale.includes(t)), 'old demo topics deleted');
  }
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: input, numPartitions: 4 }, { topic: output, numPartitions: 1 }] });
  console.log(`created ${input} (4 partitions) and ${output}`);

  streams = new KafkaStreams(new URL('./topologies/word-count.mjs', import.meta.url), {
    'application.id': applicationId,
    'bootstrap.servers': bootstrap,
    'num.stream.threads': 2,
    'state.dir': stateDir,
    'commit.interval.ms': 200,
    'consumer.heartbeatInterval': 300,
    'consumer.maxWaitTimeInMs': 100,
  }, { logger: { info: () => {}, warn: (m) => console.warn(m), error: (m) => console.error(m) } });
  streams.onStateChange((state, old) => console.log(`state: ${old} -> ${state}`));
  await streams.start();
  console.log(`running tasks ${streams.activeTasks().join(', ')} on 2 worker threads`);

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic: input, messages: lines.map((value, i) => ({ key: `line-${i}`, value })) });
  await producer.disconnect();
  for (const line of lines) console.log(`produced: ${line}`);

  const counts = new Map();
  const consumer = kafka.consumer({ groupId: `${applicationId}-reader`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [output], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const word = message.key.toString();
      const count = Number(message.value.readBigInt64BE());
      counts.set(word, count);
      console.log(`  ${word}: ${count}`);
    },
  });
  await waitFor(() => [...expected].every(([w, n]) => counts.get(w) === n), 'the final counts', 30000);
  await consumer.disconnect();
  console.log(`demo ok: ${expected.size} words counted exactly`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  if (streams) await streams.close({ timeoutMs: 30000 });
  const internal = [`${applicationId}-counts-store-changelog`, `${applicationId}-counts-store-repartition`];
  await admin.deleteTopics({ topics: internal }).catch(() => {});
  await admin.disconnect();
  rmSync(stateDir, { recursive: true, force: true });
  await stopBroker();
}
process.exit(exitCode);

async function waitFor(predicate, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
