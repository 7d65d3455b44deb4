// The in-memory inner store (Java's InMemoryKeyValueStore): entries in a Map keyed by the latin1
// string of the key bytes, plus a SortedKeySet of the same strings for scans. Knows nothing of
// Kafka: on restore it applies changelog records as plain puts.
import { InvalidStateStoreError } from '../../errors';
import type { KeyValue } from '../key-value';
import { latin1Key, prefixUpperBound } from './byte-order';
import type { KeyValueBytesStore, ScanOrder } from './key-value-bytes-store';
import type { KeyValueIterator } from './key-value-iterator';
import { emptyKeyValueIterator, PeekingKeyValueIterator } from './peeking-key-value-iterator';
import { SortedKeySet, type KeyBounds, type SortedKeyCursor } from './sorted-key-set';
import type { ChangelogRecord, StateStore, StateStoreContext } from './state-store';

interface StoredEntry {
  readonly key: Buffer;
  value: Buffer;
}

export class InMemoryKeyValueStore implements KeyValueBytesStore {
  protected readonly entries = new Map<string, StoredEntry>();
  private readonly index = new SortedKeySet();
  private open = false;

  constructor(private readonly storeName: string) {}

  name(): string {
    return this.storeName;
  }

  init(context: StateStoreContext, root: StateStore): void {
    context.register(root, (records) => this.restore(records));
    this.open = true;
  }

  persistent(): boolean {
    return false;
  }

  isOpen(): boolean {
    return this.open;
  }

  get(key: Buffer): Buffer | null {
    this.assertOpen();
    return this.entries.get(latin1Key(key))?.value ?? null;
  }

  put(key: Buffer, value: Buffer | null): void {
    this.assertOpen();
    this.write(key, latin1Key(key), value);
  }

  range(from: Buffer | null, to: Buffer | null, order: ScanOrder): KeyValueIterator<Buffer, Buffer> {
    this.assertOpen();
    if (from !== null && to !== null && Buffer.compare(from, to) > 0) return emptyKeyValueIterator(this.storeName);
    const bounds = { from: from === null ? null : latin1Key(from), to: to === null ? null : latin1Key(to), toInclusive: true };
    return this.scan(bounds, order === 'descending');
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    this.assertOpen();
    const upper = prefixUpperBound(prefix);
    return this.scan({ from: latin1Key(prefix), to: upper === null ? null : latin1Key(upper), toInclusive: false }, false);
  }

  approximateNumEntries(): number {
    this.assertOpen();
    return this.entries.size;
  }

  flush(): void {}

  /** Drops the entries, as Java's does: a reopened in-memory store is rebuilt from its changelog. */
  close(): void {
    this.entries.clear();
    this.index.clear();
    this.open = false;
  }

  /** Applies changelog records directly: no caching, no change-logging above it sees them. */
  protected restore(records: readonly ChangelogRecord[]): void {
    for (const record of records) {
      // Copies: restored records may be views into a whole fetched batch, which they would keep alive.
      const key = Buffer.from(record.key);
      this.write(key, latin1Key(key), record.value === null ? null : Buffer.from(record.value));
    }
  }

  /** Every write goes through here; `mapKey` is latin1Key(key). */
  protected write(key: Buffer, mapKey: string, value: Buffer | null): void {
    if (value === null) {
      if (this.entries.delete(mapKey)) this.index.delete(mapKey);
      return;
    }
    const existing = this.entries.get(mapKey);
    if (existing) {
      existing.value = value;
    } else {
      this.entries.set(mapKey, { key, value });
      this.index.add(mapKey);
    }
  }

  private scan(bounds: KeyBounds, descending: boolean): KeyValueIterator<Buffer, Buffer> {
    return new InMemoryKeyValueIterator(this.storeName, this.index.cursor(bounds, descending), this.entries);
  }

  private assertOpen(): void {
    if (!this.open) {
      throw new InvalidStateStoreError(`Store ${this.storeName} is currently closed.`, { context: { store: this.storeName } });
    }
  }
}

/**
 * Reads each entry as it reaches it: a key written after the iterator was opened is seen if the
 * scan has not passed it yet, and a key deleted before the scan reaches it is skipped.
 */
class InMemoryKeyValueIterator extends PeekingKeyValueIterator<Buffer, Buffer> {
  constructor(
    storeName: string,
    private readonly cursor: SortedKeyCursor,
    private readonly entries: ReadonlyMap<string, StoredEntry>,
  ) {
    super(storeName);
  }

  protected fetch(): KeyValue<Buffer, Buffer> | null {
    const mapKey = this.cursor.next();
    if (mapKey === null) return null;
    const entry = this.entries.get(mapKey);
    // The set and the map change together, so the entry is there; a closed store has neither.
    return entry === undefined ? null : { key: entry.key, value: entry.value };
  }
}
