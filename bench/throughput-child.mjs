// One consume → process → produce process of bench/throughput.ts, started by it as a child process
// (so that it can be profiled with --cpu-prof and stopped gracefully). argv[2] is a JSON job:
//   { mode: 'baseline', bootstrap, input, output, groupId }          raw kafkajs eachBatch → send
//   { mode: 'streams', bootstrap, input, output, applicationId, topology, threads, commitIntervalMs, stateDir, env }
// It reports to the parent over IPC: { type: 'running', atMs } once it consumes (kafkajs: group
// joined; KafkaStreams: state RUNNING), { type: 'state', state, atMs }, { type: 'closed', atMs }.
// The parent sends 'close': the child closes gracefully (leaves the group) and exits.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const job = JSON.parse(process.argv[2]);
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

/**
 * THROUGHPUT_TRACE=1: times kstreams's main-thread steps (fetched batches, task batches on the
 * workers, produce requests, commits) by wrapping its compiled classes, and prints the totals when
 * the process closes. For finding where a scenario's time goes; changes nothing it measures.
 */
function traceKstreams() {
  const require = createRequire(import.meta.url);
  const dist = (file) => require(new URL(`../dist/${file}`, import.meta.url).pathname);
  const { TaskManager } = dist('coordination/task-manager.js');
  const { RecordProducer } = dist('coordination/producer/record-producer.js');
  const totals = new Map();
  const add = (what, ms, records = 0) => {
    const t = totals.get(what) ?? { calls: 0, ms: 0, records: 0, maxMs: 0 };
    t.calls++;
    t.ms += ms;
    t.records += records;
    t.maxMs = Math.max(t.maxMs, ms);
    totals.set(what, t);
  };
  const timed = (what, fn, count = () => 0) =>
    async function (...args) {
      const started = performance.now();
      try {
        return await fn.apply(this, args);
      } finally {
        add(what, performance.now() - started, count(...args));
      }
    };
  const { commitAll, records, start } = TaskManager.prototype;
  TaskManager.prototype.records = function (batch) {
    add('fetched batches', 0, batch.records.length);
    return records.call(this, batch);
  };
  TaskManager.prototype.start = function (...args) {
    const runner = this.options.runner;
    for (const method of ['process', 'flush', 'commit']) {
      const original = runner[method].bind(runner);
      runner[method] = timed(`runner.${method}`, original, (_id, recs) => (Array.isArray(recs) ? recs.length : 0));
    }
    return start.apply(this, args);
  };
  // the steps of one task's commit (commit/commit-sequence.ts), and how long it waited in the task's queue
  const commitSequence = dist('coordination/commit/commit-sequence.js');
  const { commitTask } = commitSequence;
  let commitAllStarted = 0;
  TaskManager.prototype.commitAll = timed('commitAll (all tasks)', function (...args) {
    commitAllStarted = performance.now();
    return commitAll.apply(this, args);
  });
  commitSequence.commitTask = async (task, io) => {
    let at = performance.now();
    add('commit: queued behind the task', at - commitAllStarted);
    const step = (what) => {
      const now = performance.now();
      add(what, now - at);
      at = now;
    };
    return commitTask(
      {
        ...task,
        flush: async () => {
          const flushed = await task.flush();
          step('commit: 1 flush (worker)');
          return flushed;
        },
        consumedOffsets: () => {
          step('commit: 2 awaiting the acks of its sends');
          return task.consumedOffsets();
        },
        writeCheckpoint: async (offsets) => {
          step('commit: 3 offset commit');
          await task.writeCheckpoint(offsets);
          step('commit: 4 checkpoint + LevelDB batch (worker)');
        },
      },
      io,
    );
  };
  RecordProducer.prototype.sendBatch = timed('produce requests', RecordProducer.prototype.sendBatch, (slices) => slices.reduce((n, s) => n + s.to - s.from, 0));
  return () => {
    for (const [what, t] of totals) console.error(`trace ${job.applicationId.replace(/^.*-(\w+-?\w*)-app$/, '$1')}: ${what}: ${t.calls} calls, ${t.records} records, ${(t.ms / 1000).toFixed(2)} s in all (overlapping), max ${t.maxMs.toFixed(0)} ms`);
  };
}

async function streams() {
  Object.assign(process.env, job.env); // before the pool starts: worker threads copy the environment
  const { KafkaStreams } = await import('kstreams');
  const printTrace = process.env.THROUGHPUT_TRACE ? traceKstreams() : () => undefined;
  const quiet = { info: () => undefined, warn: (m) => console.warn(`kstreams: ${m}`), error: (m) => console.error(`kstreams: ${m}`) };
  // THROUGHPUT_DEBUG_LOG=FILE: kstreams's debug lines (pauses, resumes, commits, rebalances), with a ms
  // timestamp, into FILE.<application id> (for tracing where a scenario waits)
  if (process.env.THROUGHPUT_DEBUG_LOG) {
    const { createWriteStream } = await import('node:fs');
    const out = createWriteStream(`${process.env.THROUGHPUT_DEBUG_LOG}.${job.applicationId}`);
    quiet.debug = (m) => out.write(`${Date.now()} ${m}\n`);
  }
  const app = new KafkaStreams(job.topology, {
    'application.id': job.applicationId,
    'bootstrap.servers': job.bootstrap,
    'num.stream.threads': job.threads,
    'commit.interval.ms': job.commitIntervalMs,
    'state.dir': job.stateDir,
    'processing.guarantee': 'at_least_once',
    // THROUGHPUT_CONFIG='{"main.consumer.max.partition.fetch.bytes": 131072}': extra settings, for experiments
    ...JSON.parse(process.env.THROUGHPUT_CONFIG ?? '{}'),
  }, { logger: quiet });
  app.onStateChange((state) => {
    send({ type: 'state', state });
    if (state === 'RUNNING') send({ type: 'running' });
  });
  await app.start();
  return async () => {
    await app.close({ timeoutMs: 60_000 });
    printTrace();
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
