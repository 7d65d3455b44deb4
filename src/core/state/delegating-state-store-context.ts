// A StateStoreContext that passes everything to the task's context. A layer that must change what
// the layers below it see (the caching layer's record context while it flushes, the timestamped
// adapter's restore records) hands down a subclass that overrides just that.
import type { ProcessorRecordContext } from '../processor/processor-record-context';
import type { TaskId } from '../processor/task-id';
import type { Serde } from '../serde/serde';
import type { ChangelogRecord, StateStore, StateStoreContext } from './state-store';
import type { StoreSensor } from './store-sensor';
import type { TaskCache } from './task-cache';
import type { TaskStorage } from './task-storage';

export class DelegatingStateStoreContext implements StateStoreContext {
  constructor(protected readonly outer: StateStoreContext) {}

  applicationId(): string {
    return this.outer.applicationId();
  }
  taskId(): TaskId {
    return this.outer.taskId();
  }
  stateDir(): string {
    return this.outer.stateDir();
  }
  appConfigs(): Readonly<{ [key: string]: unknown }> {
    return this.outer.appConfigs();
  }
  keySerde(): Serde<unknown> | null {
    return this.outer.keySerde();
  }
  valueSerde(): Serde<unknown> | null {
    return this.outer.valueSerde();
  }
  recordContext(): ProcessorRecordContext {
    return this.outer.recordContext();
  }
  cache(): TaskCache {
    return this.outer.cache();
  }
  register(store: StateStore, restore: (records: ChangelogRecord[]) => void | Promise<void>): void {
    this.outer.register(store, restore);
  }
  changelogFor(storeName: string): string | null {
    return this.outer.changelogFor(storeName);
  }
  logChange(storeName: string, record: ChangelogRecord): void {
    this.outer.logChange(storeName, record);
  }
  storeSensor(storeName: string, metricsScope: string): StoreSensor | undefined {
    return this.outer.storeSensor?.(storeName, metricsScope);
  }
  taskStorage(): TaskStorage | undefined {
    return this.outer.taskStorage?.();
  }
}
