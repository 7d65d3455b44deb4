// The contract every store and store layer meets (Java's StateStore and StateStoreContext).
import type { ProcessorRecordContext } from '../processor/processor-record-context';
import type { TaskId } from '../processor/task-id';
import type { Serde } from '../serde/serde';
import type { StoreSensor } from './store-sensor';
import type { TaskCache } from './task-cache';
import type { TaskStorage } from './task-storage';

/** A change-logged write, in bytes, as it goes to `<application.id>-<store>-changelog`. */
export interface ChangelogRecord {
  key: Buffer;
  value: Buffer | null;
  timestamp: number;
  /**
   * The record's offset in its changelog partition: set on records read back for restore (a
   * LevelDB store checkpoints the last one with the restored data), absent on records being logged.
   */
  offset?: number;
}

/** What the task gives a store when it opens it. */
export interface StateStoreContext {
  applicationId(): string;
  taskId(): TaskId;
  stateDir(): string;
  appConfigs(): Readonly<{ [key: string]: unknown }>;
  /** `default.key.serde`, for stores built without a key serde (Java's StateStoreContext#keySerde). */
  keySerde(): Serde<unknown> | null;
  /** `default.value.serde`, for stores built without a value serde. */
  valueSerde(): Serde<unknown> | null;
  /**
   * The record the current processor is processing, as it is at that processor (its timestamp and
   * headers after any upstream `withTimestamp`/`withHeaders`); inside a punctuation, the
   * punctuation's context. Java's `context.timestamp()`/`headers()`: the change-logging layer stamps
   * changelog records with this timestamp, the caching layer remembers it with each dirty entry.
   */
  recordContext(): ProcessorRecordContext;
  /**
   * The task's record cache, shared by all of its caching stores (Java's per-thread ThreadCache; one
   * per task here, bound to `statestore.cache.max.bytes` divided by the number of tasks). A task
   * without caching hands out a `new TaskCache(0)`: caching layers then pass every write through.
   */
  cache(): TaskCache;
  /** Registers the outermost store of a layer stack, with how to apply changelog records to it on restore. */
  register(store: StateStore, restore: (records: ChangelogRecord[]) => void | Promise<void>): void;
  /** The changelog topic of `storeName` (with the application id prefix), or null when logging is off. */
  changelogFor(storeName: string): string | null;
  /** Collects a changelog record for the runtime to produce at the next commit. */
  logChange(storeName: string, record: ChangelogRecord): void;
  /** Where a metered store reports latencies and leaked iterators; absent or undefined: not measured. */
  storeSensor?(storeName: string, metricsScope: string): StoreSensor | undefined;
  /**
   * The task's local state (its directory, LevelDB, pending writes and checkpoint), which persistent
   * stores keep their data in; absent or undefined where the task has none (a store test's context).
   */
  taskStorage?(): TaskStorage | undefined;
}

export interface StateStore {
  name(): string;
  init(context: StateStoreContext, root: StateStore): void | Promise<void>;
  /** Pushes buffered writes down one layer (the caching layer forwards and change-logs its dirty entries). */
  flush(): void | Promise<void>;
  close(): void | Promise<void>;
  persistent(): boolean;
  isOpen(): boolean;
}
