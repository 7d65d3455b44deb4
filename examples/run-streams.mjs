// What every example program does around its topology: configure KafkaStreams from the
// environment, log state changes, close gracefully on SIGTERM or SIGINT (the tasks are committed
// and handed to the other instances of the application), and exit non-zero on ERROR.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaStreams } from 'kstreams';

/** Starts the topology module at `topologyUrl` as application `defaultApplicationId` (APPLICATION_ID overrides). */
export async function runStreams(topologyUrl, defaultApplicationId) {
  const streams = new KafkaStreams(topologyUrl, {
    'application.id': process.env.APPLICATION_ID ?? defaultApplicationId,
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
  return streams;
}
