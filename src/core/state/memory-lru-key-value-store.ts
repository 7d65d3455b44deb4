// An in-memory store that keeps at most `maxEntries` entries, dropping the least recently read or
// written (Java's MemoryNavigableLRUCache, made by Stores.lruMap). A dropped entry is a delete the
// changelog must see, so the change-logging layer registers an eviction listener and logs a
// tombstone for it; entries dropped while restoring are not logged again.
import { latin1Key } from './byte-order';
import { InMemoryKeyValueStore } from './in-memory-key-value-store';
import type { KeyValueBytesStore } from './key-value-bytes-store';
import type { ChangelogRecord } from './state-store';

export type EvictionListener = (key: Buffer) => void;

/** An inner store that drops entries by itself and says which. */
export interface EvictingKeyValueBytesStore extends KeyValueBytesStore {
  setEvictionListener(listener: EvictionListener): void;
}

export function isEvictingStore(store: KeyValueBytesStore): store is EvictingKeyValueBytesStore {
  return typeof (store as Partial<EvictingKeyValueBytesStore>).setEvictionListener === 'function';
}

export class MemoryLruKeyValueStore extends InMemoryKeyValueStore implements EvictingKeyValueBytesStore {
  private listener: EvictionListener | null = null;
  private restoring = false;

  constructor(
    name: string,
    private readonly maxEntries: number,
  ) {
    super(name);
  }

  setEvictionListener(listener: EvictionListener): void {
    this.listener = listener;
  }

  override get(key: Buffer): Buffer | null {
    const value = super.get(key);
    if (value !== null) this.touch(latin1Key(key));
    return value;
  }

  protected override write(key: Buffer, mapKey: string, value: Buffer | null): void {
    super.write(key, mapKey, value);
    if (value === null) return;
    this.touch(mapKey);
    while (this.entries.size > this.maxEntries) {
      // A Map iterates in insertion order and touch() re-inserts: the first key is the eldest.
      const eldest = this.entries.values().next().value;
      if (eldest === undefined) break;
      super.write(eldest.key, latin1Key(eldest.key), null);
      if (!this.restoring) this.listener?.(eldest.key);
    }
  }

  protected override restore(records: readonly ChangelogRecord[]): void {
    this.restoring = true;
    try {
      super.restore(records);
    } finally {
      this.restoring = false;
    }
  }

  private touch(mapKey: string): void {
    const entry = this.entries.get(mapKey);
    if (entry === undefined) return;
    this.entries.delete(mapKey);
    this.entries.set(mapKey, entry);
  }
}
