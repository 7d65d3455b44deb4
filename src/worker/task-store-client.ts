// The main thread's view of one task's store (one partition), for interactive queries: every call
// is a `query-store` message to the thread that owns the task (TaskExecutor#queryStore), and scans
// fetch their entries in batches of `batchSize`, one message per batch, with no iterator left open
// in the thread between batches. Values arrive as structured clones; `revive` gives them back
// their class where the type needs one (ValueAndTimestamp).
import type { KeyValue } from '../core/key-value';
import type { AsyncReadOnlyKeyValueStore } from '../core/state/async-read-only-key-value-store';
import type { KeyValueIterator } from '../core/state/key-value-iterator';
import { PeekingKeyValueIterator } from '../core/state/peeking-key-value-iterator';
import type { QueryableStoreKind } from '../core/state/queryable-store-types';
import { ValueAndTimestamp } from '../core/state/value-and-timestamp';
import { protocolError, type StoreQuery, type StoreQueryResult } from './protocol';
import type { TaskExecutor } from './task-executor';

export const DEFAULT_SCAN_BATCH_SIZE = 1000;

export interface TaskStoreClientOptions {
  readonly executor: TaskExecutor;
  readonly taskId: string;
  readonly storeName: string;
  readonly kind: QueryableStoreKind;
  readonly stale: boolean;
  readonly batchSize?: number;
}

export class TaskStoreClient<K, V> implements AsyncReadOnlyKeyValueStore<K, V> {
  private readonly batchSize: number;

  constructor(private readonly options: TaskStoreClientOptions) {
    this.batchSize = options.batchSize ?? DEFAULT_SCAN_BATCH_SIZE;
  }

  async get(key: K): Promise<V | null> {
    const result = expect(await this.ask({ op: 'get', key }), 'get');
    return this.revive(result.value);
  }

  range(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return new BatchedScanIterator(this, from, to, false);
  }

  reverseRange(from: K | null, to: K | null): KeyValueIterator<K, V> {
    return new BatchedScanIterator(this, from, to, true);
  }

  all(): KeyValueIterator<K, V> {
    return this.range(null, null);
  }

  reverseAll(): KeyValueIterator<K, V> {
    return this.reverseRange(null, null);
  }

  async approximateNumEntries(): Promise<number> {
    return expect(await this.ask({ op: 'count' }), 'count').count;
  }

  get storeName(): string {
    return this.options.storeName;
  }

  /** One batch of a scan: at most `batchSize` entries, after `after` when given. */
  async scanBatch(from: K | null, to: K | null, reverse: boolean, after: { key: K } | undefined): Promise<{ entries: KeyValue<K, V>[]; done: boolean }> {
    const query: StoreQuery = after === undefined ? { op: 'scan', from, to, reverse, limit: this.batchSize } : { op: 'scan', from, to, reverse, after, limit: this.batchSize };
    const result = expect(await this.ask(query), 'scan');
    return { entries: result.entries.map((e) => ({ key: e.key as K, value: this.revive(e.value) as V })), done: result.done };
  }

  private ask(query: StoreQuery): Promise<StoreQueryResult> {
    const { executor, taskId, storeName, kind, stale } = this.options;
    return executor.queryStore(taskId, { store: storeName, storeType: kind, stale, query });
  }

  private revive(value: unknown): V | null {
    if (value === null || value === undefined) return null;
    if (this.options.kind === 'timestamped-key-value' && !(value instanceof ValueAndTimestamp)) {
      const { value: inner, timestamp } = value as { value: unknown; timestamp: number };
      return ValueAndTimestamp.make(inner, timestamp) as V | null;
    }
    return value as V;
  }
}

class BatchedScanIterator<K, V> extends PeekingKeyValueIterator<K, V> {
  private buffer: KeyValue<K, V>[] = [];
  private position = 0;
  private done = false;
  private last: { key: K } | undefined = undefined;

  constructor(
    private readonly store: TaskStoreClient<K, V>,
    private readonly from: K | null,
    private readonly to: K | null,
    private readonly reverse: boolean,
  ) {
    super(store.storeName);
  }

  protected async fetch(): Promise<KeyValue<K, V> | null> {
    while (this.position >= this.buffer.length) {
      if (this.done) return null;
      const batch = await this.store.scanBatch(this.from, this.to, this.reverse, this.last);
      this.buffer = batch.entries;
      this.position = 0;
      this.done = batch.done;
      if (batch.entries.length > 0) this.last = { key: batch.entries[batch.entries.length - 1].key };
    }
    return this.buffer[this.position++];
  }

  protected override release(): void {
    this.buffer = [];
  }
}

function expect<O extends StoreQueryResult['op']>(result: StoreQueryResult, op: O): Extract<StoreQueryResult, { op: O }> {
  if (result.op !== op) throw protocolError(`a ${op} store query was answered with a ${result.op} result`);
  return result as Extract<StoreQueryResult, { op: O }>;
}
