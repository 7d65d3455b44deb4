import { expect } from 'chai';
import { PROTOCOL_VERSION, type WorkerRequest } from '../../../src/worker/protocol';
import { ThreadRouter } from '../../../src/worker/thread-router';

interface Sent {
  readonly threadId: number;
  readonly taskId: string;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

function flushRequest(threadId: number, taskId: string): WorkerRequest {
  return { v: PROTOCOL_VERSION, type: 'flush', threadId, taskId };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('ThreadRouter', () => {
  let sent: Sent[];
  let router: ThreadRouter;
  beforeEach(() => {
    sent = [];
    router = new ThreadRouter(2, (threadId, request) => new Promise((resolve, reject) => sent.push({ threadId, taskId: (request as { taskId: string }).taskId, resolve, reject })));
    router.addThread(1);
    router.addThread(2);
  });

  const submit = (threadId: number, taskId: string): Promise<unknown> => router.submit(threadId, taskId, flushRequest(threadId, taskId));
  const inFlight = (): string[] => sent.map((s) => `${s.threadId}:${s.taskId}`);

  it('sends at most its slots per thread, and a busy thread does not hold up another', async () => {
    void submit(1, 'a');
    void submit(1, 'b');
    void submit(1, 'c');
    void submit(2, 'd');
    expect(inFlight()).to.deep.equal(['1:a', '1:b', '2:d']);
    expect(router.waitingCount(1)).to.equal(1);
    sent[0].resolve('done');
    await tick();
    expect(inFlight()).to.deep.equal(['1:a', '1:b', '2:d', '1:c']);
  });

  it("keeps one message per task in flight, and a task's messages in order, letting other tasks pass", async () => {
    const replies: unknown[] = [];
    void submit(1, 'a').then((r) => replies.push(r));
    void submit(1, 'a').then((r) => replies.push(r));
    void submit(1, 'b').then((r) => replies.push(r));
    expect(inFlight()).to.deep.equal(['1:a', '1:b']);
    sent[1].resolve('b1');
    await tick();
    expect(inFlight()).to.deep.equal(['1:a', '1:b']); // the second 'a' waits for the first
    sent[0].resolve('a1');
    await tick();
    expect(inFlight()).to.deep.equal(['1:a', '1:b', '1:a']);
    sent[2].resolve('a2');
    await tick();
    expect(replies).to.deep.equal(['b1', 'a1', 'a2']);
  });

  it('rejects the waiting messages of a removed thread, and refuses new ones', async () => {
    void submit(1, 'a');
    void submit(1, 'b');
    const waiting = submit(1, 'c');
    router.removeThread(1, (request) => new Error(`lost ${request.type}`));
    let error: unknown;
    await waiting.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('lost flush');
    await submit(1, 'x').catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('no thread 1 to send a flush message to');
  });

  it('passes a transport failure to the caller and frees the slot', async () => {
    const first = submit(1, 'a');
    void submit(1, 'b');
    void submit(1, 'c');
    sent[0].reject(new Error('worker exited with code 1'));
    let error: unknown;
    await first.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('worker exited with code 1');
    expect(inFlight()).to.deep.equal(['1:a', '1:b', '1:c']);
  });
});
