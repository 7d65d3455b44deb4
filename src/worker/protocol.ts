// The messages between the main thread and the task threads (design-notes §2, style: "messages are
// plain data with a `type` field, defined once in worker/protocol.ts and checked at the boundary").
//
// Every request names its target thread and the protocol version; every reply echoes the request's
// `type`, says which thread answered, and is either `ok: true` with the result or `ok: false` with
// a WireError (rebuilt with `fromWire` on the main thread). Records travel as one ArrayBuffer per
// batch (record-batch-codec.ts), transferred, never as one message per record.
//
// The thread's start-up data (`WorkerInit`: topology module, data-only config) is not a request:
// it is Piscina's `workerData`, so a thread that replaces a dead one gets it too.
//
// Task-scoped requests follow the task's life (thread/task-state.ts):
//   assign-task → restoring (restore …, complete-restore) → running (process, punctuate, flush,
//   commit …) → suspend-task → resume-task → … → close-task (clean | dirty)
// Commit sequence (design-notes §6), as the runtime drives it per task:
//   1 `flush` → the outputs the caches forward; 2 the runtime produces them and awaits the acks;
//   3 the runtime commits the input offsets; 4 `commit` with the changelog offsets → the pending
//   writes and the checkpoint reach the task's storage in one batch.
// `query-store` (interactive queries) may come in any state; the thread answers it between the
// task's operations, and only for a running task unless it asks for stale stores.
import type { DropReason } from '../core/processor/task-sensors';
import { StreamsError, isWireError, type WireError } from '../errors';
import { isConfigData, type WorkerConfigData } from './worker-config';

/**
 * 2: task replies carry the records the task dropped (`dropped`).
 * 3: `query-store` (interactive queries of a task's store, answered with structured-clone values).
 */
export const PROTOCOL_VERSION = 3;

/** Records a task dropped while serving one request, by reason (kstreams_dropped_records_total{reason}); only reasons with a count > 0. */
export type DroppedCounts = Readonly<Partial<Record<DropReason, number>>>;

/** Input progress, as Kafka commits it: `offset` is the next offset to consume (one past the last record processed). */
export interface TopicPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/**
 * Changelog progress, as the checkpoint holds it (core/state/task-checkpoint.ts, Java's
 * OffsetCheckpoint): `offset` is the offset of the last changelog record the state includes;
 * restoring resumes at `offset + 1`.
 */
export interface ChangelogOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface ChangelogPartition {
  readonly store: string;
  /** The full topic name. */
  readonly topic: string;
  readonly partition: number;
  /** Whether the store keeps its data in the task's LevelDB; an in-memory store restores from the beginning every time. */
  readonly persistent: boolean;
  /** The offset of the last changelog record the local state holds (restore from the next one); null: restore from the beginning. */
  readonly checkpointOffset: number | null;
  /** The store reuses a source topic as its changelog (Java's source-topic reuse): restore from it, never write to it. */
  readonly isSourceTopic: boolean;
}

/** Standby tasks come in a later issue; the field is here so that adding them changes no message shape. */
export type TaskKind = 'active';

export type CloseMode = 'clean' | 'dirty';

/** What a thread is started with (Piscina's workerData). */
export interface WorkerInit {
  readonly v: typeof PROTOCOL_VERSION;
  /** The topology module's file: URL. */
  readonly topologyModule: string;
  readonly config: WorkerConfigData;
  /** The fingerprint of the main thread's build of the topology; a thread whose build differs refuses to run. Null: not checked. */
  readonly expectedFingerprint: string | null;
}

// --- requests ---------------------------------------------------------------------------

interface RequestBase<T extends string> {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: T;
  /** The thread the message is for: a task's messages go to the thread that owns it. */
  readonly threadId: number;
}

interface TaskRequestBase<T extends string> extends RequestBase<T> {
  /** `<subtopology>_<partition>` */
  readonly taskId: string;
}

/** Answers once the thread has loaded the topology: its fingerprint and tasks. */
export type HelloRequest = RequestBase<'hello'>;
/** Closes every task of the thread dirty (the runtime closes them clean first when it can). */
export type ShutdownRequest = RequestBase<'shutdown'>;

export interface AssignTaskRequest extends TaskRequestBase<'assign-task'> {
  readonly kind: TaskKind;
  /** This task's share of `statestore.cache.max.bytes`. */
  readonly cacheMaxBytes: number;
  /** Partition counts of output topics, for StreamPartitioners (topics missing here: the partitioner is not asked). */
  readonly partitionCounts: Readonly<Record<string, number>>;
}
export interface ResumeTaskRequest extends TaskRequestBase<'resume-task'> {
  readonly cacheMaxBytes: number;
}
export type SuspendTaskRequest = TaskRequestBase<'suspend-task'>;
/** Changelog records (a consumed-records batch) into the task's stores; then the checkpoint moves past them. */
export interface RestoreRequest extends TaskRequestBase<'restore'> {
  readonly records: ArrayBuffer;
}
export type CompleteRestoreRequest = TaskRequestBase<'complete-restore'>;
export interface ProcessRequest extends TaskRequestBase<'process'> {
  readonly records: ArrayBuffer;
}
/** Fires the wall-clock punctuations due at `wallClockMs`. */
export interface PunctuateRequest extends TaskRequestBase<'punctuate'> {
  readonly wallClockMs: number;
}
/** Commit step 1. */
export type FlushRequest = TaskRequestBase<'flush'>;
/** Commit step 4: `changelogOffsets` are the offsets of the last changelog records produced (acknowledged) since the last commit. */
export interface CommitRequest extends TaskRequestBase<'commit'> {
  readonly changelogOffsets: readonly ChangelogOffset[];
}
/** Clean: the task committed everything. Dirty: drop the pending writes and the cache (after an error or a fencing). */
export interface CloseTaskRequest extends TaskRequestBase<'close-task'> {
  readonly mode: CloseMode;
}

/** Which typed view of the store answers (QueryableStoreTypes.keyValueStore() or timestampedKeyValueStore()). */
export type StoreQueryType = 'key-value' | 'timestamped-key-value';

/**
 * An interactive query of one store of one task. Keys and values cross the thread boundary as
 * structured-clone values (the typed view's, deserialized in the thread that owns the store).
 * A scan answers at most `limit` entries; the next batch starts after `after` (the last key of
 * the previous batch, excluded), so no iterator stays open between requests.
 */
export type StoreQuery =
  | { readonly op: 'get'; readonly key: unknown }
  | {
      readonly op: 'scan';
      readonly from: unknown;
      readonly to: unknown;
      readonly reverse: boolean;
      /** Present from the second batch on: resume after this key. */
      readonly after?: { readonly key: unknown };
      readonly limit: number;
    }
  | { readonly op: 'count' };

export interface QueryStoreRequest extends TaskRequestBase<'query-store'> {
  readonly store: string;
  readonly storeType: StoreQueryType;
  /** Java's enableStaleStores: a restoring or suspended task answers too (else only a running one does). */
  readonly stale: boolean;
  readonly query: StoreQuery;
}

export type StoreQueryResult =
  | { readonly op: 'get'; readonly value: unknown }
  | { readonly op: 'scan'; readonly entries: readonly { readonly key: unknown; readonly value: unknown }[]; readonly done: boolean }
  | { readonly op: 'count'; readonly count: number };

export type WorkerRequest =
  | QueryStoreRequest
  | HelloRequest
  | ShutdownRequest
  | AssignTaskRequest
  | ResumeTaskRequest
  | SuspendTaskRequest
  | RestoreRequest
  | CompleteRestoreRequest
  | ProcessRequest
  | PunctuateRequest
  | FlushRequest
  | CommitRequest
  | CloseTaskRequest;

export type RequestType = WorkerRequest['type'];
export type TaskRequest = Extract<WorkerRequest, { readonly taskId: string }>;
export type RequestOf<T extends RequestType> = Extract<WorkerRequest, { readonly type: T }>;

// --- replies ----------------------------------------------------------------------------

interface ReplyBase<T extends RequestType> {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: T;
  readonly ok: true;
  /** The thread that answered. */
  readonly threadId: number;
  /**
   * The records the request's task dropped while it was served (a worker thread's drops reach the
   * main thread's counters only this way); absent when none were, and on thread-wide replies.
   */
  readonly dropped?: DroppedCounts;
}

interface TaskReplyBase<T extends RequestType> extends ReplyBase<T> {
  readonly taskId: string;
}

export interface HelloReply extends ReplyBase<'hello'> {
  readonly fingerprint: string;
  readonly taskIds: readonly string[];
}
export interface ShutdownReply extends ReplyBase<'shutdown'> {
  readonly closedTaskIds: readonly string[];
}
export interface TaskStatusReply<T extends 'assign-task' | 'resume-task'> extends TaskReplyBase<T> {
  readonly state: 'restoring' | 'running';
  readonly changelogs: readonly ChangelogPartition[];
}
export type TaskAckReply<T extends 'suspend-task' | 'complete-restore' | 'commit' | 'close-task'> = TaskReplyBase<T>;
export interface RestoreReply extends TaskReplyBase<'restore'> {
  readonly restoredCount: number;
  /** The checkpoint after this batch. */
  readonly checkpoint: readonly ChangelogOffset[];
}
export interface ProcessReply extends TaskReplyBase<'process'> {
  /** An output-records batch (sink, repartition and changelog records, in the order written), or null when there are none. */
  readonly outputs: ArrayBuffer | null;
  readonly consumedOffsets: readonly TopicPartitionOffset[];
  /** A processor called `context.commit()`, or the pending writes reached their bound: commit soon. */
  readonly commitRequested: boolean;
  readonly streamTimeMs: number;
  readonly processedCount: number;
}
export interface PunctuateReply extends TaskReplyBase<'punctuate'> {
  readonly outputs: ArrayBuffer | null;
  readonly punctuated: boolean;
  readonly commitRequested: boolean;
}
export interface FlushReply extends TaskReplyBase<'flush'> {
  readonly outputs: ArrayBuffer | null;
}
export interface QueryStoreReply extends TaskReplyBase<'query-store'> {
  readonly result: StoreQueryResult;
}
export interface ErrorReply {
  readonly v: typeof PROTOCOL_VERSION;
  /** The request's type, or 'invalid' when the request itself could not be read. */
  readonly type: RequestType | 'invalid';
  readonly ok: false;
  readonly threadId: number;
  readonly taskId?: string;
  readonly error: WireError;
  /** Drops counted before the request failed (a skipped record, then a fatal one). */
  readonly dropped?: DroppedCounts;
}

export interface ReplyMap {
  hello: HelloReply;
  shutdown: ShutdownReply;
  'assign-task': TaskStatusReply<'assign-task'>;
  'resume-task': TaskStatusReply<'resume-task'>;
  'suspend-task': TaskAckReply<'suspend-task'>;
  restore: RestoreReply;
  'complete-restore': TaskAckReply<'complete-restore'>;
  process: ProcessReply;
  punctuate: PunctuateReply;
  flush: FlushReply;
  commit: TaskAckReply<'commit'>;
  'close-task': TaskAckReply<'close-task'>;
  'query-store': QueryStoreReply;
}

export type ReplyTo<T extends RequestType> = ReplyMap[T];
export type WorkerReply = ReplyMap[RequestType] | ErrorReply;

// --- checking at the boundary -----------------------------------------------------------

/** A message that does not follow this protocol: a bug, or threads running different kstreams builds. */
export function protocolError(message: string): StreamsError {
  return new StreamsError(message, { code: 'WORKER_PROTOCOL_INVALID' });
}

/** Returns what is wrong with a value, or undefined when it is fine. */
type Check = (value: unknown) => string | undefined;

const TASK_ID = /^\d+_\d+$/;

const isString: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'a boolean');
const isNumber: Check = (v) => (typeof v === 'number' && !Number.isNaN(v) ? undefined : 'a number');
const isCount: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : 'an integer >= 0');
const isThreadId: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : 'a thread id (an integer >= 0)');
const isTaskId: Check = (v) => (typeof v === 'string' && TASK_ID.test(v) ? undefined : "a task id ('<subtopology>_<partition>')");
const isArrayBuffer: Check = (v) => (v instanceof ArrayBuffer ? undefined : 'an ArrayBuffer');
const isOutputs: Check = (v) => (v === null || v instanceof ArrayBuffer ? undefined : 'an ArrayBuffer or null');
const isNullableCount: Check = (v) => (v === null || isCount(v) === undefined ? undefined : 'an integer >= 0 or null');
const isWire: Check = (v) => (isWireError(v) ? undefined : 'a WireError');
const isTaskKind: Check = (v) => (v === 'active' ? undefined : "'active' (standby tasks are not supported yet)");
const isCloseMode: Check = (v) => (v === 'clean' || v === 'dirty' ? undefined : "'clean' or 'dirty'");
const isTaskState: Check = (v) => (v === 'restoring' || v === 'running' ? undefined : "'restoring' or 'running'");
const isFingerprint: Check = (v) => (v === null || typeof v === 'string' ? undefined : 'a string or null');

// a Record, so that a new DropReason fails to compile here until the protocol knows it
const DROP_REASONS: Readonly<Record<DropReason, true>> = { deserialization: true, processing: true, 'negative-timestamp': true, 'null-key': true, late: true, 'expired-window': true };
const isDroppedCounts: Check = (v) => {
  const what = `an object of drop reason (${Object.keys(DROP_REASONS).join(', ')}) → count > 0`;
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return what;
  for (const [reason, count] of Object.entries(v)) {
    if (!Object.hasOwn(DROP_REASONS, reason) || !Number.isSafeInteger(count) || (count as number) <= 0) return `${what} (${reason}: ${String(count)})`;
  }
  return undefined;
};

function arrayOf(item: Check, what: string): Check {
  return (v) => {
    if (!Array.isArray(v)) return `an array of ${what}`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i]);
      if (problem !== undefined) return `an array of ${what} (item ${i} is not ${problem})`;
    }
    return undefined;
  };
}

function object(spec: Readonly<Record<string, Check>>, what: string): Check {
  return (v) => {
    if (typeof v !== 'object' || v === null) return what;
    for (const [field, check] of Object.entries(spec)) {
      const problem = check((v as Record<string, unknown>)[field]);
      if (problem !== undefined) return `${what} (its ${field} is not ${problem})`;
    }
    return undefined;
  };
}

const isTopicPartitionOffset = object({ topic: isString, partition: isCount, offset: isNumber }, '{ topic, partition, offset }');
const isOffsets = arrayOf(isTopicPartitionOffset, 'topic-partition offsets');
const isChangelogs = arrayOf(
  object({ store: isString, topic: isString, partition: isCount, persistent: isBoolean, checkpointOffset: isNullableCount, isSourceTopic: isBoolean }, 'a changelog partition'),
  'changelog partitions',
);
const isPartitionCounts: Check = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'an object of topic → partition count';
  for (const [topic, count] of Object.entries(v)) if (isCount(count) !== undefined) return `an object of topic → partition count (${topic}: ${String(count)})`;
  return undefined;
};

const isStoreQueryType: Check = (v) => (v === 'key-value' || v === 'timestamped-key-value' ? undefined : "'key-value' or 'timestamped-key-value'");
const isStoreQuery: Check = (v) => {
  if (typeof v !== 'object' || v === null) return 'a store query';
  const q = v as Record<string, unknown>;
  switch (q.op) {
    case 'get':
      return 'key' in q ? undefined : 'a get query (its key is missing)';
    case 'scan': {
      if (typeof q.reverse !== 'boolean') return 'a scan query (its reverse is not a boolean)';
      if (!Number.isSafeInteger(q.limit) || (q.limit as number) < 1) return 'a scan query (its limit is not an integer >= 1)';
      if (q.after !== undefined && (typeof q.after !== 'object' || q.after === null || !('key' in q.after))) return 'a scan query (its after is not { key })';
      return 'from' in q && 'to' in q ? undefined : 'a scan query (from and to are required, null for open bounds)';
    }
    case 'count':
      return undefined;
    default:
      return "a store query (op 'get', 'scan' or 'count')";
  }
};
const isStoreQueryResult: Check = (v) => {
  if (typeof v !== 'object' || v === null) return 'a store query result';
  const r = v as Record<string, unknown>;
  if (r.op === 'get') return 'value' in r ? undefined : 'a get result (its value is missing)';
  if (r.op === 'count') return isCount(r.count) === undefined ? undefined : 'a count result (its count is not an integer >= 0)';
  if (r.op === 'scan') return Array.isArray(r.entries) && typeof r.done === 'boolean' ? undefined : 'a scan result ({ entries, done })';
  return "a store query result (op 'get', 'scan' or 'count')";
};

const REQUEST_FIELDS: { readonly [T in RequestType]: Readonly<Record<string, Check>> } = {
  hello: {},
  shutdown: {},
  'assign-task': { taskId: isTaskId, kind: isTaskKind, cacheMaxBytes: isCount, partitionCounts: isPartitionCounts },
  'resume-task': { taskId: isTaskId, cacheMaxBytes: isCount },
  'suspend-task': { taskId: isTaskId },
  restore: { taskId: isTaskId, records: isArrayBuffer },
  'complete-restore': { taskId: isTaskId },
  process: { taskId: isTaskId, records: isArrayBuffer },
  punctuate: { taskId: isTaskId, wallClockMs: isNumber },
  flush: { taskId: isTaskId },
  commit: { taskId: isTaskId, changelogOffsets: isOffsets },
  'close-task': { taskId: isTaskId, mode: isCloseMode },
  'query-store': { taskId: isTaskId, store: isString, storeType: isStoreQueryType, stale: isBoolean, query: isStoreQuery },
};

const task = { taskId: isTaskId };
const REPLY_FIELDS: { readonly [T in RequestType]: Readonly<Record<string, Check>> } = {
  hello: { fingerprint: isString, taskIds: arrayOf(isTaskId, 'task ids') },
  shutdown: { closedTaskIds: arrayOf(isTaskId, 'task ids') },
  'assign-task': { ...task, state: isTaskState, changelogs: isChangelogs },
  'resume-task': { ...task, state: isTaskState, changelogs: isChangelogs },
  'suspend-task': task,
  restore: { ...task, restoredCount: isCount, checkpoint: isOffsets },
  'complete-restore': task,
  process: { ...task, outputs: isOutputs, consumedOffsets: isOffsets, commitRequested: isBoolean, streamTimeMs: isNumber, processedCount: isCount },
  punctuate: { ...task, outputs: isOutputs, punctuated: isBoolean, commitRequested: isBoolean },
  flush: { ...task, outputs: isOutputs },
  commit: task,
  'close-task': task,
  'query-store': { ...task, result: isStoreQueryResult },
};

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && Object.hasOwn(REQUEST_FIELDS, value);
}

function checkVersion(obj: Record<string, unknown>, what: string): void {
  if (obj.v !== PROTOCOL_VERSION) {
    throw protocolError(
      `${what} speaks worker protocol version ${String(obj.v)}, this side speaks ${PROTOCOL_VERSION}: the main thread and the worker threads run different kstreams builds (rebuild, or reinstall kstreams)`,
    );
  }
}

function checkFields(obj: Record<string, unknown>, spec: Readonly<Record<string, Check>>, what: string): void {
  for (const [field, check] of Object.entries(spec)) {
    const problem = check(obj[field]);
    if (problem !== undefined) throw protocolError(`invalid ${what}: its ${field} is ${show(obj[field])}, expected ${problem}`);
  }
}

/** Checks a message a thread received. @throws StreamsError WORKER_PROTOCOL_INVALID */
export function parseRequest(value: unknown): WorkerRequest {
  if (typeof value !== 'object' || value === null) throw protocolError(`a worker request must be an object, got ${show(value)}`);
  const obj = value as Record<string, unknown>;
  if (!isRequestType(obj.type)) throw protocolError(`unknown worker request type ${show(obj.type)}; known: ${Object.keys(REQUEST_FIELDS).join(', ')}`);
  checkVersion(obj, `the ${obj.type} request`);
  checkFields(obj, { threadId: isThreadId, ...REQUEST_FIELDS[obj.type] }, `${obj.type} request`);
  return obj as unknown as WorkerRequest;
}

/** Checks a reply to a request of type `type`. @throws StreamsError WORKER_PROTOCOL_INVALID */
export function parseReply<T extends RequestType>(value: unknown, type: T): ReplyTo<T> | ErrorReply {
  if (typeof value !== 'object' || value === null) throw protocolError(`a reply to a ${type} request must be an object, got ${show(value)}`);
  const obj = value as Record<string, unknown>;
  checkVersion(obj, `the reply to a ${type} request`);
  if (obj.ok === false) {
    checkFields(obj, { threadId: isThreadId, error: isWire, dropped: isDroppedCounts }, `error reply to a ${type} request`);
    return obj as unknown as ErrorReply;
  }
  if (obj.ok !== true) throw protocolError(`a reply to a ${type} request must have ok: true or false, got ${show(obj.ok)}`);
  if (obj.type !== type) throw protocolError(`a ${type} request was answered with a ${show(obj.type)} reply`);
  checkFields(obj, { threadId: isThreadId, dropped: isDroppedCounts, ...REPLY_FIELDS[type] }, `${type} reply`);
  return obj as unknown as ReplyTo<T>;
}

/** Checks a thread's start-up data. @throws StreamsError WORKER_PROTOCOL_INVALID */
export function parseWorkerInit(value: unknown): WorkerInit {
  if (typeof value !== 'object' || value === null) throw protocolError(`a worker thread's start-up data must be an object, got ${show(value)}`);
  const obj = value as Record<string, unknown>;
  checkVersion(obj, "the worker thread's start-up data");
  checkFields(obj, { topologyModule: isString, expectedFingerprint: isFingerprint }, "worker thread's start-up data");
  const config = obj.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config) || !isConfigData(config)) {
    throw protocolError("invalid worker thread's start-up data: its config must be an object of plain data");
  }
  return obj as unknown as WorkerInit;
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value instanceof ArrayBuffer) return `an ArrayBuffer of ${value.byteLength} bytes`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
