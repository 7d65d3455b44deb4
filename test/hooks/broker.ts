// Mocha root hook for integration tests: make sure a broker answers at KSTREAMS_BOOTSTRAP
// (default 127.0.0.1:9092). When none does, start the project's local broker and stop it after
// the run, so that `npm test` works on a machine where nothing is running.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { brokerAnswers, bootstrapServers } from '../integration/support/kafka';

const repoRoot = path.resolve(__dirname, '..', '..');
let startedHere = false;

export async function mochaGlobalSetup(): Promise<void> {
  const brokers = bootstrapServers();
  if (await brokerAnswers(brokers)) return;
  if (process.env.KSTREAMS_BOOTSTRAP) {
    throw new Error(`no Kafka broker answers at KSTREAMS_BOOTSTRAP=${process.env.KSTREAMS_BOOTSTRAP}; start it, or unset the variable to let the tests start a local one`);
  }
  console.log(`no broker answers at ${brokers.join(',')}: starting the local one (deploy/local-kafka)`);
  execFileSync('bash', [path.join(repoRoot, 'deploy/local-kafka/start.sh')], { stdio: 'inherit' });
  startedHere = true;
}

export async function mochaGlobalTeardown(): Promise<void> {
  if (!startedHere) return;
  execFileSync('bash', [path.join(repoRoot, 'deploy/local-kafka/stop.sh')], { stdio: 'inherit' });
}
