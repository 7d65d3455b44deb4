// Waits until the started broker(s) answer a metadata request, or one of them exits.
// Exit code 0 when ready, 1 otherwise. Uses kafkajs from the project's node_modules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Kafka, logLevel } = require('kafkajs');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const brokers = args.bootstrap.split(',');
const expectedBrokers = Number(args.brokers ?? 1);
const deadline = Date.now() + Number(args['timeout-ms'] ?? 120000);
const pids = readFileSync(args.pids, 'utf8').split('\n').filter(Boolean).map(Number);

const isAlive = (pid) => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

const admin = new Kafka({ clientId: 'kstreams-wait-ready', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1000, requestTimeout: 3000 }).admin();
let lastError = 'no attempt yet';
while (Date.now() < deadline) {
  const dead = pids.filter((pid) => !isAlive(pid));
  if (dead.length > 0) {
    console.error(`broker process ${dead.join(', ')} exited during start-up`);
    process.exit(1);
  }
  try {
    await admin.connect();
    const { brokers: registered } = await admin.describeCluster();
    if (registered.length >= expectedBrokers) {
      await admin.disconnect();
      process.exit(0);
    }
    lastError = `${registered.length} of ${expectedBrokers} brokers registered`;
  } catch (error) {
    lastError = error.message;
    await admin.disconnect().catch(() => {});
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
console.error(`kafka did not answer a metadata request in time: ${lastError}`);
process.exit(1);
