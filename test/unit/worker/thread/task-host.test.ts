import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PunctuationType } from '../../../../src/core/processor/punctuation';
import { Record } from '../../../../src/core/processor/record';
import type { CollectedRecord } from '../../../../src/core/processor/record-collector';
import { Serdes } from '../../../../src/core/serde/serdes';
import { Topology, internalTopologyBuilder } from '../../../../src/core/topology/topology';
import { IllegalStateError, ProcessingError, TopologyError } from '../../../../src/errors';
import type { ConsumedBatchRecord } from '../../../../src/worker/record-batch-codec';
import { TaskHost } from '../../../../src/worker/thread/task-host';
import { config, countTopology, long, readLong, silent, str, upperTopology } from '../support/topologies';

function input(key: string, value: string, offset: number, partition = 0): ConsumedBatchRecord {
  return { topic: 'in', partition, offset, timestamp: 1000 + offset, key: str(key), value: str(value), headers: [{ key: 'h', value: str('1') }] };
}

function sinkValues(outputs: CollectedRecord[], topic = 'out'): (string | number | null)[] {
  return outputs.filter((r) => r.topic === topic).map((r) => (topic === 'out' && r.value !== null && r.value.length === 8 ? readLong(r.value) : (r.value?.toString() ?? null)));
}

describe('TaskHost', () => {
  let stateDir: string;
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'kstreams-task-host-'))));
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  function host(topology: Topology, extra: { [key: string]: unknown } = {}): TaskHost {
    return new TaskHost({ topology: internalTopologyBuilder(topology).build(), config: config(stateDir, extra), threadId: 7, logger: silent, wallClockMs: () => 0 });
  }

  it('processes a batch: outputs with their headers, and the next offset of each input partition', async () => {
    const tasks = host(upperTopology());
    expect(await tasks.assign('0_0', { cacheMaxBytes: 0 })).to.deep.equal({ state: 'running', changelogs: [] });
    const outcome = await tasks.process('0_0', [input('a', 'x', 5), input('b', 'y', 6)]);
    expect(outcome.outputs.map((r) => [r.topic, r.key?.toString(), r.value?.toString(), r.timestamp, r.partition])).to.deep.equal([
      ['out', 'a', 'X', 1005, null],
      ['out', 'b', 'Y', 1006, null],
    ]);
    expect(outcome.outputs[0].headers.toArray().map((h) => [h.key, h.value?.toString()])).to.deep.equal([['h', '1']]);
    expect(outcome.consumedOffsets).to.deep.equal([{ topic: 'in', partition: 0, offset: 7 }]);
    expect(outcome).to.include({ processedCount: 2, streamTimeMs: 1006, commitRequested: false });
    await tasks.shutdown();
  });

  it('refuses a task of a sub-topology the topology does not have', async () => {
    const tasks = host(upperTopology());
    let error: unknown;
    await tasks.assign('3_0', { cacheMaxBytes: 0 }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TopologyError);
    expect((error as Error).message).to.match(/sub-topology 3, which this topology does not have \(it has 0\)/);
  });

  it('reports a task with a change-logged store as restoring, with its changelog and checkpoint', async () => {
    const tasks = host(countTopology());
    const status = await tasks.assign('0_2', { cacheMaxBytes: 0 });
    expect(status).to.deep.equal({
      state: 'restoring',
      changelogs: [{ store: 'counts', topic: 'app-counts-changelog', partition: 2, persistent: true, checkpointOffset: null, isSourceTopic: false }],
    });
    let error: unknown;
    await tasks.process('0_2', [input('a', 'x', 0, 2)]).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(IllegalStateError);
    expect((error as Error).message).to.equal('cannot process records of task 0_2: it is restoring, and only a running task can');
    await tasks.completeRestore('0_2');
    expect(tasks.stateOf('0_2')).to.equal('running');
    await tasks.shutdown();
  });

  it('commits the pending writes with the checkpoint; a dirty close drops what came after', async () => {
    const tasks = host(countTopology());
    await tasks.assign('0_0', { cacheMaxBytes: 0 });
    await tasks.completeRestore('0_0');
    const first = await tasks.process('0_0', [input('a', 'x', 0), input('a', 'x', 1)]);
    expect(sinkValues(first.outputs)).to.deep.equal([1, 2]);
    expect(first.outputs.filter((r) => r.topic === 'app-counts-changelog').map((r) => [r.key?.toString(), readLong(r.value), r.partition])).to.deep.equal([
      ['a', 1, 0],
      ['a', 2, 0],
    ]);
    expect(await tasks.flush('0_0')).to.deep.equal([]);
    await tasks.commit('0_0', [{ topic: 'app-counts-changelog', partition: 0, offset: 1 }]);

    await tasks.process('0_0', [input('a', 'x', 2)]); // count 3, never committed
    await tasks.close('0_0', 'dirty');
    expect(tasks.taskIds()).to.deep.equal([]);

    const again = await tasks.assign('0_0', { cacheMaxBytes: 0 });
    expect(again.changelogs[0].checkpointOffset).to.equal(1);
    await tasks.completeRestore('0_0');
    const after = await tasks.process('0_0', [input('a', 'x', 2)]);
    expect(sinkValues(after.outputs)).to.deep.equal([3]);
    await tasks.shutdown();
  });

  it('hands back what the cache forwards at flush, and refuses to commit or suspend unflushed work', async () => {
    const tasks = host(countTopology({ caching: true }));
    await tasks.assign('0_0', { cacheMaxBytes: 1_000_000 });
    await tasks.completeRestore('0_0');
    const processed = await tasks.process('0_0', [input('a', 'x', 0), input('a', 'x', 1), input('b', 'x', 2)]);
    expect(processed.outputs.filter((r) => r.topic === 'app-counts-changelog')).to.deep.equal([]); // still in the cache
    for (const attempt of [() => tasks.commit('0_0', []), () => tasks.suspend('0_0')]) {
      let error: unknown;
      await attempt().catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(IllegalStateError);
      expect((error as Error).message).to.match(/since its last flush|after its last flush/);
    }
    // the refusals did not fail the task
    const flushed = await tasks.flush('0_0');
    expect(flushed.filter((r) => r.topic === 'app-counts-changelog').map((r) => [r.key?.toString(), readLong(r.value)])).to.deep.equal([
      ['a', 2],
      ['b', 1],
    ]);
    await tasks.commit('0_0', [{ topic: 'app-counts-changelog', partition: 0, offset: 1 }]);
    await tasks.suspend('0_0');
    expect(await tasks.resume('0_0', 500)).to.deep.include({ state: 'restoring' });
    await tasks.completeRestore('0_0');
    await tasks.close('0_0', 'clean');
  });

  it('restores changelog records into a store and moves its checkpoint', async () => {
    const tasks = host(countTopology());
    await tasks.assign('0_1', { cacheMaxBytes: 0 });
    const changelog = (key: string, count: number | null, offset: number): ConsumedBatchRecord => ({
      topic: 'app-counts-changelog',
      partition: 1,
      offset,
      timestamp: 0,
      key: str(key),
      value: count === null ? null : long(count),
      headers: [],
    });
    const restored = await tasks.restore('0_1', [changelog('a', 4, 10), changelog('b', 9, 11), changelog('a', 5, 12), changelog('b', null, 13)]);
    expect(restored).to.deep.equal({ restoredCount: 4, checkpoint: [{ topic: 'app-counts-changelog', partition: 1, offset: 13 }] });
    let error: unknown;
    await tasks.restore('0_1', [{ ...changelog('a', 1, 14), topic: 'elsewhere' }]).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/task 0_1 has no store restored from topic elsewhere/);
    await tasks.close('0_1', 'dirty');

    await tasks.assign('0_1', { cacheMaxBytes: 0 });
    await tasks.completeRestore('0_1');
    const outcome = await tasks.process('0_1', [input('a', 'x', 0, 1), input('b', 'x', 1, 1)]);
    expect(sinkValues(outcome.outputs)).to.deep.equal([6, 1]);
    await tasks.shutdown();
  });

  it('fails a task whose processing fails: it drops the partial outputs and accepts only a dirty close', async () => {
    const tasks = host(upperTopology());
    await tasks.assign('0_0', { cacheMaxBytes: 0 });
    let error: unknown;
    await tasks.process('0_0', [input('a', 'fine', 0), input('b', 'boom', 1)]).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ProcessingError);
    expect((error as Error).message).to.match(/taskId=0_0, processor=upper, topic=in, partition=0, offset=1: the value was boom/);
    for (const attempt of [() => tasks.process('0_0', [input('c', 'x', 2)]), () => tasks.close('0_0', 'clean')]) {
      let refused: unknown;
      await attempt().catch((e: unknown) => (refused = e));
      expect(refused).to.be.instanceOf(IllegalStateError);
      expect((refused as Error).message).to.match(/it failed \(Exception caught in process.*close it dirty/);
    }
    await tasks.close('0_0', 'dirty');
    expect(tasks.taskIds()).to.deep.equal([]);
    await tasks.close('0_0', 'dirty'); // closing dirty what is gone does nothing
  });

  it('runs one operation at a time per task, in order, while different tasks interleave', async () => {
    const seen: string[] = [];
    const tasks = host(upperTopology({ delayMs: 20, seen }));
    await tasks.assign('0_0', { cacheMaxBytes: 0 });
    await tasks.assign('0_1', { cacheMaxBytes: 0 });
    const [a1, a2, b1] = await Promise.all([
      tasks.process('0_0', [input('k', 'a1', 0), input('k', 'a2', 1)]),
      tasks.process('0_0', [input('k', 'a3', 2)]),
      tasks.process('0_1', [input('k', 'b1', 0, 1), input('k', 'b2', 1, 1)]),
    ]);
    expect(a1.outputs.map((r) => r.value?.toString())).to.deep.equal(['A1', 'A2']);
    expect(a2.outputs.map((r) => r.value?.toString())).to.deep.equal(['A3']);
    expect(b1.outputs.map((r) => r.value?.toString())).to.deep.equal(['B1', 'B2']);
    expect(seen.filter((s) => s.startsWith('0_0'))).to.deep.equal(['0_0:a1', '0_0:a2', '0_0:a3']);
    // task 0_1 ran beside 0_0 (its records came before 0_0 was done), not after it
    expect(seen.indexOf('0_1:b1')).to.be.lessThan(seen.indexOf('0_0:a3'));
    await tasks.shutdown();
  });

  it('fires wall-clock punctuations at the time the message gives', async () => {
    const topology = new Topology()
      .addSource({ name: 'in', topics: ['in'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() })
      .addProcessor<string, string, string, string>('tick', () => ({
        init: (ctx) => void ctx.schedule(100, PunctuationType.WALL_CLOCK_TIME, (t) => ctx.forward(new Record('tick', String(t), t))),
        process: () => undefined,
      }), 'in')
      .addSink({ name: 'out', topic: 'out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.String().serializer(), parentNames: ['tick'] });
    const tasks = host(topology);
    await tasks.assign('0_0', { cacheMaxBytes: 0 });
    expect(await tasks.punctuate('0_0', 50)).to.deep.include({ punctuated: false, outputs: [] });
    const fired = await tasks.punctuate('0_0', 100);
    expect(fired.punctuated).to.equal(true);
    expect(fired.outputs.map((r) => r.value?.toString())).to.deep.equal(['100']);
    let error: unknown;
    await tasks.close('0_0', 'clean').catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/has work since its last commit; commit it first/);
    await tasks.flush('0_0');
    await tasks.commit('0_0', []);
    await tasks.close('0_0', 'clean');
  });
});
