// Adapts protocol messages to TaskHost calls: checks the request, decodes its record batch, calls
// the host, encodes the outputs into one buffer, and turns any failure into an error reply (so a
// thread never rejects a Piscina task: a rejection means the thread itself is in trouble).
// The same handler serves worker threads and the in-process executor.
import { threadId as currentThreadId } from 'node:worker_threads';
import { IllegalStateError, toWire } from '../../errors';
import type { CollectedRecord } from '../../core/processor/record-collector';
import { PROTOCOL_VERSION, isRequestType, parseRequest, type ErrorReply, type ReplyTo, type RequestType, type WorkerReply, type WorkerRequest } from '../protocol';
import { decodeConsumedRecords, encodeOutputRecords } from '../record-batch-codec';
import type { TaskHost } from './task-host';

export interface HandledReply {
  readonly reply: WorkerReply;
  /** Buffers in the reply to transfer rather than copy. */
  readonly transfer: ArrayBuffer[];
}

export type RequestHandler = (message: unknown) => Promise<HandledReply>;

export function createRequestHandler(host: TaskHost): RequestHandler {
  return async (message) => {
    let request: WorkerRequest | undefined;
    try {
      request = parseRequest(message);
      if (request.threadId !== host.threadId) {
        throw new IllegalStateError(`a ${request.type} message for thread ${request.threadId} reached thread ${host.threadId}: the pool's routing is broken`, {
          context: { threadId: host.threadId, ...('taskId' in request ? { taskId: request.taskId } : {}) },
        });
      }
      return withDropped(host, request, await handle(host, request));
    } catch (error) {
      return withDropped(host, request, { reply: errorReply(message, request, host.threadId, error), transfer: [] });
    }
  };
}

/** Adds what the request's task dropped meanwhile: the only way a thread's drop counts reach the main thread. */
function withDropped(host: TaskHost, request: WorkerRequest | undefined, handled: HandledReply): HandledReply {
  if (request === undefined || !('taskId' in request)) return handled;
  const dropped = host.takeDropped(request.taskId);
  return dropped === undefined ? handled : { ...handled, reply: { ...handled.reply, dropped } };
}

/** For a thread that could not start: every request is answered with the start-up error. */
export function createFailedHandler(startError: unknown, threadId: number = currentThreadId): RequestHandler {
  return async (message) => ({ reply: errorReply(message, undefined, threadId, startError), transfer: [] });
}

async function handle(host: TaskHost, request: WorkerRequest): Promise<HandledReply> {
  const base = { v: PROTOCOL_VERSION as typeof PROTOCOL_VERSION, ok: true as const, threadId: host.threadId };
  switch (request.type) {
    case 'hello':
      return plain<'hello'>({ ...base, type: 'hello', fingerprint: host.fingerprint, taskIds: host.taskIds() });
    case 'shutdown':
      return plain<'shutdown'>({ ...base, type: 'shutdown', closedTaskIds: await host.shutdown() });
    case 'assign-task': {
      const status = await host.assign(request.taskId, { cacheMaxBytes: request.cacheMaxBytes, partitionCounts: request.partitionCounts });
      return plain<'assign-task'>({ ...base, type: 'assign-task', taskId: request.taskId, ...status });
    }
    case 'resume-task': {
      const status = await host.resume(request.taskId, request.cacheMaxBytes);
      return plain<'resume-task'>({ ...base, type: 'resume-task', taskId: request.taskId, ...status });
    }
    case 'suspend-task':
      await host.suspend(request.taskId);
      return plain<'suspend-task'>({ ...base, type: 'suspend-task', taskId: request.taskId });
    case 'restore': {
      const outcome = await host.restore(request.taskId, decodeConsumedRecords(request.records));
      return plain<'restore'>({ ...base, type: 'restore', taskId: request.taskId, ...outcome });
    }
    case 'complete-restore':
      await host.completeRestore(request.taskId);
      return plain<'complete-restore'>({ ...base, type: 'complete-restore', taskId: request.taskId });
    case 'process': {
      // copies: a record may outlive the batch (in an in-memory store, a cache)
      const outcome = await host.process(request.taskId, decodeConsumedRecords(request.records));
      const outputs = encodeOutputs(outcome.outputs);
      return withOutputs<'process'>(
        {
          ...base,
          type: 'process',
          taskId: request.taskId,
          outputs,
          consumedOffsets: outcome.consumedOffsets,
          commitRequested: outcome.commitRequested,
          streamTimeMs: outcome.streamTimeMs,
          processedCount: outcome.processedCount,
        },
        outputs,
      );
    }
    case 'punctuate': {
      const outcome = await host.punctuate(request.taskId, request.wallClockMs);
      const outputs = encodeOutputs(outcome.outputs);
      return withOutputs<'punctuate'>({ ...base, type: 'punctuate', taskId: request.taskId, outputs, punctuated: outcome.punctuated, commitRequested: outcome.commitRequested }, outputs);
    }
    case 'flush': {
      const outputs = encodeOutputs(await host.flush(request.taskId));
      return withOutputs<'flush'>({ ...base, type: 'flush', taskId: request.taskId, outputs }, outputs);
    }
    case 'commit':
      await host.commit(request.taskId, request.changelogOffsets);
      return plain<'commit'>({ ...base, type: 'commit', taskId: request.taskId });
    case 'close-task':
      await host.close(request.taskId, request.mode);
      return plain<'close-task'>({ ...base, type: 'close-task', taskId: request.taskId });
    case 'query-store': {
      const result = await host.queryStore(request.taskId, request.store, request.storeType, request.stale, request.query);
      return plain<'query-store'>({ ...base, type: 'query-store', taskId: request.taskId, result });
    }
  }
}

function plain<T extends RequestType>(reply: ReplyTo<T>): HandledReply {
  return { reply, transfer: [] };
}

function withOutputs<T extends RequestType>(reply: ReplyTo<T>, outputs: ArrayBuffer | null): HandledReply {
  return { reply, transfer: outputs === null ? [] : [outputs] };
}

function encodeOutputs(records: readonly CollectedRecord[]): ArrayBuffer | null {
  return records.length === 0 ? null : encodeOutputRecords(records);
}

function errorReply(message: unknown, request: WorkerRequest | undefined, threadId: number, error: unknown): ErrorReply {
  const rawType = (message as { type?: unknown } | null)?.type;
  const type = request?.type ?? (isRequestType(rawType) ? rawType : 'invalid');
  const rawTaskId = request !== undefined && 'taskId' in request ? request.taskId : (message as { taskId?: unknown } | null)?.taskId;
  return {
    v: PROTOCOL_VERSION,
    type,
    ok: false,
    threadId,
    ...(typeof rawTaskId === 'string' ? { taskId: rawTaskId } : {}),
    error: toWire(error),
  };
}
