// Runs tasks on the main thread (design-notes §1: `new KafkaStreams(topology: Topology, ...)`, for
// small tools and tests). It is the pool's protocol without the threads: the same requests go to
// the same request handler and TaskHost, and the same replies come back, so both executors
// behave alike; only the records are not transferred, and there is one "thread".
import { threadId as mainThreadId } from 'node:worker_threads';
import type { StreamsConfig } from '../config';
import type { Logger } from '../core/processor/exception-handlers';
import type { TaskSensors } from '../core/processor/task-sensors';
import type { StreamsError } from '../errors';
import { internalTopologyBuilder, type Topology } from '../core/topology/topology';
import type { WorkerRequest } from './protocol';
import { RoutedTaskExecutor } from './routed-task-executor';
import { createRequestHandler, type RequestHandler } from './thread/request-handler';
import { TaskHost } from './thread/task-host';

export interface InProcessExecutorOptions {
  readonly logger?: Logger;
  readonly sensors?: TaskSensors;
  /** The clock processors see and wall-clock punctuations are scheduled by (default Date.now). */
  readonly wallClockMs?: () => number;
}

export class InProcessExecutor extends RoutedTaskExecutor {
  private readonly handler: RequestHandler;
  readonly host: TaskHost;

  private constructor(host: TaskHost, cacheTotalBytes: number) {
    // Two slots, as a pool thread has: a task's messages still run one at a time, in order.
    super(cacheTotalBytes, 2);
    this.host = host;
    this.handler = createRequestHandler(host);
    this.addThread(host.threadId);
  }

  static async start(topology: Topology, config: StreamsConfig, options: InProcessExecutorOptions = {}): Promise<InProcessExecutor> {
    const built = internalTopologyBuilder(topology).build();
    const host = new TaskHost({ topology: built, config, threadId: mainThreadId, logger: options.logger, sensors: options.sensors, wallClockMs: options.wallClockMs });
    return new InProcessExecutor(host, config.get('statestore.cache.max.bytes'));
  }

  /** The fingerprint of the topology the tasks run. */
  get fingerprint(): string {
    return this.host.fingerprint;
  }

  /**
   * The main thread cannot be replaced: its tasks are closed dirty and reported lost, as a dead
   * thread's are, and the main thread then takes them again as if it were a new thread.
   */
  async replaceThread(threadId: number, cause: StreamsError): Promise<void> {
    if (threadId !== this.host.threadId) return;
    await this.host.shutdown();
    this.threadLost(threadId, cause);
    this.addThread(threadId);
  }

  protected async transmit(_threadId: number, request: WorkerRequest): Promise<unknown> {
    return (await this.handler(request)).reply;
  }

  protected async stop(): Promise<void> {
    // nothing to stop: the shutdown message closed the tasks
  }
}
