import { expect } from 'chai';
import { StreamsError, toWire } from '../../../src/errors';
import { PROTOCOL_VERSION, parseReply, parseRequest, parseWorkerInit } from '../../../src/worker/protocol';

const v = PROTOCOL_VERSION;

describe('worker protocol', () => {
  it('accepts every well-formed request', () => {
    const requests = [
      { v, type: 'hello', threadId: 1 },
      { v, type: 'shutdown', threadId: 1 },
      { v, type: 'assign-task', threadId: 1, taskId: '0_3', kind: 'active', cacheMaxBytes: 1024, partitionCounts: { out: 4 } },
      { v, type: 'resume-task', threadId: 1, taskId: '0_3', cacheMaxBytes: 0 },
      { v, type: 'suspend-task', threadId: 1, taskId: '0_3' },
      { v, type: 'restore', threadId: 1, taskId: '0_3', records: new ArrayBuffer(0) },
      { v, type: 'complete-restore', threadId: 1, taskId: '0_3' },
      { v, type: 'process', threadId: 1, taskId: '12_0', records: new ArrayBuffer(24) },
      { v, type: 'punctuate', threadId: 1, taskId: '0_3', wallClockMs: 1000 },
      { v, type: 'flush', threadId: 1, taskId: '0_3' },
      { v, type: 'commit', threadId: 1, taskId: '0_3', changelogOffsets: [{ topic: 'app-s-changelog', partition: 3, offset: 41 }] },
      { v, type: 'close-task', threadId: 1, taskId: '0_3', mode: 'dirty' },
    ];
    for (const request of requests) expect(parseRequest(request)).to.equal(request);
  });

  it('survives structured clone, which is how requests cross threads', () => {
    const request = { v, type: 'process', threadId: 2, taskId: '1_1', records: new ArrayBuffer(8) };
    expect(parseRequest(structuredClone(request)).type).to.equal('process');
  });

  it('refuses a malformed request with an error naming the field and what it should be', () => {
    const check = (value: unknown, message: RegExp): void => {
      let thrown: unknown;
      try {
        parseRequest(value);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(StreamsError);
      expect((thrown as StreamsError).code).to.equal('WORKER_PROTOCOL_INVALID');
      expect((thrown as StreamsError).message).to.match(message);
    };
    check(null, /must be an object, got null/);
    check({ v, type: 'explode', threadId: 1 }, /unknown worker request type "explode"/);
    check({ v: 99, type: 'hello', threadId: 1 }, /version 99, this side speaks 3: the main thread and the worker threads run different kstreams builds/);
    check({ v, type: 'process', threadId: 1, taskId: 'task-1', records: new ArrayBuffer(0) }, /its taskId is "task-1", expected a task id/);
    check({ v, type: 'process', threadId: 1, taskId: '0_1', records: Buffer.alloc(4) }, /its records is an object, expected an ArrayBuffer/);
    check({ v, type: 'flush', taskId: '0_1' }, /its threadId is missing/);
    check({ v, type: 'assign-task', threadId: 1, taskId: '0_1', kind: 'standby', cacheMaxBytes: 0, partitionCounts: {} }, /standby tasks are not supported yet/);
    check({ v, type: 'commit', threadId: 1, taskId: '0_1', changelogOffsets: [{ topic: 't', partition: -1, offset: 0 }] }, /item 0 is not .*partition/);
    check({ v, type: 'close-task', threadId: 1, taskId: '0_1', mode: 'gently' }, /'clean' or 'dirty'/);
  });

  it('checks replies against the request they answer', () => {
    const ok = { v, type: 'flush', ok: true, threadId: 3, taskId: '0_0', outputs: null };
    expect(parseReply(ok, 'flush')).to.equal(ok);
    expect(() => parseReply(ok, 'process')).to.throw(/a process request was answered with a "flush" reply/);
    expect(() => parseReply({ ...ok, outputs: 'x' }, 'flush')).to.throw(/its outputs is "x", expected an ArrayBuffer or null/);
    expect(() => parseReply({ ...ok, ok: 'yes' }, 'flush')).to.throw(/ok: true or false/);
  });

  it('accepts drop counts on a reply, by known reason, and refuses unknown reasons and counts that are not positive integers', () => {
    const ok = { v, type: 'process', ok: true, threadId: 3, taskId: '0_0', outputs: null, consumedOffsets: [], commitRequested: false, streamTimeMs: 0, processedCount: 2, dropped: { deserialization: 1, late: 2 } };
    expect(parseReply(ok, 'process')).to.equal(ok);
    expect(() => parseReply({ ...ok, dropped: { typo: 1 } }, 'process')).to.throw(/its dropped is an object, expected an object of drop reason .* → count > 0 \(typo: 1\)/);
    expect(() => parseReply({ ...ok, dropped: { late: 0 } }, 'process')).to.throw(/\(late: 0\)/);
    expect(() => parseReply({ ...ok, dropped: [1] }, 'process')).to.throw(/its dropped is an array/);
    const failed = { v, type: 'process', ok: false, threadId: 3, taskId: '0_0', error: toWire(new StreamsError('boom')), dropped: { processing: 1 } };
    expect(parseReply(failed, 'process')).to.equal(failed);
    expect(() => parseReply({ ...failed, dropped: { processing: 1.5 } }, 'process')).to.throw(/\(processing: 1.5\)/);
  });

  it('refuses a reply of another protocol version, saying the builds differ', () => {
    expect(() => parseReply({ v: v - 1, type: 'flush', ok: true, threadId: 3, taskId: '0_0', outputs: null }, 'flush')).to.throw(/speaks worker protocol version 2, this side speaks 3/);
  });

  it('passes an error reply through for fromWire, and refuses one without a WireError', () => {
    const error = { v, type: 'process', ok: false, threadId: 3, taskId: '0_0', error: toWire(new StreamsError('boom')) };
    const reply = parseReply(error, 'process');
    expect(reply.ok).to.equal(false);
    expect(() => parseReply({ ...error, error: { message: 'no code' } }, 'process')).to.throw(/its error is an object, expected a WireError/);
  });

  it("checks a thread's start-up data, config included", () => {
    const init = { v, topologyModule: 'file:///app/topology.js', config: { 'application.id': 'a', 'num.stream.threads': 2 }, expectedFingerprint: null };
    expect(parseWorkerInit(init)).to.equal(init);
    expect(() => parseWorkerInit({ ...init, config: { 'default.key.serde': () => undefined } })).to.throw(/config must be an object of plain data/);
    expect(() => parseWorkerInit({ ...init, topologyModule: 7 })).to.throw(/topologyModule is 7, expected a string/);
  });
});
