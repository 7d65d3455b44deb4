// Interactive queries in the thread that owns the store: the `query-store` message, through the
// request handler and TaskHost with hand-built topologies, and the main thread's TaskStoreClient
// over the in-process executor (the same protocol the pool speaks).
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromWire, InvalidStateStoreError, StateStoreMigratedError, UnknownStateStoreError } from '../../../../src/errors';
import type { Processor } from '../../../../src/core/processor/processor';
import type { ProcessorContext } from '../../../../src/core/processor/processor-context';
import type { Record } from '../../../../src/core/processor/record';
import { Serdes } from '../../../../src/core/serde/serdes';
import type { KeyValueIterator } from '../../../../src/core/state/key-value-iterator';
import { Stores } from '../../../../src/core/state/stores';
import type { TimestampedKeyValueStore } from '../../../../src/core/state/timestamped-key-value-store';
import { ValueAndTimestamp } from '../../../../src/core/state/value-and-timestamp';
import { internalTopologyBuilder, Topology } from '../../../../src/core/topology/topology';
import { InProcessExecutor } from '../../../../src/worker/in-process-executor';
import { PROTOCOL_VERSION, parseReply, type StoreQuery, type StoreQueryType } from '../../../../src/worker/protocol';
import { encodeConsumedRecords } from '../../../../src/worker/record-batch-codec';
import { createRequestHandler } from '../../../../src/worker/thread/request-handler';
import { TaskHost } from '../../../../src/worker/thread/task-host';
import { TaskStoreClient } from '../../../../src/worker/task-store-client';
import { config, countTopology, silent, str } from '../support/topologies';

const v = PROTOCOL_VERSION;

/** in → the latest value per key, with its timestamp, in a timestamped store 'latest'. */
function latestTopology(): Topology {
  class Latest implements Processor<string, string, string, string> {
    private store!: TimestampedKeyValueStore<string, string>;
    init(ctx: ProcessorContext<string, string>): void {
      this.store = ctx.getStateStore<TimestampedKeyValueStore<string, string>>('latest');
    }
    process(record: Record<string, string>): void {
      this.store.put(record.key, ValueAndTimestamp.make(record.value, record.timestamp));
    }
  }
  return new Topology()
    .addSource({ name: 'in', topics: ['in'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.String().deserializer() })
    .addProcessor('latest', () => new Latest(), 'in')
    .addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore('latest'), Serdes.String(), Serdes.String()), 'latest');
}

function records(keys: string[], partition = 0): ArrayBuffer {
  return encodeConsumedRecords(keys.map((key, offset) => ({ topic: 'in', partition, offset, timestamp: 100 + offset, key: str(key), value: str(`v-${key}`), headers: [] })));
}

async function drain<K, V>(iterator: KeyValueIterator<K, V>): Promise<[K, V][]> {
  const out: [K, V][] = [];
  for await (const { key, value } of iterator) out.push([key, value]);
  return out;
}

describe('store queries in the task thread', () => {
  let stateDir: string;
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'kstreams-store-query-'))));
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  function setUp(topology: Topology) {
    const host = new TaskHost({ topology: internalTopologyBuilder(topology).build(), config: config(stateDir), threadId: 2, logger: silent });
    const handle = createRequestHandler(host);
    const query = async (store: string, storeType: StoreQueryType, q: StoreQuery, options: { stale?: boolean; taskId?: string } = {}) => {
      const reply = parseReply((await handle({ v, type: 'query-store', threadId: 2, taskId: options.taskId ?? '0_0', store, storeType, stale: options.stale ?? false, query: q })).reply, 'query-store');
      if (!reply.ok) throw fromWire(reply.error);
      return reply.result;
    };
    return { host, handle, query };
  }

  it('answers get, count and scans in batches that resume after the last key', async () => {
    const { host, handle, query } = setUp(countTopology());
    await handle({ v, type: 'assign-task', threadId: 2, taskId: '0_0', kind: 'active', cacheMaxBytes: 0, partitionCounts: {} });
    await handle({ v, type: 'complete-restore', threadId: 2, taskId: '0_0' });
    await handle({ v, type: 'process', threadId: 2, taskId: '0_0', records: records(['b', 'a', 'c', 'a', 'd', 'e']) });

    expect(await query('counts', 'key-value', { op: 'get', key: 'a' })).to.deep.equal({ op: 'get', value: 2 });
    expect(await query('counts', 'key-value', { op: 'get', key: 'zz' })).to.deep.equal({ op: 'get', value: null });
    expect(await query('counts', 'key-value', { op: 'count' })).to.deep.equal({ op: 'count', count: 5 });
    const first = await query('counts', 'key-value', { op: 'scan', from: null, to: 'd', reverse: false, limit: 2 });
    expect(first).to.deep.equal({ op: 'scan', entries: [{ key: 'a', value: 2 }, { key: 'b', value: 1 }], done: false });
    const second = await query('counts', 'key-value', { op: 'scan', from: null, to: 'd', reverse: false, after: { key: 'b' }, limit: 2 });
    expect(second).to.deep.equal({ op: 'scan', entries: [{ key: 'c', value: 1 }, { key: 'd', value: 1 }], done: true });
    const third = await query('counts', 'key-value', { op: 'scan', from: null, to: 'd', reverse: false, after: { key: 'd' }, limit: 2 });
    expect(third).to.deep.equal({ op: 'scan', entries: [], done: true });
    const reverse = await query('counts', 'key-value', { op: 'scan', from: 'b', to: null, reverse: true, after: { key: 'd' }, limit: 10 });
    expect(reverse).to.deep.equal({ op: 'scan', entries: [{ key: 'c', value: 1 }, { key: 'b', value: 1 }], done: true });
    await host.shutdown();
  });

  it('refuses a restoring task unless stale stores are allowed, without failing the task', async () => {
    const { host, handle, query } = setUp(countTopology());
    await handle({ v, type: 'assign-task', threadId: 2, taskId: '0_0', kind: 'active', cacheMaxBytes: 0, partitionCounts: {} });
    let error: unknown;
    await query('counts', 'key-value', { op: 'get', key: 'a' }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(StateStoreMigratedError);
    expect((error as Error).message).to.match(/Cannot get state store counts because task 0_0 is restoring, not running; the state store may have migrated to another instance/);
    expect(await query('counts', 'key-value', { op: 'get', key: 'a' }, { stale: true })).to.deep.equal({ op: 'get', value: null });
    await handle({ v, type: 'complete-restore', threadId: 2, taskId: '0_0' });
    expect(host.stateOf('0_0')).to.equal('running');
    await host.shutdown();
  });

  it('says which store or task is missing, and when a store is not of the type asked for', async () => {
    const { host, handle, query } = setUp(countTopology());
    await handle({ v, type: 'assign-task', threadId: 2, taskId: '0_0', kind: 'active', cacheMaxBytes: 0, partitionCounts: {} });
    await handle({ v, type: 'complete-restore', threadId: 2, taskId: '0_0' });
    const failure = (p: Promise<unknown>) => p.then(() => expect.fail('expected a failure'), (e: unknown) => e as Error);
    const unknown = await failure(query('nope', 'key-value', { op: 'get', key: 'a' }));
    expect(unknown).to.be.instanceOf(UnknownStateStoreError);
    expect(unknown.message).to.match(/task 0_0 has no such store \(its stores are counts\)/);
    const moved = await failure(query('counts', 'key-value', { op: 'get', key: 'a' }, { taskId: '0_3' }));
    expect(moved).to.be.instanceOf(StateStoreMigratedError);
    expect(moved.message).to.match(/may have migrated to another instance: task 0_3 is not on thread 2/);
    const wrongType = await failure(query('counts', 'timestamped-key-value', { op: 'get', key: 'a' }));
    expect(wrongType).to.be.instanceOf(InvalidStateStoreError);
    expect(wrongType.message).to.equal('Store counts is not a timestamped key-value store.');
    await host.shutdown();
  });

  it('lets the main thread read all partitions of a timestamped store through TaskStoreClient, in batches', async () => {
    const executor = await InProcessExecutor.start(latestTopology(), config(stateDir), { logger: silent });
    try {
      await executor.assign([{ taskId: '0_0' }]);
      await executor.completeRestore('0_0');
      await executor.process('0_0', ['k1', 'k2', 'k3', 'k4', 'k5'].map((key, offset) => ({ topic: 'in', partition: 0, offset, timestamp: 100 + offset, key: str(key), value: str(`v-${key}`), headers: [] })));
      const plain = new TaskStoreClient<string, string>({ executor, taskId: '0_0', storeName: 'latest', kind: 'key-value', stale: false, batchSize: 2 });
      expect(await plain.get('k2')).to.equal('v-k2');
      expect(await drain(plain.all())).to.deep.equal(['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => [k, `v-${k}`]));
      expect(await drain(plain.reverseRange('k2', 'k4'))).to.deep.equal(['k4', 'k3', 'k2'].map((k) => [k, `v-${k}`]));
      expect(await plain.approximateNumEntries()).to.equal(5);
      const timestamped = new TaskStoreClient<string, ValueAndTimestamp<string>>({ executor, taskId: '0_0', storeName: 'latest', kind: 'timestamped-key-value', stale: false, batchSize: 2 });
      const found = await timestamped.get('k3');
      expect(found).to.be.instanceOf(ValueAndTimestamp);
      expect([found?.value, found?.timestamp]).to.deep.equal(['v-k3', 102]);
      const iterator = timestamped.range('k4', null);
      expect((await iterator.next()).value?.value.timestamp).to.equal(103);
      await iterator.close();
    } finally {
      await executor.close();
    }
  });
});
