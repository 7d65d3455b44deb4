// The TaskExecutor logic both executors share: which thread owns which task, placing new tasks,
// building requests, checking replies and rebuilding errors, and what happens to the tasks of a
// thread that dies. Subclasses supply the transport (Piscina, or a direct call on the main thread).
import { IllegalStateError, StateStoreMigratedError, StateStoreNotAvailableError, StreamsError, TaskCorruptedError, fromWire } from '../errors';
import {
  PROTOCOL_VERSION,
  parseReply,
  type ChangelogOffset,
  type CloseMode,
  type ReplyTo,
  type RequestOf,
  type RequestType,
  type StoreQueryResult,
  type TaskStatusReply,
  type WorkerRequest,
} from './protocol';
import { decodeOutputRecords, encodeConsumedRecords, type ConsumedBatchRecord, type DecodedOutputRecord } from './record-batch-codec';
import type {
  AssignOutcome,
  FlushResult,
  ProcessResult,
  PunctuateResult,
  RecordsDroppedEvent,
  RestoreResult,
  TaskAssignment,
  TaskCorruptedEvent,
  TaskExecutor,
  TaskStatus,
  TaskStoreQuery,
} from './task-executor';
import { ThreadRouter } from './thread-router';

/** A request without the fields the executor fills in (version, target thread). */
type RequestBody = { [T in RequestType]: Omit<RequestOf<T>, 'v' | 'threadId'> }[RequestType];
type TaskRequestBody = Exclude<RequestBody, { type: 'hello' | 'shutdown' | 'assign-task' }>;

export abstract class RoutedTaskExecutor implements TaskExecutor {
  private readonly router: ThreadRouter;
  /** Live threads, in the order they joined, with their tasks. */
  private readonly threads = new Map<number, Set<string>>();
  private readonly owners = new Map<string, number>();
  /** Tasks lost with a dead thread, until they are assigned again or closed. */
  private readonly lost = new Map<string, TaskCorruptedError>();
  private readonly corruptedListeners = new Set<(event: TaskCorruptedEvent) => void>();
  private readonly droppedListeners = new Set<(event: RecordsDroppedEvent) => void>();
  /** assign() calls waiting for a thread while none is live (between a thread's death and its replacement). */
  private readonly threadWaiters = new Set<() => void>();
  private closing: Promise<void> | undefined;

  protected constructor(
    /** `statestore.cache.max.bytes`: shared by all tasks of the process. */
    private readonly cacheTotalBytes: number,
    slotsPerThread: number,
  ) {
    this.router = new ThreadRouter(slotsPerThread, (threadId, request, transfer) => this.transmit(threadId, request, transfer));
  }

  /** Sends one request to a thread and resolves with its raw reply; rejects only when the transport fails. */
  protected abstract transmit(threadId: number, request: WorkerRequest, transfer: ArrayBuffer[]): Promise<unknown>;

  /** Stops the transport, after every thread was told to shut down. */
  protected abstract stop(): Promise<void>;

  abstract replaceThread(threadId: number, cause: StreamsError): Promise<void>;

  // --- threads ------------------------------------------------------------------------------

  protected addThread(threadId: number): void {
    if (this.threads.has(threadId)) return;
    this.threads.set(threadId, new Set());
    this.router.addThread(threadId);
    for (const wake of this.threadWaiters) wake();
  }

  /**
   * A thread died: its tasks are gone with their open stores and uncommitted work. They are
   * reported corrupted, so the runtime assigns them again and restores them from their changelogs.
   */
  protected threadLost(threadId: number, cause: unknown): void {
    const tasks = this.threads.get(threadId);
    if (!tasks) return;
    this.threads.delete(threadId);
    const taskIds = [...tasks].sort();
    const why = cause instanceof Error ? cause.message : String(cause);
    const error = new TaskCorruptedError(
      `thread ${threadId} died (${why}); its tasks ${taskIds.length === 0 ? '(none)' : taskIds.join(', ')} were lost with their uncommitted work and must be assigned again, which restores them`,
      { context: { threadId, taskIds }, cause },
    );
    for (const taskId of taskIds) {
      this.owners.delete(taskId);
      this.lost.set(taskId, error);
    }
    this.router.removeThread(threadId, (request) => ('taskId' in request ? error : new StreamsError(`thread ${threadId} died before it answered a ${request.type} message: ${why}`, { code: 'WORKER_THREAD_DIED', context: { threadId } })));
    for (const listener of this.corruptedListeners) listener({ threadId, taskIds, error });
  }

  /** Sends a thread-wide message. */
  protected callThread<T extends 'hello' | 'shutdown'>(threadId: number, type: T): Promise<ReplyTo<T>> {
    return this.call(threadId, `#thread-${threadId}`, { type } as Extract<RequestBody, { type: T }>) as Promise<ReplyTo<T>>;
  }

  // --- TaskExecutor -------------------------------------------------------------------------

  threadIds(): readonly number[] {
    return [...this.threads.keys()];
  }

  threadOf(taskId: string): number | undefined {
    return this.owners.get(taskId);
  }

  tasksByThread(): ReadonlyMap<number, readonly string[]> {
    return new Map([...this.threads].map(([threadId, tasks]) => [threadId, [...tasks].sort()]));
  }

  async assign(tasks: readonly TaskAssignment[]): Promise<AssignOutcome[]> {
    this.assertOpen();
    if (this.threads.size === 0) await this.liveThread(10_000);
    const fresh = tasks.filter((t) => !this.owners.has(t.taskId));
    const taskCount = this.owners.size + new Set(fresh.map((t) => t.taskId)).size;
    const cacheMaxBytes = this.cacheShare(taskCount);
    return Promise.all(
      tasks.map(async (assignment): Promise<AssignOutcome> => {
        const { taskId } = assignment;
        try {
          if (this.owners.has(taskId)) {
            throw new IllegalStateError(`task ${taskId} is already assigned (to thread ${this.owners.get(taskId)}): close it before assigning it again`, { context: { taskId } });
          }
          const threadId = this.leastLoadedThread(taskId);
          this.own(taskId, threadId);
          try {
            const reply = await this.call(threadId, taskId, {
              type: 'assign-task',
              taskId,
              kind: assignment.kind ?? 'active',
              cacheMaxBytes,
              partitionCounts: assignment.partitionCounts ?? {},
            });
            return { ok: true, taskId, status: status(reply) };
          } catch (error) {
            this.disown(taskId);
            throw error;
          }
        } catch (error) {
          return { ok: false, taskId, error: asStreamsError(error) };
        }
      }),
    );
  }

  async restore(taskId: string, records: readonly ConsumedBatchRecord[]): Promise<RestoreResult> {
    const batch = encodeConsumedRecords(records);
    const reply = await this.callTask(taskId, { type: 'restore', taskId, records: batch }, [batch]);
    return { taskId, threadId: reply.threadId, restoredCount: reply.restoredCount, checkpoint: reply.checkpoint };
  }

  async completeRestore(taskId: string): Promise<void> {
    await this.callTask(taskId, { type: 'complete-restore', taskId });
  }

  async process(taskId: string, records: readonly ConsumedBatchRecord[]): Promise<ProcessResult> {
    const batch = encodeConsumedRecords(records);
    const reply = await this.callTask(taskId, { type: 'process', taskId, records: batch }, [batch]);
    return {
      taskId,
      threadId: reply.threadId,
      outputs: outputs(reply.outputs),
      consumedOffsets: reply.consumedOffsets,
      commitRequested: reply.commitRequested,
      streamTimeMs: reply.streamTimeMs,
      processedCount: reply.processedCount,
    };
  }

  async punctuate(taskId: string, wallClockMs: number): Promise<PunctuateResult> {
    const reply = await this.callTask(taskId, { type: 'punctuate', taskId, wallClockMs });
    return { taskId, threadId: reply.threadId, outputs: outputs(reply.outputs), punctuated: reply.punctuated, commitRequested: reply.commitRequested };
  }

  async flush(taskId: string): Promise<FlushResult> {
    const reply = await this.callTask(taskId, { type: 'flush', taskId });
    return { taskId, threadId: reply.threadId, outputs: outputs(reply.outputs) };
  }

  async commit(taskId: string, changelogOffsets: readonly ChangelogOffset[]): Promise<void> {
    await this.callTask(taskId, { type: 'commit', taskId, changelogOffsets });
  }

  async suspend(taskId: string): Promise<void> {
    await this.callTask(taskId, { type: 'suspend-task', taskId });
  }

  async resume(taskId: string): Promise<TaskStatus> {
    return status(await this.callTask(taskId, { type: 'resume-task', taskId, cacheMaxBytes: this.cacheShare(this.owners.size) }));
  }

  async closeTask(taskId: string, mode: CloseMode): Promise<void> {
    if (!this.owners.has(taskId)) {
      if (this.lost.delete(taskId) || mode === 'dirty') return;
      throw new IllegalStateError(`cannot close task ${taskId} clean: it is not assigned to this executor`, { context: { taskId } });
    }
    try {
      await this.callTask(taskId, { type: 'close-task', taskId, mode });
    } catch (error) {
      // A refused clean close (uncommitted work) leaves the task open; any other failure closed it anyway.
      if (!(error instanceof IllegalStateError)) this.disown(taskId);
      throw error;
    }
    this.disown(taskId);
  }

  async queryStore(taskId: string, { store, storeType, stale, query }: TaskStoreQuery): Promise<StoreQueryResult> {
    const context = { taskId, store };
    if (this.closing) throw new StateStoreNotAvailableError(`The state store, ${store}, is not available: the task threads are closing`, { context });
    const threadId = this.owners.get(taskId);
    if (threadId === undefined) {
      throw new StateStoreMigratedError(`The state store, ${store}, may have migrated to another instance: task ${taskId} is not open here${this.lost.has(taskId) ? ' (it was lost with its thread and is being restored)' : ''}. Rediscover the store's host and retry.`, { context });
    }
    // A key of its own: a query waits neither for the task's queued messages nor for other tasks' (the thread orders it after the task's running operation).
    const reply = await this.call(threadId, `query:${taskId}`, { type: 'query-store', taskId, store, storeType, stale, query });
    return reply.result;
  }

  onTaskCorrupted(listener: (event: TaskCorruptedEvent) => void): () => void {
    this.corruptedListeners.add(listener);
    return () => this.corruptedListeners.delete(listener);
  }

  onRecordsDropped(listener: (event: RecordsDroppedEvent) => void): () => void {
    this.droppedListeners.add(listener);
    return () => this.droppedListeners.delete(listener);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const results = await Promise.allSettled([...this.threads.keys()].map((threadId) => this.callThread(threadId, 'shutdown')));
      this.owners.clear();
      this.lost.clear();
      await this.stop();
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw asStreamsError(failed.reason);
    })();
    return this.closing;
  }

  // --- internals ----------------------------------------------------------------------------

  /** Waits until a thread is live (a dead or replaced one's successor is starting), at most `timeoutMs`. */
  private async liveThread(timeoutMs: number): Promise<void> {
    let wake: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve) => {
        wake = resolve;
        this.threadWaiters.add(wake);
        timer = setTimeout(resolve, timeoutMs);
      });
    } finally {
      this.threadWaiters.delete(wake);
      clearTimeout(timer);
    }
  }

  private cacheShare(taskCount: number): number {
    return Math.floor(this.cacheTotalBytes / Math.max(1, taskCount));
  }

  /** The live thread with the fewest tasks; ties go to the thread that joined first. */
  private leastLoadedThread(taskId: string): number {
    let best: number | undefined;
    let bestCount = Infinity;
    for (const [threadId, tasks] of this.threads) {
      if (tasks.size < bestCount) {
        best = threadId;
        bestCount = tasks.size;
      }
    }
    if (best === undefined) throw new StreamsError(`no live thread to run task ${taskId} on`, { code: 'WORKER_THREAD_UNKNOWN', context: { taskId } });
    return best;
  }

  private own(taskId: string, threadId: number): void {
    this.owners.set(taskId, threadId);
    this.threads.get(threadId)!.add(taskId);
    this.lost.delete(taskId);
  }

  private disown(taskId: string): void {
    const threadId = this.owners.get(taskId);
    if (threadId === undefined) return;
    this.owners.delete(taskId);
    this.threads.get(threadId)?.delete(taskId);
  }

  private async callTask<B extends TaskRequestBody>(taskId: string, body: B, transfer: ArrayBuffer[] = []): Promise<ReplyTo<B['type']>> {
    this.assertOpen();
    const threadId = this.owners.get(taskId);
    if (threadId === undefined) {
      const lost = this.lost.get(taskId);
      throw lost ?? new IllegalStateError(`cannot ${body.type} task ${taskId}: it is not assigned to this executor`, { context: { taskId } });
    }
    return this.call(threadId, taskId, body, transfer);
  }

  private async call<B extends RequestBody>(threadId: number, key: string, body: B, transfer: ArrayBuffer[] = []): Promise<ReplyTo<B['type']>> {
    const request = { ...body, v: PROTOCOL_VERSION, threadId } as WorkerRequest;
    let raw: unknown;
    try {
      raw = await this.router.submit(threadId, key, request, transfer);
    } catch (error) {
      throw this.transportFailure(threadId, request, error);
    }
    const reply = parseReply(raw, body.type);
    if (reply.dropped !== undefined && 'taskId' in request) {
      const event: RecordsDroppedEvent = { taskId: request.taskId, threadId: reply.threadId, counts: reply.dropped };
      for (const listener of this.droppedListeners) listener(event);
    }
    if (!reply.ok) throw fromWire(reply.error);
    return reply as ReplyTo<B['type']>;
  }

  private transportFailure(threadId: number, request: WorkerRequest, error: unknown): StreamsError {
    if (error instanceof StreamsError) return error;
    const why = error instanceof Error ? error.message : String(error);
    if ('taskId' in request && !this.threads.has(threadId)) {
      return this.lost.get(request.taskId) ?? new TaskCorruptedError(`task ${request.taskId} was lost with thread ${threadId}: ${why}`, { context: { taskId: request.taskId, threadId }, cause: error });
    }
    return new StreamsError(`could not deliver a ${request.type} message to thread ${threadId}: ${why}`, { code: 'WORKER_TRANSPORT_FAILED', cause: error, context: { threadId } });
  }

  private assertOpen(): void {
    if (this.closing) throw new IllegalStateError('the task executor is closed');
  }
}

function status(reply: TaskStatusReply<'assign-task' | 'resume-task'>): TaskStatus {
  return { taskId: reply.taskId, state: reply.state, threadId: reply.threadId, changelogs: reply.changelogs };
}

function outputs(buffer: ArrayBuffer | null): DecodedOutputRecord[] {
  // views, not copies: outputs go to the producer and are dropped
  return buffer === null ? [] : decodeOutputRecords(buffer, { zeroCopy: true });
}

function asStreamsError(error: unknown): StreamsError {
  if (error instanceof StreamsError) return error;
  return new StreamsError(error instanceof Error ? error.message : String(error), { cause: error });
}
