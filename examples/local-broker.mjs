// Makes sure a Kafka broker answers for the examples: uses the one at KSTREAMS_BOOTSTRAP
// (default 127.0.0.1:9092), or starts the project's local broker and returns a function that
// stops it again.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const bootstrap = (process.env.KSTREAMS_BOOTSTRAP ?? '127.0.0.1:9092').split(',');

async function answers() {
  const { Kafka, logLevel } = require('kafkajs');
  const admin = new Kafka({ clientId: 'kstreams-demo-probe', brokers: bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1000 }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Resolves to a function that stops the broker if this call started it (a no-op otherwise). */
export async function ensureBroker() {
  if (await answers()) return async () => {};
  console.log(`no broker at ${bootstrap.join(',')}: starting the local one (npm run kafka:start)`);
  execFileSync('bash', ['deploy/local-kafka/start.sh'], { cwd: repoRoot, stdio: 'inherit' });
  return async () => execFileSync('bash', ['deploy/local-kafka/stop.sh'], { cwd: repoRoot, stdio: 'inherit' });
}
