// One consume → process → produce process of bench/throughput.ts, started by it as a child process
// (so that it can be profiled with --cpu-prof and stopped gracefully). argv[2] is a JSON job:
//   { mode: 'baseline', bootstrap, input, output, groupId }          raw kafkajs eachBatch → send
//   { mode: 'streams', bootstrap, input, output, applicationId, topology, threads, commitIntervalMs, stateDir, env }
// It reports to the parent over IPC: { type: 'running', atMs } once it consumes (kafkajs: group
// joined; KafkaStreams: state RUNNING), { type: 'state', state, atMs }, { type: 'closed', atMs }.
// The parent sends 'close': the child closes gracefully (leaves the group) and exits.
import { createRequire } from 'node:module';

const job = JSON.parse(process.argv[2]);
if (job.linearGrouping) {
  // Experiment (--experiment linear-grouping): kafkajs groups a send's messages per partition with
  // `[...current, message]` per message, quadratic in the messages per partition of one request.
  // Replaced, before kafkajs's producer loads it, by the same grouping with push.
  const require = createRequire(createRequire(import.meta.url).resolve('kafkajs'));
  const file = require.resolve('./src/producer/groupMessagesPerPartition');
  require(file);
  require.cache[file].exports = ({ topic, partitionMetadata, messages, partitioner }) => {
    const result = {};
    if (partitionMetadata.length === 0) return result;
    for (const message of messages) (result[partitioner({ topic, partitionMetadata, message })] ??= []).push(message);
    return result;
  };
}
const { Kafka, logLevel } = await import('kafkajs');
const send = (message) => process.send?.({ ...message, atMs: Date.now() });

async function baseline() {
  const kafka = new Kafka({ clientId: 'bench-baseline', brokers: [job.bootstrap], logLevel: logLevel.ERROR });
  // the producer kstreams uses under at_least_once: idempotent, one request in flight
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: job.groupId, allowAutoTopicCreation: false });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [job.input], fromBeginning: true });
  consumer.on(consumer.events.GROUP_JOIN, () => send({ type: 'running' }));
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning }) => {
      if (!isRunning() || batch.messages.length === 0) return;
      await producer.send({ topic: job.output, messages: batch.messages.map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp })) });
      resolveOffset(batch.lastOffset());
      await heartbeat();
    },
  });
  return async () => {
    await consumer.disconnect();
    await producer.disconnect();
  };
}

async function streams() {
  Object.assign(process.env, job.env); // before the pool starts: worker threads copy the environment
  const { KafkaStreams } = await import('kstreams');
  const quiet = { info: () => undefined, warn: (m) => console.warn(`kstreams: ${m}`), error: (m) => console.error(`kstreams: ${m}`) };
  const app = new KafkaStreams(job.topology, {
    'application.id': job.applicationId,
    'bootstrap.servers': job.bootstrap,
    'num.stream.threads': job.threads,
    'commit.interval.ms': job.commitIntervalMs,
    'state.dir': job.stateDir,
    'processing.guarantee': 'at_least_once',
  }, { logger: quiet });
  app.onStateChange((state) => {
    send({ type: 'state', state });
    if (state === 'RUNNING') send({ type: 'running' });
  });
  await app.start();
  return async () => {
    await app.close({ timeoutMs: 60_000 });
  };
}

const close = await (job.mode === 'baseline' ? baseline() : streams());
process.on('message', async (message) => {
  if (message !== 'close') return;
  await close();
  send({ type: 'closed' });
  process.disconnect?.();
  process.exit(0);
});
