// The change-logging layer (Java's ChangeLoggingKeyValueBytesStore): every write that reaches it
// is written to the store below and collected for the changelog topic, stamped with the timestamp
// of the record being processed. Under a caching layer only flushed writes reach it, and the
// caching layer makes the flushed entry's own record context current while it writes.
import { IllegalStateError } from '../../errors';
import type { KeyValueBytesStore, ScanOrder } from './key-value-bytes-store';
import type { KeyValueIterator } from './key-value-iterator';
import { isEvictingStore } from './memory-lru-key-value-store';
import type { StateStore, StateStoreContext } from './state-store';

export class ChangeLoggingKeyValueBytesStore implements KeyValueBytesStore {
  private storeContext: StateStoreContext | null = null;

  constructor(protected readonly wrapped: KeyValueBytesStore) {}

  name(): string {
    return this.wrapped.name();
  }

  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    this.storeContext = context;
    // An LRU store drops entries by itself: the changelog must delete them too.
    const inner = this.wrapped;
    if (isEvictingStore(inner)) inner.setEvictionListener((key) => this.log(key, null, this.context.recordContext().timestamp));
    return this.wrapped.init(context, root);
  }

  put(key: Buffer, value: Buffer | null): void {
    this.wrapped.put(key, value);
    this.logWrite(key, value);
  }

  get(key: Buffer): Buffer | null {
    return this.wrapped.get(key);
  }

  range(from: Buffer | null, to: Buffer | null, order: ScanOrder): KeyValueIterator<Buffer, Buffer> {
    return this.wrapped.range(from, to, order);
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    return this.wrapped.prefixScan(prefix);
  }

  approximateNumEntries(): number {
    return this.wrapped.approximateNumEntries();
  }

  flush(): void | Promise<void> {
    return this.wrapped.flush();
  }

  close(): void | Promise<void> {
    return this.wrapped.close();
  }

  persistent(): boolean {
    return this.wrapped.persistent();
  }

  isOpen(): boolean {
    return this.wrapped.isOpen();
  }

  /** What goes to the changelog for a write of `value`; the timestamped layer overrides it. */
  protected logWrite(key: Buffer, value: Buffer | null): void {
    this.log(key, value, this.context.recordContext().timestamp);
  }

  protected log(key: Buffer, value: Buffer | null, timestamp: number): void {
    this.context.logChange(this.name(), { key, value, timestamp });
  }

  protected get context(): StateStoreContext {
    if (this.storeContext === null) {
      throw new IllegalStateError(`Store ${this.name()} was written before init(): the task must init its stores first.`, {
        context: { store: this.name() },
      });
    }
    return this.storeContext;
  }
}
