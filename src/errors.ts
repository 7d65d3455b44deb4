/**
 * The one error hierarchy of kstreams, and its wire form for crossing worker threads.
 *
 * Every error carries a stable `code` (SCREAMING_SNAKE; callers, metrics and alerts may depend on it)
 * and `fatal`: true when the runtime cannot recover by itself (the instance must stop, or the error is
 * a mistake that retrying will not fix), false when the runtime recovers it (a migrated or corrupted
 * task is closed and rebuilt; a store query is retried by the caller).
 *
 * Class instances do not survive `structuredClone` / `postMessage` (they arrive as plain `Error`s
 * without `code`), so workers send `toWire(err)` and the main thread rebuilds the same class with
 * `fromWire(wire)`.
 */

/** A value that survives `structuredClone`, so an error's context can cross threads as it is. */
export type ErrorContextValue = string | number | boolean | null | readonly string[] | readonly number[];

/** What an error happened to. Every field is optional; fill in whatever applies. */
export interface ErrorContext {
  readonly taskId?: string;
  readonly topic?: string;
  readonly partition?: number;
  /** kafkajs carries offsets as strings; either form is accepted. */
  readonly offset?: number | string;
  readonly store?: string;
  readonly processor?: string;
  /** The config key an error is about (`ConfigError`). */
  readonly configKey?: string;
  readonly threadId?: number;
  /** Set by `toWire`/`fromWire` when the original error was not a `StreamsError` (`TypeError`, `string`...). */
  readonly originalName?: string;
  readonly [field: string]: ErrorContextValue | undefined;
}

export interface StreamsErrorOptions {
  /** Overrides the class's default code, e.g. `CONFIG_UNKNOWN_KEY` for a `ConfigError`. */
  readonly code?: string;
  /** Overrides the class's default fatality. */
  readonly fatal?: boolean;
  readonly context?: ErrorContext;
  /** ES2022 error cause: the error that led to this one. */
  readonly cause?: unknown;
}

/** The plain-data form of an error: survives `structuredClone` and worker-thread `postMessage`. */
export interface WireError {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly fatal: boolean;
  readonly stack?: string;
  readonly context?: ErrorContext;
  readonly cause?: WireError;
}

/** Code given to errors that did not come from kstreams (a `TypeError`, a thrown string...). */
export const UNKNOWN_ERROR_CODE = 'UNKNOWN';

/** Java: `StreamsException`. The base of every kstreams error; also what a foreign error becomes. */
export class StreamsError extends Error {
  static readonly defaultCode: string = 'STREAMS_ERROR';
  static readonly defaultFatal: boolean = true;

  readonly code: string;
  readonly fatal: boolean;
  readonly context: ErrorContext | undefined;

  constructor(message: string, options: StreamsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const defaults = new.target as typeof StreamsError;
    this.code = options.code ?? defaults.defaultCode;
    this.fatal = options.fatal ?? defaults.defaultFatal;
    this.context = options.context === undefined ? undefined : Object.freeze({ ...options.context });
  }
}

/** Java: `ConfigException`. A missing, unknown or malformed config value. */
export class ConfigError extends StreamsError {
  static override readonly defaultCode: string = 'CONFIG_INVALID';
}

/** Java: `TopologyException`. A topology that cannot run (bad wiring, co-partitioning, fingerprint mismatch). */
export class TopologyError extends StreamsError {
  static override readonly defaultCode: string = 'TOPOLOGY_INVALID';
}

/** Java: `SerializationException`. A serde failed and its exception handler said FAIL. */
export class SerdeError extends StreamsError {
  static override readonly defaultCode: string = 'SERDE_FAILED';
}

/** A processor threw and `processing.exception.handler` said FAIL. */
export class ProcessingError extends StreamsError {
  static override readonly defaultCode: string = 'PROCESSING_FAILED';
}

/** A record could not be produced and `default.production.exception.handler` said FAIL. */
export class ProductionError extends StreamsError {
  static override readonly defaultCode: string = 'PRODUCTION_FAILED';
}

/** Java: `TaskMigratedException`. The task now belongs to another member (fenced, rebalanced); close it and rejoin. */
export class TaskMigratedError extends StreamsError {
  static override readonly defaultCode: string = 'TASK_MIGRATED';
  static override readonly defaultFatal: boolean = false;
}

/** Java: `TaskCorruptedException`. The task's local state cannot be trusted; close it dirty and restore it. */
export class TaskCorruptedError extends StreamsError {
  static override readonly defaultCode: string = 'TASK_CORRUPTED';
  static override readonly defaultFatal: boolean = false;
}

/** Java: `TaskAssignmentException`. The assignor could not produce a valid assignment. */
export class TaskAssignmentError extends StreamsError {
  static override readonly defaultCode: string = 'TASK_ASSIGNMENT_FAILED';
}

/** Java: `ProcessorStateException`. A state store failed to read or write (LevelDB I/O, bad checkpoint). */
export class ProcessorStateError extends StreamsError {
  static override readonly defaultCode: string = 'STATE_STORE_FAILED';
}

/** Java: `LockException`. Another owner holds a task directory's lock; retried after the owner lets go. */
export class LockError extends StreamsError {
  static override readonly defaultCode: string = 'STATE_DIR_LOCKED';
  static override readonly defaultFatal: boolean = false;
}

/** Java: `IllegalStateException`. An operation called in a state that does not allow it (a bug or API misuse). */
export class IllegalStateError extends StreamsError {
  static override readonly defaultCode: string = 'ILLEGAL_STATE';
}

/** Java: `InvalidStateStoreException`. A store cannot be queried now (restoring, migrated, closed); retry later. */
export class InvalidStateStoreError extends StreamsError {
  static override readonly defaultCode: string = 'STATE_STORE_INVALID';
  static override readonly defaultFatal: boolean = false;
}

/** Java: `StateStoreMigratedException`. The store moved to another instance; rediscover its host. */
export class StateStoreMigratedError extends InvalidStateStoreError {
  static override readonly defaultCode: string = 'STATE_STORE_MIGRATED';
}

/** Java: `StateStoreNotAvailableException`. The instance is not running (pending shutdown, error). */
export class StateStoreNotAvailableError extends InvalidStateStoreError {
  static override readonly defaultCode: string = 'STATE_STORE_NOT_AVAILABLE';
}

/** Java: `UnknownStateStoreException`. No store of that name is in the topology. */
export class UnknownStateStoreError extends InvalidStateStoreError {
  static override readonly defaultCode: string = 'STATE_STORE_UNKNOWN';
}

/** Java: `StreamsNotStartedException`. A store was queried before `start()`. */
export class StreamsNotStartedError extends InvalidStateStoreError {
  static override readonly defaultCode: string = 'STREAMS_NOT_STARTED';
}

export type StreamsErrorClass = new (message: string, options?: StreamsErrorOptions) => StreamsError;

/**
 * Every class `fromWire` can rebuild, keyed by its name (which is also the wire `name`). Adding a
 * subclass: declare it above and add it here. The key is written into the prototype's `name`, so
 * `err.name` is the class name even if a bundler renames the class binding.
 */
const ERROR_CLASSES = {
  StreamsError,
  ConfigError,
  TopologyError,
  SerdeError,
  ProcessingError,
  ProductionError,
  TaskMigratedError,
  TaskCorruptedError,
  TaskAssignmentError,
  ProcessorStateError,
  LockError,
  IllegalStateError,
  InvalidStateStoreError,
  StateStoreMigratedError,
  StateStoreNotAvailableError,
  UnknownStateStoreError,
  StreamsNotStartedError,
} satisfies Record<string, StreamsErrorClass>;

export type StreamsErrorName = keyof typeof ERROR_CLASSES;

const REGISTRY = new Map<string, StreamsErrorClass>(Object.entries(ERROR_CLASSES));
for (const [name, errorClass] of REGISTRY) {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true, enumerable: false });
}

/** A cause chain longer than this is cut (and a cyclic one stops at the repeat): wire forms stay small. */
const MAX_CAUSE_DEPTH = 16;

/** The plain-data form of any thrown value. */
export function toWire(err: unknown): WireError {
  return toWireAt(err, 0, new Set());
}

function toWireAt(err: unknown, depth: number, seen: Set<unknown>): WireError {
  seen.add(err);
  const causeOf = (value: unknown): WireError | undefined =>
    value === undefined || depth + 1 >= MAX_CAUSE_DEPTH || seen.has(value) ? undefined : toWireAt(value, depth + 1, seen);

  if (err instanceof StreamsError) {
    return stripUndefined({
      name: err.name,
      code: err.code,
      message: err.message,
      fatal: err.fatal,
      stack: err.stack,
      context: err.context === undefined ? undefined : { ...err.context },
      cause: causeOf(err.cause),
    });
  }
  if (err instanceof Error) {
    // Node system errors carry their own string code (ECONNREFUSED, ERR_...): keep it as context.
    const nodeCode = (err as { code?: unknown }).code;
    return stripUndefined({
      name: err.name,
      code: UNKNOWN_ERROR_CODE,
      message: err.message,
      fatal: true,
      stack: err.stack,
      context: typeof nodeCode === 'string' ? { originalName: err.name, originalCode: nodeCode } : { originalName: err.name },
      cause: causeOf(err.cause),
    });
  }
  const name = err === null ? 'null' : typeof err === 'object' ? (err.constructor?.name ?? 'Object') : typeof err;
  return { name, code: UNKNOWN_ERROR_CODE, message: describeThrown(err), fatal: true, context: { originalName: name } };
}

/**
 * Rebuilds the error a wire form describes: the same class (so `instanceof` works), code, fatality,
 * context, message, stack and cause chain. A name kstreams does not know (a foreign error) gives a
 * plain `StreamsError` whose context keeps the original name.
 */
export function fromWire(wire: WireError): StreamsError {
  const errorClass = REGISTRY.get(wire.name);
  const context = errorClass === undefined ? { ...wire.context, originalName: wire.context?.originalName ?? wire.name } : wire.context;
  const err = new (errorClass ?? StreamsError)(wire.message, {
    code: wire.code,
    fatal: wire.fatal,
    context,
    cause: wire.cause === undefined ? undefined : fromWire(wire.cause),
  });
  if (wire.stack !== undefined) {
    Object.defineProperty(err, 'stack', { value: wire.stack, writable: true, configurable: true, enumerable: false });
  }
  return err;
}

/** Checks a value received from another thread before `fromWire` trusts it. */
export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const w = value as Record<string, unknown>;
  return (
    typeof w.name === 'string' &&
    typeof w.code === 'string' &&
    typeof w.message === 'string' &&
    typeof w.fatal === 'boolean' &&
    (w.stack === undefined || typeof w.stack === 'string') &&
    (w.context === undefined || (typeof w.context === 'object' && w.context !== null)) &&
    (w.cause === undefined || isWireError(w.cause))
  );
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const message = (value as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Optional fields are left out rather than set to `undefined`, so wire forms compare and print cleanly. */
function stripUndefined(wire: WireError): WireError {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wire)) if (value !== undefined) out[field] = value;
  return out as unknown as WireError;
}
