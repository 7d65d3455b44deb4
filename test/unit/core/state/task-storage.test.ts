import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { IllegalStateError, InvalidStateStoreError, LockError, TaskCorruptedError } from '../../../../src/errors';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { KeyValueStore } from '../../../../src/core/state/key-value-store';
import { Stores } from '../../../../src/core/state/stores';
import { LOCK_FILE_NAME } from '../../../../src/core/state/task-directory-lock';
import type { TaskStorage } from '../../../../src/core/state/task-storage';
import type { TimestampedKeyValueStore } from '../../../../src/core/state/timestamped-key-value-store';
import { ValueAndTimestamp } from '../../../../src/core/state/value-and-timestamp';
import { FakeStateStoreContext } from './support/fake-state-store-context';
import { tempTaskStorage, type TempTaskStorage } from './support/temp-task-storage';

const CHANGELOG = 'app-s-changelog';

/** Store `name` of the task (String keys and values), opened in `storage` as the task would open it. */
async function openStore(storage: TaskStorage, name = 's', options: { caching?: boolean; persistent?: boolean } = {}): Promise<KeyValueStore<string, string>> {
  const supplier = options.persistent === false ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
  const builder = Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.String());
  if (options.caching) builder.withCachingEnabled();
  const store = builder.build();
  await store.init(new FakeStateStoreContext({ taskStorage: storage, cacheMaxBytes: options.caching ? 1 << 20 : 0 }), store);
  return store;
}

async function entries(store: KeyValueStore<string, string>): Promise<Array<[string, string]>> {
  const all: Array<[string, string]> = [];
  for await (const { key, value } of store.all()) all.push([key, value]);
  return all;
}

async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Starts the child that opens task 0_0 under `stateDir`, commits 100 keys, writes 100 more, and waits. */
async function startHolder(stateDir: string): Promise<ChildProcess> {
  const script = path.join(__dirname, 'support', 'hold-task-storage.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, stateDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => output.includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited (${code}): ${output}`)));
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

describe('TaskStorage', () => {
  let temp: TempTaskStorage;

  beforeEach(async () => {
    temp = await tempTaskStorage();
  });

  afterEach(async () => {
    await temp.dispose();
  });

  describe('the task directory', () => {
    it('is not created for a task without persistent stores; commit and close do nothing', async () => {
      const store = await openStore(temp.storage, 'memory', { persistent: false });
      store.put('k', 'v');
      await temp.storage.commit([{ topic: 'app-memory-changelog', partition: 0, offset: 5 }]);
      expect(await temp.storage.close()).to.deep.equal({ unclosedIterators: 0 });
      expect(await exists(path.join(temp.stateDir, 'app'))).to.equal(false);
    });

    it('is <state.dir>/<application.id>/<task id>/, holding the LevelDB and a lock file that close() removes', async () => {
      await openStore(temp.storage);
      const directory = path.join(temp.stateDir, 'app', '0_0');
      expect(temp.storage.directory).to.equal(directory);
      const files = await fs.readdir(directory);
      expect(files).to.include.members(['CURRENT', LOCK_FILE_NAME]);
      expect(JSON.parse(await fs.readFile(path.join(directory, LOCK_FILE_NAME), 'utf8'))).to.include({ pid: process.pid, hostname: os.hostname() });
      await temp.storage.close();
      expect(await exists(path.join(directory, LOCK_FILE_NAME))).to.equal(false);
      expect(await exists(path.join(directory, 'CURRENT'))).to.equal(true);
    });
  });

  describe('pending writes and commits', () => {
    it('get sees writes at once; they reach LevelDB only with a commit', async () => {
      const store = await openStore(temp.storage);
      store.put('a', '1');
      expect(store.get('a')).to.equal('1');
      await temp.storage.close();
      expect((await openStore(temp.reopen())).get('a')).to.equal(null);
    });

    it('crash: writes after the last commit are absent on reopen, and the checkpoint matches the data', async () => {
      const store = await openStore(temp.storage);
      store.put('a', 'a1');
      store.put('b', 'b1');
      await temp.storage.commit([{ topic: CHANGELOG, partition: 0, offset: 1 }]);
      store.put('a', 'a2');
      store.delete('b');
      store.put('c', 'c1');
      expect(await entries(store)).to.deep.equal([
        ['a', 'a2'],
        ['c', 'c1'],
      ]);
      // The process dies: nothing after the commit is written.
      await temp.storage.close();

      const restarted = temp.reopen();
      const reopened = await openStore(restarted);
      expect(await entries(reopened)).to.deep.equal([
        ['a', 'a1'],
        ['b', 'b1'],
      ]);
      expect(restarted.checkpoint()).to.deep.equal([{ topic: CHANGELOG, partition: 0, offset: 1 }]);
      expect(restarted.changelogs()).to.deep.equal([{ store: 's', topic: CHANGELOG, partition: 0, persistent: true, checkpointOffset: 1 }]);
    });

    it('crash of a real process (kill -9): its lock is taken over, its uncommitted writes are absent, its checkpoint matches', async function () {
      this.timeout(60_000);
      const holder = await startHolder(temp.stateDir);
      try {
        const locked = await failure(() => openStore(temp.storage));
        expect(locked).to.be.instanceOf(LockError);
        expect((locked as LockError).message).to.contain(path.join(temp.stateDir, 'app', '0_0')).and.contain(`process ${holder.pid}`);
        expect((locked as LockError).context).to.include({ taskId: '0_0', pid: holder.pid });
      } finally {
        await kill(holder);
      }

      const restarted = temp.reopen();
      const store = await openStore(restarted);
      const all = await entries(store);
      expect(all).to.have.length(100);
      expect(all[0]).to.deep.equal(['k000', 'committed-0']);
      expect(all[99]).to.deep.equal(['k099', 'committed-99']);
      expect(store.get('k100')).to.equal(null);
      expect(restarted.checkpoint()).to.deep.equal([{ topic: CHANGELOG, partition: 0, offset: 99 }]);
    });

    it('one commit writes every store of the task with the checkpoint; only persistent stores are checkpointed', async () => {
      const first = await openStore(temp.storage, 'first');
      const second = await openStore(temp.storage, 'second');
      const memory = await openStore(temp.storage, 'memory', { persistent: false });
      first.put('k', 'first');
      second.put('k', 'second');
      memory.put('k', 'memory');
      await temp.storage.commit([
        { topic: 'app-first-changelog', partition: 0, offset: 10 },
        { topic: 'app-second-changelog', partition: 0, offset: 20 },
        { topic: 'app-memory-changelog', partition: 0, offset: 30 },
        { topic: 'output', partition: 0, offset: 40 },
      ]);
      expect(temp.storage.checkpoint()).to.deep.equal([
        { topic: 'app-first-changelog', partition: 0, offset: 10 },
        { topic: 'app-second-changelog', partition: 0, offset: 20 },
      ]);
      expect(temp.storage.changelogs().find((c) => c.store === 'memory')).to.deep.equal({
        store: 'memory',
        topic: 'app-memory-changelog',
        partition: 0,
        persistent: false,
        checkpointOffset: null,
      });
      // A later commit that moves one changelog keeps the other's offset.
      await temp.storage.commit([{ topic: 'app-first-changelog', partition: 0, offset: 11 }]);
      await temp.storage.close();

      const restarted = temp.reopen();
      expect((await openStore(restarted, 'first')).get('k')).to.equal('first');
      expect((await openStore(restarted, 'second')).get('k')).to.equal('second');
      expect(restarted.checkpoint()).to.deep.equal([
        { topic: 'app-first-changelog', partition: 0, offset: 11 },
        { topic: 'app-second-changelog', partition: 0, offset: 20 },
      ]);
    });

    it('keeps stores apart, even when one name starts with another', async () => {
      const a = await openStore(temp.storage, 'a');
      const ab = await openStore(temp.storage, 'ab');
      a.put('b', 'in a');
      ab.put('', 'in ab');
      ab.put('b', 'in ab too');
      await temp.storage.commit();
      a.put('c', 'pending in a');
      expect(await entries(a)).to.deep.equal([
        ['b', 'in a'],
        ['c', 'pending in a'],
      ]);
      expect(await entries(ab)).to.deep.equal([
        ['', 'in ab'],
        ['b', 'in ab too'],
      ]);
      expect(ab.get('c')).to.equal(null);
      expect([a.approximateNumEntries(), ab.approximateNumEntries()]).to.deep.equal([2, 2]);
    });

    it('asks for a commit once when the pending writes reach statestore.pending.writes.max.bytes', async () => {
      await temp.dispose();
      temp = await tempTaskStorage({ pendingWritesMaxBytes: 5000 });
      let requests = 0;
      temp.storage.onCommitNeeded(() => requests++);
      const store = await openStore(temp.storage);
      for (let i = 0; i < 10; i++) store.put(`key-${i}`, 'x'.repeat(100));
      expect(temp.storage.pendingWritesBytes()).to.be.greaterThan(1000).and.lessThan(5000);
      expect([requests, temp.storage.commitNeeded()]).to.deep.equal([0, false]);
      for (let i = 10; i < 30; i++) store.put(`key-${i}`, 'x'.repeat(100));
      expect([requests, temp.storage.commitNeeded()]).to.deep.equal([1, true]);
      await temp.storage.commit();
      expect([temp.storage.pendingWritesBytes(), temp.storage.commitNeeded()]).to.deep.equal([0, false]);
      for (let i = 0; i < 30; i++) store.put(`key-${i}`, 'y'.repeat(100));
      expect(requests).to.equal(2);
    });

    it('refuses writes while a commit is being written', async () => {
      const store = await openStore(temp.storage);
      store.put('a', '1');
      const commit = temp.storage.commit();
      expect(() => store.put('b', '2')).to.throw(IllegalStateError, /while the task's commit or restore was being written/);
      expect(store.get('a')).to.equal('1'); // reads go on
      await commit;
      store.put('b', '2');
    });

    it('discardPendingWrites drops what was written since the commit', async () => {
      const store = await openStore(temp.storage);
      store.put('a', '1');
      await temp.storage.commit();
      store.put('a', '2');
      store.put('b', '2');
      temp.storage.discardPendingWrites();
      expect(await entries(store)).to.deep.equal([['a', '1']]);
    });

    it('counts entries exactly across commits, blind overwrites and deletes', async () => {
      const store = await openStore(temp.storage, 's', { caching: true });
      for (let i = 0; i < 50; i++) store.put(`k${i}`, 'v');
      await store.flush();
      await temp.storage.commit();
      expect(store.approximateNumEntries()).to.equal(50);
      // The caching layer writes these down blind at the flush: the commit looks up whether they existed.
      for (let i = 25; i < 75; i++) store.put(`k${i}`, 'w');
      for (let i = 0; i < 10; i++) store.delete(`k${i}`);
      await store.flush();
      expect(store.approximateNumEntries()).to.equal(65);
      await temp.storage.commit();
      expect(store.approximateNumEntries()).to.equal(65);
      await temp.storage.close();
      expect((await openStore(temp.reopen())).approximateNumEntries()).to.equal(65);
    });
    it('a commit of many blind writes makes the count an estimate, which a background recount makes exact', async () => {
      const store = await openStore(temp.storage, 's', { caching: true });
      for (let i = 0; i < 1500; i++) store.put(`k${i}`, 'v');
      await store.flush(); // 1500 writes whose keys nobody looked up: more than a commit looks up
      await temp.storage.commit();
      for (let waitedMs = 0; store.approximateNumEntries() !== 1500 && waitedMs < 5000; waitedMs += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(store.approximateNumEntries()).to.equal(1500);
      await temp.storage.commit(); // the exact count is written again
      await temp.storage.close();
      expect((await openStore(temp.reopen())).approximateNumEntries()).to.equal(1500);
    });
  });

  describe('scans', () => {
    it('merge pending writes with committed entries, and survive a commit while open', async () => {
      const store = await openStore(temp.storage);
      for (const key of ['a', 'c', 'e', 'g']) store.put(key, 'committed');
      await temp.storage.commit();
      store.put('b', 'pending');
      store.put('c', 'overwritten');
      store.delete('e');
      const scan = store.all();
      expect((await scan.next()).value).to.deep.equal({ key: 'a', value: 'committed' });
      await temp.storage.commit();
      store.put('z', 'after the commit');
      const rest: string[] = [];
      for await (const { key, value } of scan) rest.push(`${key}=${value}`);
      expect(rest).to.deep.equal(['b=pending', 'c=overwritten', 'g=committed']);
      expect(await entries(store)).to.deep.equal([
        ['a', 'committed'],
        ['b', 'pending'],
        ['c', 'overwritten'],
        ['g', 'committed'],
        ['z', 'after the commit'],
      ]);
    });

    it('closing the storage closes the scans still open, and says how many', async () => {
      const store = await openStore(temp.storage);
      store.put('a', '1');
      store.put('b', '2');
      await temp.storage.commit();
      const forgotten = store.all();
      await forgotten.next();
      const alsoForgotten = store.range('a', 'b');
      expect(await temp.storage.close()).to.deep.equal({ unclosedIterators: 2 });
      expect(await failure(() => forgotten.next())).to.be.instanceOf(InvalidStateStoreError);
      expect(await failure(() => alsoForgotten.next())).to.be.instanceOf(InvalidStateStoreError);
      expect(() => store.get('a')).to.throw(InvalidStateStoreError);
    });
  });

  describe('restore', () => {
    it('writes 100 000 records in large batches, advancing the checkpoint, then reads them', async function () {
      this.timeout(60_000);
      const store = await openStore(temp.storage, 's', { caching: true });
      const count = 100_000;
      const batchSize = 10_000;
      const key = (i: number) => Buffer.from(`key-${String(i).padStart(6, '0')}`);
      const started = performance.now();
      for (let from = 0; from < count; from += batchSize) {
        const records = [];
        for (let i = from; i < from + batchSize; i++) records.push({ key: key(i), value: Buffer.from(`value-${i}`), timestamp: i, offset: i });
        await temp.storage.restore('s', records);
      }
      const elapsedMs = performance.now() - started;
      expect(temp.storage.checkpoint()).to.deep.equal([{ topic: CHANGELOG, partition: 0, offset: count - 1 }]);
      expect(store.get('key-000000')).to.equal('value-0');
      expect(store.get('key-054321')).to.equal('value-54321');
      expect(store.get('key-100000')).to.equal(null);
      let scanned = 0;
      for await (const { key: k, value } of store.range('key-099990', null)) {
        expect(value).to.equal(`value-${Number(k.slice(4))}`);
        scanned++;
      }
      expect(scanned).to.equal(10);
      expect((await entries(store)).length).to.equal(count);
      expect(store.approximateNumEntries()).to.equal(count);
      expect(elapsedMs).to.be.lessThan(20_000); // ~0.3 s on the 2-core dev machine
    });

    it('counts blindly written keys again after a recount, and keeps the checkpoint across a restart', async () => {
      const store = await openStore(temp.storage);
      await temp.storage.restore('s', [
        { key: Buffer.from('a'), value: Buffer.from('1'), timestamp: 1, offset: 7 },
        { key: Buffer.from('a'), value: Buffer.from('2'), timestamp: 2, offset: 8 },
        { key: Buffer.from('b'), value: Buffer.from('3'), timestamp: 3, offset: 9 },
      ]);
      expect(store.get('a')).to.equal('2');
      // Written blind: 'a' counts twice until the recount the request started.
      expect(store.approximateNumEntries()).to.equal(3);
      for (let waitedMs = 0; store.approximateNumEntries() !== 2 && waitedMs < 5000; waitedMs += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(store.approximateNumEntries()).to.equal(2);
      await temp.storage.restore('s', [{ key: Buffer.from('a'), value: null, timestamp: 4, offset: 10 }]);
      expect(store.get('a')).to.equal(null);
      expect(temp.storage.checkpoint()).to.deep.equal([{ topic: CHANGELOG, partition: 0, offset: 10 }]);
      await temp.storage.close();
      const restarted = temp.reopen();
      expect((await openStore(restarted)).get('b')).to.equal('3');
      expect(restarted.checkpoint()).to.deep.equal([{ topic: CHANGELOG, partition: 0, offset: 10 }]);
    });

    it('a store reopened without an exact count recounts it, and the next commit writes it again', async () => {
      await openStore(temp.storage);
      const records = Array.from({ length: 20 }, (_, i) => ({ key: Buffer.from(`k${i % 10}`), value: Buffer.from('v'), timestamp: i, offset: i }));
      await temp.storage.restore('s', records);
      await temp.storage.close(); // the restore dropped the stored count: 20 blind writes, 10 keys

      const restarted = temp.reopen();
      const store = await openStore(restarted);
      for (let waitedMs = 0; store.approximateNumEntries() !== 10 && waitedMs < 5000; waitedMs += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(store.approximateNumEntries()).to.equal(10);
      store.put('k10', 'v');
      await restarted.commit();
      await restarted.close();
      expect((await openStore(temp.reopen())).approximateNumEntries()).to.equal(11);
    });

    it('converts plain changelog values into timestamp and value for a timestamped store', async () => {
      const builder = Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore('s'), Serdes.String(), Serdes.String());
      const store: TimestampedKeyValueStore<string, string> = builder.build();
      await store.init(new FakeStateStoreContext({ taskStorage: temp.storage }), store);
      await temp.storage.restore('s', [{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: 42, offset: 0 }]);
      expect(store.get('k')).to.deep.equal(ValueAndTimestamp.make('v', 42));
    });

    it('refuses a store with uncommitted writes, and a store the task does not have', async () => {
      const store = await openStore(temp.storage);
      store.put('a', '1');
      const record = { key: Buffer.from('b'), value: Buffer.from('2'), timestamp: 0, offset: 0 };
      expect(await failure(() => temp.storage.restore('s', [record]))).to.be.instanceOf(IllegalStateError);
      await temp.storage.commit();
      await temp.storage.restore('s', [record]);
      expect(store.get('b')).to.equal('2');
      expect(await failure(() => temp.storage.restore('other', [record]))).to.be.instanceOf(IllegalStateError);
    });
  });

  describe('locking', () => {
    it('a stale lock, left by a process that is gone, is taken over', async () => {
      const gone = spawn(process.execPath, ['-e', '0']);
      await once(gone, 'exit');
      const directory = path.join(temp.stateDir, 'app', '0_0');
      await fs.mkdir(directory, { recursive: true });
      await fs.writeFile(path.join(directory, LOCK_FILE_NAME), JSON.stringify({ pid: gone.pid, hostname: os.hostname(), threadId: 0 }));
      const store = await openStore(temp.storage);
      store.put('a', '1');
      expect(JSON.parse(await fs.readFile(path.join(directory, LOCK_FILE_NAME), 'utf8'))).to.include({ pid: process.pid });
    });

    it('a lock held by another live process fails with LockError naming the directory and the pid', async () => {
      const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
      try {
        const directory = path.join(temp.stateDir, 'app', '0_0');
        await fs.mkdir(directory, { recursive: true });
        await fs.writeFile(path.join(directory, LOCK_FILE_NAME), JSON.stringify({ pid: other.pid, hostname: os.hostname(), threadId: 0 }));
        const locked = await failure(() => temp.storage.open());
        expect(locked).to.be.instanceOf(LockError);
        expect((locked as LockError).message).to.contain(directory).and.contain(`locked by process ${other.pid}`);
        expect((locked as LockError).context).to.include({ taskId: '0_0', path: directory, pid: other.pid });
      } finally {
        await kill(other);
      }
    });

    it('a task directory already open in this thread cannot be opened again until closed', async () => {
      await temp.storage.open();
      const second = temp.reopen();
      expect(await failure(() => second.open())).to.be.instanceOf(LockError);
      await temp.storage.close();
      await temp.reopen().open();
    });
  });

  describe('corruption', () => {
    it('a LevelDB that cannot be opened raises TaskCorruptedError with the path; wipe() starts the task afresh', async () => {
      const store = await openStore(temp.storage);
      store.put('a', '1');
      await temp.storage.commit([{ topic: CHANGELOG, partition: 0, offset: 3 }]);
      await temp.storage.close();
      await fs.writeFile(path.join(temp.storage.directory, 'CURRENT'), 'MANIFEST-999999\n');

      const corrupted = temp.reopen();
      const error = await failure(() => openStore(corrupted));
      expect(error).to.be.instanceOf(TaskCorruptedError);
      expect((error as TaskCorruptedError).message).to.contain(corrupted.directory);
      expect((error as TaskCorruptedError).context).to.include({ taskId: '0_0', path: corrupted.directory });
      expect((error as TaskCorruptedError).fatal).to.equal(false);

      await corrupted.wipe();
      expect(await exists(corrupted.directory)).to.equal(false);
      const fresh = temp.reopen();
      const reopened = await openStore(fresh);
      expect(reopened.get('a')).to.equal(null);
      expect(fresh.checkpoint()).to.deep.equal([]);
    });

    it('a read of a damaged table raises TaskCorruptedError with the path', async () => {
      const store = await openStore(temp.storage);
      const keys = Array.from({ length: 5000 }, (_, i) => `key-${String(i).padStart(4, '0')}`);
      for (const key of keys) store.put(key, 'v'.repeat(100));
      await temp.storage.commit();
      await temp.storage.close();
      // Opening turns the write-ahead log into a table file.
      const compacting = temp.reopen();
      await compacting.open();
      await compacting.close();
      const [table] = (await fs.readdir(temp.storage.directory)).filter((file) => file.endsWith('.ldb'));
      const file = await fs.open(path.join(temp.storage.directory, table), 'r+');
      const { size } = await file.stat();
      // The middle of the table: data blocks, away from the task's own keys (which sort first).
      await file.write(Buffer.alloc(4000, 0xab), 0, 4000, Math.floor(size / 2));
      await file.close();

      const damaged = await openStore(temp.reopen());
      let error: unknown;
      for (const key of keys) {
        try {
          damaged.get(key);
        } catch (err) {
          error = err;
          break;
        }
      }
      expect(error).to.be.instanceOf(TaskCorruptedError);
      expect((error as TaskCorruptedError).message).to.contain(temp.storage.directory);
      expect((error as TaskCorruptedError).context).to.include({ taskId: '0_0', path: temp.storage.directory, store: 's' });
    });
  });
});
