// A kstreams application in its own process, for integration tests where processes matter. It runs
// the compiled package (dist/) on the topology module and config given as JSON in argv[2], prints
// one JSON line per event on stdout (state changes, restored changelog partitions, errors) and
// closes gracefully on SIGTERM.
const { KafkaStreams, QueryableStoreTypes } = require('../../../dist/index.js');

const { topologyModule, config, env } = JSON.parse(process.argv[2]);
Object.assign(process.env, env ?? {});
const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
// debug lines (rebalances, tasks opened/closed/restored, seeks, pauses, commits) are kept as events: a failing test prints them
const quiet = {
  info: () => undefined,
  warn: (m) => emit({ event: 'warn', message: m }),
  error: (m) => emit({ event: 'log-error', message: m }),
  debug: (m) => emit({ event: 'debug', at: Date.now(), message: m }),
};

const streams = new KafkaStreams(topologyModule, config, { logger: quiet });
const standbyTasks = () => {
  try {
    return streams.metadataForLocalThreads().flatMap((t) => t.standbyTasks.map((task) => task.taskId)).sort();
  } catch {
    return []; // not running
  }
};
streams.onStateChange((state, old) => {
  emit({ event: 'state', state, old, tasks: streams.activeTasks(), standbys: standbyTasks() });
  if (state === 'ERROR') emit({ event: 'error', message: streams.error()?.message, name: streams.error()?.name });
});
streams.setGlobalStateRestoreListener({
  onRestoreEnd: (tp, store, restored) => emit({ event: 'restored', topic: tp.topic, partition: tp.partition, store, restored }),
});
process.once('SIGTERM', async () => {
  const closed = await streams.close({ timeoutMs: 20000 });
  emit({ event: 'closed', closed, state: streams.state() });
  process.exit(0);
});
// Store queries from the test (StreamsProcess#queryStore): one JSON line {id, store, stale?} on stdin is
// answered with every entry of this process's local stores of that name, or why it failed.
let queries = '';
process.stdin.on('data', (chunk) => {
  queries += chunk.toString();
  const lines = queries.split('\n');
  queries = lines.pop();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const request = JSON.parse(line);
    void (request.op === 'lags' ? answerLags(request) : answerQuery(request));
  }
});
process.stdin.unref?.();
// {id, op: 'lags'}: KafkaStreams#allLocalStorePartitionLags() and the standby tasks, as of now
async function answerLags({ id }) {
  try {
    const lags = await streams.allLocalStorePartitionLags();
    emit({ event: 'lags', id, standbys: standbyTasks(), lags: [...lags].map(([store, byPartition]) => [store, [...byPartition]]) });
  } catch (error) {
    emit({ event: 'lags-failed', id, message: error.message, name: error.name });
  }
}
async function answerQuery({ id, store, stale }) {
  try {
    if (typeof streams.store !== 'function' || QueryableStoreTypes === undefined) throw Object.assign(new Error('this build has no KafkaStreams#store()'), { name: 'Unsupported' });
    const entries = [];
    for await (const { key, value } of streams.store({ storeName: store, queryableStoreType: QueryableStoreTypes.keyValueStore(), enableStaleStores: stale === true }).all()) entries.push([key, value]);
    emit({ event: 'store-entries', id, entries });
  } catch (error) {
    emit({ event: 'store-failed', id, message: error.message, name: error.name });
  }
}
streams.start().then(
  () => emit({ event: 'started', tasks: streams.activeTasks() }),
  (error) => emit({ event: 'start-failed', message: error.message, name: error.name }),
);
