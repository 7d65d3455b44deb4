// A StateStoreContext for store tests: collects changelog records, keeps restore callbacks, lets a
// test set the current record's timestamp, and records what the store reports to its sensor.
import { RecordHeaders } from '../../../../../src/core/processor/record-headers';
import type { ProcessorRecordContext } from '../../../../../src/core/processor/processor-record-context';
import { TaskId } from '../../../../../src/core/processor/task-id';
import type { Serde } from '../../../../../src/core/serde/serde';
import type { ChangelogRecord, StateStore, StateStoreContext } from '../../../../../src/core/state/state-store';
import type { StoreOperation, StoreSensor } from '../../../../../src/core/state/store-sensor';
import { TaskCache } from '../../../../../src/core/state/task-cache';
import type { TaskStorage } from '../../../../../src/core/state/task-storage';

export interface LoggedChange extends ChangelogRecord {
  store: string;
}

export interface FakeStateStoreContextOptions {
  cacheMaxBytes?: number;
  keySerde?: Serde<unknown> | null;
  valueSerde?: Serde<unknown> | null;
  /** Whether the context hands out a sensor. */
  metered?: boolean;
  /** The task storage persistent stores open (none: they cannot be opened). */
  taskStorage?: TaskStorage;
  taskId?: TaskId;
}

type RestoreCallback = (records: ChangelogRecord[]) => void | Promise<void>;

export class FakeStateStoreContext implements StateStoreContext {
  readonly changelog: LoggedChange[] = [];
  readonly registered = new Map<string, { store: StateStore; restore: RestoreCallback }>();
  readonly latencies: StoreOperation[] = [];
  readonly unclosedIteratorReports: number[] = [];
  readonly taskCache: TaskCache;
  private current: ProcessorRecordContext = { timestamp: 0, topic: 'input', partition: 0, offset: 0, headers: new RecordHeaders() };

  constructor(private readonly options: FakeStateStoreContextOptions = {}) {
    this.taskCache = new TaskCache(options.cacheMaxBytes ?? 0);
  }

  /** Makes `timestamp` (and optionally headers) the current record's, as the runtime does per record. */
  processing(timestamp: number, headers: RecordHeaders = new RecordHeaders(), offset = this.current.offset + 1): this {
    this.current = { timestamp, topic: 'input', partition: 0, offset, headers };
    return this;
  }

  async restore(storeName: string, records: ChangelogRecord[]): Promise<void> {
    const registration = this.registered.get(storeName);
    if (!registration) throw new Error(`store ${storeName} did not register`);
    await registration.restore(records);
  }

  applicationId(): string {
    return 'app';
  }
  taskId(): TaskId {
    return this.options.taskId ?? new TaskId(0, 0);
  }
  stateDir(): string {
    return '/tmp/kstreams-test';
  }
  appConfigs(): Readonly<{ [key: string]: unknown }> {
    return {};
  }
  keySerde(): Serde<unknown> | null {
    return this.options.keySerde ?? null;
  }
  valueSerde(): Serde<unknown> | null {
    return this.options.valueSerde ?? null;
  }
  recordContext(): ProcessorRecordContext {
    return this.current;
  }
  cache(): TaskCache {
    return this.taskCache;
  }
  register(store: StateStore, restore: RestoreCallback): void {
    this.registered.set(store.name(), { store, restore });
    // as the task does
    this.options.taskStorage?.register(store.name(), this.changelogFor(store.name()), restore);
  }
  changelogFor(storeName: string): string | null {
    return `app-${storeName}-changelog`;
  }
  logChange(storeName: string, record: ChangelogRecord): void {
    this.changelog.push({ store: storeName, ...record });
  }
  taskStorage(): TaskStorage | undefined {
    return this.options.taskStorage;
  }
  storeSensor(): StoreSensor | undefined {
    if (!this.options.metered) return undefined;
    return {
      recordLatency: (operation) => this.latencies.push(operation),
      recordUnclosedIterators: (count) => this.unclosedIteratorReports.push(count),
    };
  }
}
