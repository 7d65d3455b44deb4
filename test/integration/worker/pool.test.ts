// The pool with real worker threads running the compiled package (dist/, built by `pretest`): the
// main-thread side from src, the worker entry and the topology module from dist.
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { threadId as mainThreadId } from 'node:worker_threads';
import { StreamsConfig } from '../../../src/config';
import { ConfigError, StreamsError, TaskCorruptedError, TopologyError } from '../../../src/errors';
import { Serdes } from '../../../src/core/serde/serdes';
import { WorkerPool } from '../../../src/worker/pool';
import type { ConsumedBatchRecord, TaskCorruptedEvent } from '../../../src/worker/task-executor';

const repoRoot = resolve(__dirname, '..', '..', '..');
const workerFile = join(repoRoot, 'dist', 'worker', 'thread', 'worker-entry.js');
const topologyModule = join(__dirname, 'fixtures', 'thread-topology.js');
const countModule = join(__dirname, 'fixtures', 'count-topology.js');

interface Output {
  readonly value: string;
  readonly threadId: number;
  readonly start: number;
  readonly end: number;
}

function records(partition: number, values: string[], firstOffset = 0): ConsumedBatchRecord[] {
  return values.map((value, i) => ({ topic: 'in', partition, offset: firstOffset + i, timestamp: 1000 + i, key: Buffer.from(`k${i}`), value: Buffer.from(value), headers: [] }));
}

function outputsOf(result: { outputs: readonly { value: Buffer | null }[] }): Output[] {
  return result.outputs.map((r) => JSON.parse(r.value!.toString()) as Output);
}

/** The fingerprint the compiled package builds for the module, as KafkaStreams will compute it. */
async function distFingerprint(): Promise<string> {
  const { loadTopologyModule } = require(join(repoRoot, 'dist', 'worker', 'topology-module.js')) as typeof import('../../../src/worker/topology-module');
  const { internalTopologyBuilder } = require(join(repoRoot, 'dist', 'core', 'topology', 'topology.js')) as typeof import('../../../src/core/topology/topology');
  const module = await loadTopologyModule(topologyModule);
  return internalTopologyBuilder(module.definition.build()).build().fingerprint;
}

describe('WorkerPool (real threads, compiled package)', function () {
  this.timeout(30_000);
  let stateDir: string;
  let pool: WorkerPool | undefined;

  before(function () {
    if (!existsSync(workerFile)) throw new Error(`${workerFile} is missing: run npm run build first`);
  });
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'kstreams-pool-'))));
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
    rmSync(stateDir, { recursive: true, force: true });
  });

  function config(extra: { [key: string]: unknown } = {}): StreamsConfig {
    return new StreamsConfig({ 'application.id': 'pool-test', 'bootstrap.servers': 'localhost:9092', 'state.dir': stateDir, 'num.stream.threads': 2, ...extra });
  }

  it('starts num.stream.threads threads that each loaded the topology module', async () => {
    pool = await WorkerPool.start({ topologyModule, config: config(), workerFile, expectedFingerprint: await distFingerprint() });
    const threads = pool.threadIds();
    expect(threads).to.have.lengthOf(2);
    expect(threads).to.not.include(mainThreadId);
  });

  it('keeps every task on the thread that owns it, spread over the threads by count', async () => {
    pool = await WorkerPool.start({ topologyModule, config: config(), workerFile });
    const outcomes = await pool.assign([0, 1, 2, 3].map((p) => ({ taskId: `0_${p}` })));
    expect(outcomes.every((o) => o.ok && o.status.state === 'running')).to.equal(true);
    const byThread = pool.tasksByThread();
    expect([...byThread.values()].map((tasks) => tasks.length)).to.deep.equal([2, 2]);

    for (let round = 0; round < 5; round++) {
      const results = await Promise.all([0, 1, 2, 3].map((p) => pool!.process(`0_${p}`, records(p, [`r${round}a`, `r${round}b`], round * 2))));
      for (const [p, result] of results.entries()) {
        const owner = pool.threadOf(`0_${p}`);
        expect(result.threadId).to.equal(owner);
        expect(outputsOf(result).map((o) => o.threadId)).to.deep.equal([owner, owner]);
        expect(outputsOf(result).map((o) => o.value)).to.deep.equal([`r${round}a`, `r${round}b`]);
        expect(result.consumedOffsets).to.deep.equal([{ topic: 'in', partition: p, offset: round * 2 + 2 }]);
      }
    }
  });

  it('processes tasks of two threads in parallel', async () => {
    pool = await WorkerPool.start({ topologyModule, config: config(), workerFile });
    await pool.assign([{ taskId: '0_0' }, { taskId: '0_1' }]);
    expect(pool.threadOf('0_0')).to.not.equal(pool.threadOf('0_1'));
    // each batch keeps its thread busy (synchronously) for 300 ms: if the threads took turns, one
    // batch would start after the other ended
    const [a, b] = await Promise.all([pool.process('0_0', records(0, ['spin:300'])), pool.process('0_1', records(1, ['spin:300']))]);
    const [ra] = outputsOf(a);
    const [rb] = outputsOf(b);
    expect(ra.threadId).to.not.equal(rb.threadId);
    expect(rb.start).to.be.lessThan(ra.end);
    expect(ra.start).to.be.lessThan(rb.end);
  });

  it('transfers record batches rather than copying them', async () => {
    pool = await WorkerPool.start({ topologyModule, config: config(), workerFile });
    await pool.assign([{ taskId: '0_0' }]);
    // watch what the pool hands Piscina
    const piscina = (pool as unknown as { piscina: { run: (task: unknown, options: { transferList?: ArrayBuffer[] }) => Promise<unknown> } }).piscina;
    const run = piscina.run.bind(piscina);
    const transferred: ArrayBuffer[] = [];
    piscina.run = (task, options) => {
      transferred.push(...(options.transferList ?? []));
      return run(task, options);
    };
    const result = await pool.process('0_0', records(0, ['x', 'y']));
    expect(transferred).to.have.lengthOf(1);
    expect(transferred[0].byteLength).to.equal(0); // detached: moved to the thread, not copied
    // the outputs came back as one buffer that the decoded records view
    const [first, second] = result.outputs;
    expect(first.value!.buffer).to.equal(second.value!.buffer);
  });

  it('replaces a thread that dies and reports its tasks corrupted, so they can be assigned again', async () => {
    pool = await WorkerPool.start({ topologyModule, config: config(), workerFile });
    await pool.assign([0, 1, 2, 3].map((p) => ({ taskId: `0_${p}` })));
    const events: TaskCorruptedEvent[] = [];
    pool.onTaskCorrupted((event) => events.push(event));
    const doomed = pool.threadOf('0_0')!;
    const lostTasks = [...pool.tasksByThread().get(doomed)!];

    let error: unknown;
    await pool.process('0_0', records(0, ['exit'])).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TaskCorruptedError);
    expect(events).to.have.lengthOf(1);
    expect(events[0].threadId).to.equal(doomed);
    expect(events[0].taskIds).to.deep.equal(lostTasks);
    for (const taskId of lostTasks) expect(pool.threadOf(taskId)).to.equal(undefined);
    let lost: unknown;
    await pool.process(lostTasks[1], records(1, ['x'])).catch((e: unknown) => (lost = e));
    expect(lost).to.be.instanceOf(TaskCorruptedError);

    // Piscina starts a replacement; the lost tasks go to it, the thread with the fewest
    const deadline = Date.now() + 10_000;
    while (pool.threadIds().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const replacement = pool.threadIds().find((t) => t !== doomed && !pool!.tasksByThread().get(t)!.length);
    expect(replacement).to.not.equal(undefined);
    const again = await pool.assign(lostTasks.map((taskId) => ({ taskId })));
    expect(again.map((o) => o.ok && o.status.threadId)).to.deep.equal(lostTasks.map(() => replacement));
    const result = await pool.process('0_0', records(0, ['back']));
    expect(outputsOf(result)[0]).to.deep.include({ value: 'back', threadId: replacement });
  });

  it('replaces a thread on request (REPLACE_THREAD): its tasks are reported lost with the cause, and a one-thread pool reassigns them to the new thread', async () => {
    pool = await WorkerPool.start({ topologyModule: countModule, config: config({ 'num.stream.threads': 1 }), workerFile });
    const changelog = 'pool-test-KSTREAM-AGGREGATE-STATE-STORE-0000000002-changelog';
    const keyed = (values: string[], first: number): ConsumedBatchRecord[] => records(0, values, first).map((r) => ({ ...r, key: Buffer.from('k') }));
    await pool.assign([{ taskId: '0_0' }, { taskId: '0_1' }]);
    await pool.completeRestore('0_0');
    await pool.process('0_0', keyed(['a', 'b'], 0));
    await pool.flush('0_0');
    await pool.commit('0_0', [{ topic: changelog, partition: 0, offset: 0 }]);
    await pool.process('0_0', keyed(['uncommitted'], 2));
    const [old] = pool.threadIds();
    const events: TaskCorruptedEvent[] = [];
    pool.onTaskCorrupted((event) => events.push(event));

    await pool.replaceThread(old, new StreamsError('a processor failed'));
    expect(events).to.have.lengthOf(1);
    expect(events[0]).to.deep.include({ threadId: old, taskIds: ['0_0', '0_1'] });
    expect(events[0].error.message).to.match(/^thread \d+ died \(it was replaced after a processor failed\); its tasks 0_0, 0_1 were lost/);
    expect(pool.threadOf('0_0')).to.equal(undefined);

    // no live thread until Piscina's replacement announces itself: assign waits for it
    const again = await pool.assign([{ taskId: '0_0' }, { taskId: '0_1' }]);
    const [replacement] = pool.threadIds();
    expect(replacement).to.not.equal(old);
    expect(again.map((o) => o.ok && o.status.threadId)).to.deep.equal([replacement, replacement]);
    expect(again[0].ok && again[0].status.changelogs[0].checkpointOffset).to.equal(0);
    await pool.completeRestore('0_0');
    await pool.process('0_0', keyed(['c'], 2));
    const counts = (await pool.flush('0_0')).outputs.filter((r) => r.topic === 'out').map((r) => Number(r.value!.readBigInt64BE()));
    expect(counts).to.deep.equal([3]); // 2 committed + 1: the uncommitted record went with the old thread
  });

  it('runs stateful tasks on their threads: commit, a dirty close, and the checkpoint after it', async () => {
    pool = await WorkerPool.start({ topologyModule: countModule, config: config(), workerFile });
    const changelog = 'pool-test-KSTREAM-AGGREGATE-STATE-STORE-0000000002-changelog';
    const [assigned] = await pool.assign([{ taskId: '0_0' }]);
    expect(assigned.ok && assigned.status.changelogs).to.deep.equal([
      { store: 'KSTREAM-AGGREGATE-STATE-STORE-0000000002', topic: changelog, partition: 0, persistent: true, checkpointOffset: null, isSourceTopic: false },
    ]);
    await pool.completeRestore('0_0');
    await pool.process('0_0', records(0, ['a', 'b', 'c']).map((r) => ({ ...r, key: Buffer.from('k') })));
    const flushed = await pool.flush('0_0');
    const counts = (outputs: readonly { topic: string; value: Buffer | null }[]): number[] => outputs.filter((r) => r.topic === 'out').map((r) => Number(r.value!.readBigInt64BE()));
    expect(counts(flushed.outputs)).to.deep.equal([3]); // the cache kept the last count only
    expect(flushed.outputs.filter((r) => r.topic === changelog)).to.have.lengthOf(1);
    await pool.commit('0_0', [{ topic: changelog, partition: 0, offset: 0 }]);
    await pool.process('0_0', records(0, ['d'], 3).map((r) => ({ ...r, key: Buffer.from('k') })));
    await pool.closeTask('0_0', 'dirty');

    const [again] = await pool.assign([{ taskId: '0_0' }]);
    expect(again.ok && again.status.changelogs[0].checkpointOffset).to.equal(0);
    await pool.completeRestore('0_0');
    await pool.process('0_0', records(0, ['d'], 3).map((r) => ({ ...r, key: Buffer.from('k') })));
    expect(counts((await pool.flush('0_0')).outputs)).to.deep.equal([4]); // 3 committed + 1; the dropped one is not counted
    await pool.commit('0_0', [{ topic: changelog, partition: 0, offset: 1 }]);
    await pool.closeTask('0_0', 'clean');
  });

  it('reopens the LevelDB of a task lost with its thread on another thread, at its checkpoint', async () => {
    pool = await WorkerPool.start({ topologyModule: countModule, config: config(), workerFile });
    const changelog = 'pool-test-KSTREAM-AGGREGATE-STATE-STORE-0000000002-changelog';
    const keyed = (values: string[], first: number): ConsumedBatchRecord[] => records(0, values, first).map((r) => ({ ...r, key: Buffer.from('k') }));
    await pool.assign([{ taskId: '0_0' }]);
    await pool.completeRestore('0_0');
    await pool.process('0_0', keyed(['a', 'b'], 0));
    await pool.flush('0_0');
    await pool.commit('0_0', [{ topic: changelog, partition: 0, offset: 0 }]);
    const died = pool.threadOf('0_0');
    let error: unknown;
    await pool.process('0_0', keyed(['exit'], 2)).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TaskCorruptedError);

    const [again] = await pool.assign([{ taskId: '0_0' }]);
    expect(again.ok && again.status.threadId).to.not.equal(died);
    expect(again.ok && again.status.changelogs[0].checkpointOffset).to.equal(0);
    await pool.completeRestore('0_0');
    await pool.process('0_0', keyed(['c'], 2));
    const counts = (await pool.flush('0_0')).outputs.filter((r) => r.topic === 'out').map((r) => Number(r.value!.readBigInt64BE()));
    expect(counts).to.deep.equal([3]);
  });

  it('refuses to start when a thread builds a topology other than the main thread', async () => {
    let error: unknown;
    await WorkerPool.start({ topologyModule, config: config(), workerFile, expectedFingerprint: 'f'.repeat(64) }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TopologyError);
    expect((error as Error).message).to.match(/built a different topology .* must be deterministic/);
  });

  it("refuses a config key that the topology module's config export also sets", async () => {
    let error: unknown;
    await WorkerPool.start({ topologyModule, config: config({ 'default.key.serde': 'String' }), workerFile }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.match(/'default.key.serde' is set both/);
  });

  it('refuses a serde object in the config before starting any thread', async () => {
    let error: unknown;
    await WorkerPool.start({ topologyModule, config: config({ 'default.value.serde': Serdes.Long() }), workerFile }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ConfigError);
  });
});
