// Puts a plain inner store under a timestamped store (Java's InMemoryTimestampedKeyValueStoreMarker
// plus the restore conversion Java's state manager applies to timestamped stores). A timestamped
// store's changelog carries the plain value and, as the record timestamp, the value's timestamp;
// the store holds timestamp+value bytes. So restoring must rebuild those bytes from each changelog
// record before the inner store applies it (Java's RecordConverters.rawValueToTimestampedValue).
// An inner store that already stores timestamped values itself says so with `timestampedBytes`.
import { DelegatingStateStoreContext } from './delegating-state-store-context';
import type { KeyValueBytesStore, ScanOrder } from './key-value-bytes-store';
import type { KeyValueIterator } from './key-value-iterator';
import type { ChangelogRecord, StateStore, StateStoreContext } from './state-store';
import { ValueAndTimestampSerializer } from './value-and-timestamp-serde';

/** An inner store whose restore path already turns changelog records into timestamp+value bytes. */
export interface TimestampedBytesStore extends KeyValueBytesStore {
  readonly timestampedBytes: true;
}

export function isTimestampedBytesStore(store: KeyValueBytesStore): store is TimestampedBytesStore {
  return (store as Partial<TimestampedBytesStore>).timestampedBytes === true;
}

export class TimestampedRestoreAdapter implements TimestampedBytesStore {
  readonly timestampedBytes = true;

  constructor(private readonly wrapped: KeyValueBytesStore) {}

  name(): string {
    return this.wrapped.name();
  }

  init(context: StateStoreContext, root: StateStore): void | Promise<void> {
    return this.wrapped.init(new TimestampedRestoreContext(context), root);
  }

  get(key: Buffer): Buffer | null {
    return this.wrapped.get(key);
  }

  put(key: Buffer, value: Buffer | null): void {
    this.wrapped.put(key, value);
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
}

class TimestampedRestoreContext extends DelegatingStateStoreContext {
  override register(store: StateStore, restore: (records: ChangelogRecord[]) => void | Promise<void>): void {
    this.outer.register(store, (records) =>
      restore(
        records.map((record) => ({
          key: record.key,
          value: record.value === null ? null : ValueAndTimestampSerializer.withTimestamp(record.value, record.timestamp),
          timestamp: record.timestamp,
          offset: record.offset,
        })),
      ),
    );
  }
}
