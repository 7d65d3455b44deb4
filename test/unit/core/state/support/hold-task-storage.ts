// Run as a child process by the task storage tests: opens task 0_0 of application 'app' under the
// state directory given as argument, writes keys k000..k099 to store 's' and commits them with
// changelog offset 99, writes k100..k199 without committing, prints "ready" and waits to be killed.
import { Serdes } from '../../../../../src/core/serde/serdes';
import { Stores } from '../../../../../src/core/state/stores';
import { TaskId } from '../../../../../src/core/processor/task-id';
import { TaskStorage } from '../../../../../src/core/state/task-storage';
import { FakeStateStoreContext } from './fake-state-store-context';

async function main(): Promise<void> {
  const stateDir = process.argv[2];
  const storage = new TaskStorage({ stateDir, applicationId: 'app', taskId: new TaskId(0, 0), pendingWritesMaxBytes: 1 << 30 });
  const store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore('s'), Serdes.String(), Serdes.String()).build();
  await store.init(new FakeStateStoreContext({ taskStorage: storage }), store);
  const key = (i: number) => `k${String(i).padStart(3, '0')}`;
  for (let i = 0; i < 100; i++) store.put(key(i), `committed-${i}`);
  await storage.commit([{ topic: 'app-s-changelog', partition: 0, offset: 99 }]);
  for (let i = 100; i < 200; i++) store.put(key(i), `pending-${i}`);
  store.put(key(0), 'pending-overwrite');
  process.stdout.write('ready\n');
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
