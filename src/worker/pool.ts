// The Piscina pool that runs tasks on worker threads (design-notes §4), main-thread side.
//
// - One pool per process, minThreads = maxThreads = num.stream.threads, no idle timeout.
// - Task affinity: every message names its thread (in Piscina's queue options), and our
//   loadBalancer hands it to that thread. Messages wait in our per-thread queues (ThreadRouter)
//   and reach Piscina only when their thread has a free slot, so Piscina's shared FIFO, where one
//   busy thread would hold up the rest, stays empty.
// - Tasks go to the thread with the fewest and never move on their own (routed-task-executor.ts).
// - A thread that dies is replaced by Piscina; its tasks are reported corrupted (TaskExecutor
//   onTaskCorrupted), so the runtime assigns them again and they are restored from their
//   changelogs. The replacement starts from the same workerData as the others.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina, queueOptionsSymbol, type PiscinaTask } from 'piscina';
import type { StreamsConfig } from '../config';
import { StreamsError } from '../errors';
import { PROTOCOL_VERSION, type WorkerInit, type WorkerRequest } from './protocol';
import { RoutedTaskExecutor } from './routed-task-executor';
import { topologyModuleUrl } from './topology-module';
import { workerConfigData } from './worker-config';

export interface WorkerPoolOptions {
  /** The topology module (path or file: URL): `export default defineTopology(...)`. */
  readonly topologyModule: string | URL;
  /** The application's config; its data crosses to the threads (worker-config.ts says what may not). */
  readonly config: StreamsConfig;
  /** Default: `num.stream.threads`. */
  readonly threads?: number;
  /**
   * Messages in flight per thread (Piscina's concurrentTasksPerWorker), default 2: a thread has
   * its next message (for another task) while it finishes one. A task never has more than one.
   */
  readonly slotsPerThread?: number;
  /** The fingerprint of the main thread's build of the topology: a thread whose build differs fails to start. */
  readonly expectedFingerprint?: string | null;
  /** The worker entry file; default: `thread/worker-entry` next to this module. */
  readonly workerFile?: string;
}

type LoadBalancer = NonNullable<NonNullable<ConstructorParameters<typeof Piscina>[0]>['loadBalancer']>;
type PiscinaWorker = Parameters<LoadBalancer>[1][number];

interface QueueOptions {
  readonly threadId: number;
}

/** A request as Piscina carries it: the thread it is for rides along in the queue options (not cloned: a symbol key). */
type RoutedRequest = WorkerRequest & { readonly [queueOptionsSymbol]: QueueOptions };

export class WorkerPool extends RoutedTaskExecutor {
  private readonly piscina: Piscina<RoutedRequest, unknown>;
  private readonly watched = new Set<number>();
  /** Threads being replaced (REPLACE_THREAD), with the error that asked for it. */
  private readonly replacing = new Map<number, StreamsError>();

  private constructor(piscina: Piscina<RoutedRequest, unknown>, cacheTotalBytes: number, slotsPerThread: number) {
    super(cacheTotalBytes, slotsPerThread);
    this.piscina = piscina;
    piscina.on('workerCreate', (worker: PiscinaWorker) => this.threadCreated(worker.id));
    // Piscina re-emits a thread's error when no task of it is in flight; an 'error' event without a
    // listener would crash the process. Thread deaths are handled through the Worker's own events.
    piscina.on('error', () => undefined);
  }

  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const threads = options.threads ?? options.config.get('num.stream.threads');
    if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`a worker pool needs at least one thread, got ${threads}`);
    const slotsPerThread = options.slotsPerThread ?? 2;
    const init: WorkerInit = {
      v: PROTOCOL_VERSION,
      topologyModule: topologyModuleUrl(options.topologyModule),
      config: workerConfigData(options.config.originals()),
      expectedFingerprint: options.expectedFingerprint ?? null,
    };
    const piscina = new Piscina<RoutedRequest, unknown>({
      filename: options.workerFile ?? defaultWorkerFile(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Infinity,
      concurrentTasksPerWorker: slotsPerThread,
      // A thread waiting in Atomics.wait runs no timers or I/O callbacks between messages; task
      // threads hold LevelDB handles and may have work of their own, so they wait on their event loop.
      atomics: 'disabled',
      workerData: init,
      loadBalancer: ownThread,
    });
    const pool = new WorkerPool(piscina, options.config.get('statestore.cache.max.bytes'), slotsPerThread);
    try {
      await pool.awaitThreads(threads);
      // Every thread has loaded the topology and agrees on it before any task is assigned.
      await Promise.all(pool.threadIds().map((threadId) => pool.callThread(threadId, 'hello')));
    } catch (error) {
      await piscina.destroy();
      throw error;
    }
    return pool;
  }

  /** Piscina's view of the pool, for metrics (utilization, queue size). */
  get stats(): { readonly utilization: number; readonly queueSize: number; readonly completed: number } {
    return { utilization: this.piscina.utilization, queueSize: this.piscina.queueSize, completed: this.piscina.completed };
  }

  async replaceThread(threadId: number, cause: StreamsError): Promise<void> {
    const worker = this.piscina.threads.find((t) => t.threadId === threadId);
    if (!worker || !this.watched.has(threadId)) return;
    this.replacing.set(threadId, cause);
    // Its tasks are lost with it (the exit handler reports them corrupted); Piscina starts a new
    // thread to keep minThreads, from the same workerData.
    await worker.terminate();
  }

  protected transmit(threadId: number, request: WorkerRequest, transfer: ArrayBuffer[]): Promise<unknown> {
    const routed: RoutedRequest = { ...request, [queueOptionsSymbol]: { threadId } };
    return this.piscina.run(routed, { transferList: transfer });
  }

  protected async stop(): Promise<void> {
    await this.piscina.destroy();
  }

  private threadCreated(threadId: number): void {
    if (this.watched.has(threadId)) return;
    const worker = this.piscina.threads.find((t) => t.threadId === threadId);
    if (!worker) return;
    this.watched.add(threadId);
    const lost = (cause: unknown): void => {
      if (!this.watched.delete(threadId)) return;
      const replaced = this.replacing.get(threadId);
      this.replacing.delete(threadId);
      this.threadLost(threadId, replaced === undefined ? cause : new StreamsError(`it was replaced after ${replaced.message}`, { cause: replaced, context: { threadId } }));
    };
    worker.once('error', (error: unknown) => lost(error));
    worker.once('exit', (code: number) => lost(new StreamsError(`the thread exited with code ${code}`, { code: 'WORKER_THREAD_DIED', context: { threadId } })));
    this.addThread(threadId);
  }

  private async awaitThreads(count: number): Promise<void> {
    // Piscina creates its first threads in its constructor and announces them a microtask later.
    const deadline = Date.now() + 10_000;
    while (this.threadIds().length < count) {
      if (Date.now() > deadline) throw new StreamsError(`only ${this.threadIds().length} of ${count} worker threads started within 10 s`, { code: 'WORKER_POOL_START_FAILED' });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** The loadBalancer: the message's own thread. */
function ownThread(task: PiscinaTask, workers: PiscinaWorker[]): PiscinaWorker | null {
  const target = (task[queueOptionsSymbol] as QueueOptions | null)?.threadId;
  const owner = workers.find((w) => w.id === target);
  if (owner) return owner;
  // Its thread is gone (it died between our send and Piscina's placement). A message Piscina
  // cannot place waits in its shared queue and holds up every later one, so give it to any
  // thread: the request names its target, and the wrong thread answers with an error.
  let fallback: PiscinaWorker | null = null;
  for (const worker of workers) if (fallback === null || worker.currentUsage < fallback.currentUsage) fallback = worker;
  return fallback;
}

function defaultWorkerFile(): string {
  // dist/worker/pool.js → dist/worker/thread/worker-entry.js. Pool threads run compiled JavaScript
  // only: run from TypeScript sources (tsx), this file is missing and `workerFile` must name the built one.
  const file = join(__dirname, 'thread', 'worker-entry.js');
  if (!existsSync(file)) {
    throw new StreamsError(`the worker entry ${file} does not exist: pool threads run the compiled package (npm run build), or pass workerFile`, {
      code: 'WORKER_POOL_START_FAILED',
    });
  }
  return file;
}
