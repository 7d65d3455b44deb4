// A queue per thread, in front of the transport (design-notes §4). A message waits here until its
// thread has a free slot, so one busy thread never holds up another's messages (which a shared FIFO
// such as Piscina's would), and at most one message per task is in flight, so a task's messages
// run in the order they were sent while the thread's other slots serve other tasks.
import { StreamsError } from '../errors';
import type { WorkerRequest } from './protocol';

export type Transmit = (threadId: number, request: WorkerRequest, transfer: ArrayBuffer[]) => Promise<unknown>;

interface Waiting {
  /** Messages with the same key run one at a time, in order: a task id, or one key per thread for thread-wide messages. */
  readonly key: string;
  readonly request: WorkerRequest;
  readonly transfer: ArrayBuffer[];
  readonly resolve: (reply: unknown) => void;
  readonly reject: (error: unknown) => void;
}

class ThreadQueue {
  readonly waiting: Waiting[] = [];
  readonly busyKeys = new Set<string>();
  inFlight = 0;
}

export class ThreadRouter {
  private readonly queues = new Map<number, ThreadQueue>();

  constructor(
    private readonly slotsPerThread: number,
    private readonly transmit: Transmit,
  ) {
    if (!Number.isSafeInteger(slotsPerThread) || slotsPerThread < 1) throw new RangeError(`slots per thread must be an integer >= 1, got ${slotsPerThread}`);
  }

  addThread(threadId: number): void {
    if (!this.queues.has(threadId)) this.queues.set(threadId, new ThreadQueue());
  }

  hasThread(threadId: number): boolean {
    return this.queues.has(threadId);
  }

  /**
   * Forgets a thread; its waiting messages are rejected with what `reason` makes of each. Messages
   * in flight are the transport's to settle.
   */
  removeThread(threadId: number, reason: (request: WorkerRequest) => Error): void {
    const queue = this.queues.get(threadId);
    if (!queue) return;
    this.queues.delete(threadId);
    for (const waiting of queue.waiting.splice(0)) waiting.reject(reason(waiting.request));
  }

  /** Messages waiting for a slot on a thread (not counting those in flight). */
  waitingCount(threadId: number): number {
    return this.queues.get(threadId)?.waiting.length ?? 0;
  }

  inFlightCount(threadId: number): number {
    return this.queues.get(threadId)?.inFlight ?? 0;
  }

  submit(threadId: number, key: string, request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const queue = this.queues.get(threadId);
    if (!queue) {
      return Promise.reject(new StreamsError(`no thread ${threadId} to send a ${request.type} message to`, { code: 'WORKER_THREAD_UNKNOWN', context: { threadId } }));
    }
    return new Promise((resolve, reject) => {
      queue.waiting.push({ key, request, transfer, resolve, reject });
      this.pump(threadId, queue);
    });
  }

  private pump(threadId: number, queue: ThreadQueue): void {
    while (queue.inFlight < this.slotsPerThread) {
      const index = queue.waiting.findIndex((w) => !queue.busyKeys.has(w.key));
      if (index < 0) return;
      const [next] = queue.waiting.splice(index, 1);
      queue.inFlight += 1;
      queue.busyKeys.add(next.key);
      let sent: Promise<unknown>;
      try {
        sent = this.transmit(threadId, next.request, next.transfer);
      } catch (error) {
        sent = Promise.reject(error);
      }
      sent
        .finally(() => {
          queue.inFlight -= 1;
          queue.busyKeys.delete(next.key);
          if (this.queues.get(threadId) === queue) this.pump(threadId, queue);
        })
        .then(next.resolve, next.reject);
    }
  }
}
