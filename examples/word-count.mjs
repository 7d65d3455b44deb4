// Word count: counts the words of the lines in text-input, writes the counts to word-counts.
// Run: npm run build && node examples/word-count.mjs (the topics must exist). Stops gracefully on
// SIGTERM or SIGINT: the tasks are committed and handed to the other instances of the application.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaStreams } from 'kstreams';

const streams = new KafkaStreams(new URL('./topologies/word-count.mjs', import.meta.url), {
  'application.id': process.env.APPLICATION_ID ?? 'word-count',
  'bootstrap.servers': process.env.KSTREAMS_BOOTSTRAP ?? '127.0.0.1:9092',
  'num.stream.threads': Number(process.env.NUM_STREAM_THREADS ?? 2),
  'state.dir': process.env.STATE_DIR ?? join(tmpdir(), 'kstreams-examples'),
  'commit.interval.ms': Number(process.env.COMMIT_INTERVAL_MS ?? 1000),
});

streams.onStateChange((state, old) => {
  console.log(`state: ${old} -> ${state}`);
  if (state === 'ERROR') process.exitCode = 1;
});
let closing = false;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    await streams.close({ timeoutMs: 30_000 });
    process.exit(streams.state() === 'NOT_RUNNING' ? 0 : 1);
  });
}

try {
  await streams.start();
  console.log('running; stop with Ctrl-C');
} catch (error) {
  console.error(`failed to start: ${error.message}`);
  await streams.close();
  process.exit(1);
}
