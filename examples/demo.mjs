// npm run demo: a smoke run of what kstreams stands on, against a real broker. It loads the
// built package both ways (import and require), writes records through a committed and an
// aborted transaction, and reads them back read_committed with the kafkajs kstreams runs on.
// (The runtime issue replaces this with word count.)
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import * as kstreamsEsm from 'kstreams';
import { bootstrap, ensureBroker } from './local-broker.mjs';

const require = createRequire(import.meta.url);
const kstreamsCjs = require('kstreams');
// kstreams is loaded: its kafkajs patches are in, so this kafkajs hides aborted records
const { Kafka, Partitioners, logLevel } = require('kafkajs');

const stopBroker = await ensureBroker();
const kafka = new Kafka({ clientId: 'kstreams-demo', brokers: bootstrap, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const topic = `kstreams-demo-${randomUUID().slice(0, 8)}`;
let exitCode = 0;
try {
  console.log(`kstreams loads both ways: ${Object.keys(kstreamsEsm).length} names via import, ${Object.keys(kstreamsCjs).length} via require`);
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });

  const producer = kafka.producer({ transactionalId: `${topic}-tx`, idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const committed = await producer.transaction();
  await committed.send({ topic, messages: ['hello', 'kafka', 'streams'].map((w, i) => ({ key: `line-${i}`, value: w, headers: { source: 'demo' } })) });
  await committed.commit();
  const aborted = await producer.transaction();
  await aborted.send({ topic, messages: [{ key: 'never', value: 'aborted' }] });
  await aborted.abort();
  const last = await producer.transaction();
  await last.send({ topic, messages: [{ key: 'line-3', value: 'done' }] });
  await last.commit();
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${topic}-group`, readUncommitted: false, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const seen = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo: records did not come back within 30 s')), 30000);
    consumer.run({
      eachMessage: async ({ message }) => {
        const line = `${message.key}=${message.value} (offset ${message.offset}, headers ${JSON.stringify(Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v)])))})`;
        console.log(`  read ${line}`);
        seen.push(String(message.value));
        if (String(message.value) === 'done') { clearTimeout(timer); resolve(); }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
  if (seen.includes('aborted')) throw new Error('demo: an aborted record was delivered read_committed');
  console.log(`demo ok: ${seen.length} committed records read back, the aborted one hidden`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
  await stopBroker();
}
process.exit(exitCode);
