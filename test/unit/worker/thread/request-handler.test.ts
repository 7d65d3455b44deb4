import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { internalTopologyBuilder } from '../../../../src/core/topology/topology';
import { ConfigError, fromWire, IllegalStateError, type WireError } from '../../../../src/errors';
import { PROTOCOL_VERSION, parseReply } from '../../../../src/worker/protocol';
import { decodeOutputRecords, encodeConsumedRecords } from '../../../../src/worker/record-batch-codec';
import { createFailedHandler, createRequestHandler } from '../../../../src/worker/thread/request-handler';
import { TaskHost } from '../../../../src/worker/thread/task-host';
import { Serdes } from '../../../../src/core/serde/serdes';
import { Topology } from '../../../../src/core/topology/topology';
import { config, silent, str, upperTopology } from '../support/topologies';

const v = PROTOCOL_VERSION;

describe('request handler', () => {
  let stateDir: string;
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'kstreams-handler-'))));
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  function handler() {
    const host = new TaskHost({ topology: internalTopologyBuilder(upperTopology()).build(), config: config(stateDir), threadId: 4, logger: silent });
    return { host, handle: createRequestHandler(host) };
  }

  it('answers a process request with one output buffer, to be transferred', async () => {
    const { handle, host } = handler();
    await handle({ v, type: 'assign-task', threadId: 4, taskId: '0_0', kind: 'active', cacheMaxBytes: 0, partitionCounts: {} });
    const records = encodeConsumedRecords([{ topic: 'in', partition: 0, offset: 9, timestamp: 1, key: str('k'), value: str('v'), headers: [] }]);
    const { reply, transfer } = await handle({ v, type: 'process', threadId: 4, taskId: '0_0', records });
    const parsed = parseReply(reply, 'process');
    expect(parsed.ok).to.equal(true);
    if (!parsed.ok) return;
    expect(transfer).to.deep.equal([parsed.outputs]);
    expect(decodeOutputRecords(parsed.outputs!).map((r) => r.value?.toString())).to.deep.equal(['V']);
    expect(parsed).to.deep.include({ threadId: 4, taskId: '0_0', consumedOffsets: [{ topic: 'in', partition: 0, offset: 10 }] });
    await host.shutdown();
  });

  it("carries the records a task dropped, by reason, in that task's next reply only", async () => {
    const integers = new Topology()
      .addSource({ name: 'in', topics: ['in'], keyDeserializer: Serdes.String().deserializer(), valueDeserializer: Serdes.Integer().deserializer() })
      .addSink({ name: 'out', topic: 'out', keySerializer: Serdes.String().serializer(), valueSerializer: Serdes.Integer().serializer(), parentNames: ['in'] });
    const host = new TaskHost({
      topology: internalTopologyBuilder(integers).build(),
      config: config(stateDir, { 'default.deserialization.exception.handler': 'logAndContinue' }),
      threadId: 4,
      logger: silent,
    });
    const handle = createRequestHandler(host);
    const int = (n: number): Buffer => Serdes.Integer().serializer().serialize('in', n)!;
    for (const taskId of ['0_0', '0_1']) await handle({ v, type: 'assign-task', threadId: 4, taskId, kind: 'active', cacheMaxBytes: 0, partitionCounts: {} });
    const batch = (partition: number) =>
      encodeConsumedRecords([
        { topic: 'in', partition, offset: 0, timestamp: 1, key: str('a'), value: int(1), headers: [] },
        { topic: 'in', partition, offset: 1, timestamp: 1, key: str('bad'), value: str('xyz'), headers: [] },
        { topic: 'in', partition, offset: 2, timestamp: 1, key: str('b'), value: str('also bad'), headers: [] },
      ]);
    const first = parseReply((await handle({ v, type: 'process', threadId: 4, taskId: '0_0', records: batch(0) })).reply, 'process');
    expect(first).to.deep.include({ ok: true, processedCount: 3, dropped: { deserialization: 2 } });
    const other = parseReply((await handle({ v, type: 'flush', threadId: 4, taskId: '0_1' })).reply, 'flush');
    expect(other).to.not.have.property('dropped');
    const again = parseReply((await handle({ v, type: 'flush', threadId: 4, taskId: '0_0' })).reply, 'flush');
    expect(again).to.not.have.property('dropped');
    await host.shutdown();
  });

  it('answers a malformed message and a message for another thread with error replies, never by throwing', async () => {
    const { handle } = handler();
    const invalid = (await handle({ type: 'process' })).reply;
    expect(invalid).to.deep.include({ ok: false, type: 'process', threadId: 4 });
    expect(fromWire((invalid as { error: WireError }).error).code).to.equal('WORKER_PROTOCOL_INVALID');
    expect((await handle('hello')).reply).to.deep.include({ ok: false, type: 'invalid' });

    const misrouted = (await handle({ v, type: 'flush', threadId: 5, taskId: '0_0' })).reply;
    expect(misrouted).to.deep.include({ ok: false, type: 'flush', taskId: '0_0' });
    const error = fromWire((misrouted as { error: WireError }).error);
    expect(error).to.be.instanceOf(IllegalStateError);
    expect(error.message).to.equal('a flush message for thread 5 reached thread 4: the pool\'s routing is broken');
  });

  it("answers every message of a thread that could not start with the start-up error", async () => {
    const handle = createFailedHandler(new ConfigError("config 'x' is wrong"), 9);
    const { reply } = await handle({ v, type: 'hello', threadId: 9 });
    expect(reply).to.deep.include({ ok: false, type: 'hello', threadId: 9 });
    const error = fromWire((reply as { error: WireError }).error);
    expect(error).to.be.instanceOf(ConfigError);
    expect(error.message).to.equal("config 'x' is wrong");
  });
});
