// The persistent inner store (Java's RocksDBStore): its entries live in the task's LevelDB under the
// store's key prefix, its writes wait in the task's pending writes until the task commits. It
// knows nothing of Kafka: the TaskStorage it gets from the task keeps the checkpoint, and the
// layers above it do the caching and the change-logging.
//
// `flush()` writes nothing (Java's flushes RocksDB's memtable): what reaches LevelDB, and when, is
// the task's commit, one batch for all of its stores with the checkpoint.
import { IllegalStateError, InvalidStateStoreError } from '../../errors';
import { prefixUpperBound } from './byte-order';
import type { KeyValueBytesStore, ScanOrder } from './key-value-bytes-store';
import type { KeyValueIterator } from './key-value-iterator';
import { emptyKeyValueIterator } from './peeking-key-value-iterator';
import type { StateStore, StateStoreContext } from './state-store';
import type { StoreKeyspace } from './store-keyspace';

export class LevelDbKeyValueStore implements KeyValueBytesStore {
  private keyspace: StoreKeyspace | null = null;

  constructor(private readonly storeName: string) {}

  name(): string {
    return this.storeName;
  }

  async init(context: StateStoreContext, root: StateStore): Promise<void> {
    const storage = context.taskStorage?.();
    if (storage === undefined) {
      throw new IllegalStateError(
        `Store ${this.storeName} is persistent (LevelDB) and its task has no TaskStorage to keep it in. The runtime and the TopologyTestDriver ` +
          'give every task one; a store opened by hand needs a StateStoreContext whose taskStorage() returns one.',
        { context: { store: this.storeName, taskId: context.taskId().toString() } },
      );
    }
    const changelogTopic = context.changelogFor(this.storeName);
    const keyspace = await storage.keyspace(this.storeName, changelogTopic === null ? null : { topic: changelogTopic, partition: context.taskId().partition });
    context.register(root, (records) => keyspace.restore(records));
    this.keyspace = keyspace;
  }

  get(key: Buffer): Buffer | null {
    return this.open().get(key);
  }

  put(key: Buffer, value: Buffer | null): void {
    this.open().put(key, value);
  }

  range(from: Buffer | null, to: Buffer | null, order: ScanOrder): KeyValueIterator<Buffer, Buffer> {
    const keyspace = this.open();
    if (from !== null && to !== null && Buffer.compare(from, to) > 0) return emptyKeyValueIterator(this.storeName);
    return keyspace.scan(from, to, true, order === 'descending');
  }

  prefixScan(prefix: Buffer): KeyValueIterator<Buffer, Buffer> {
    return this.open().scan(prefix, prefixUpperBound(prefix), false, false);
  }

  approximateNumEntries(): number {
    return this.open().approximateNumEntries();
  }

  flush(): void {}

  /** Closes the store's scans still open. Its pending writes stay with the task until it commits or closes. */
  async close(): Promise<void> {
    const keyspace = this.keyspace;
    this.keyspace = null;
    await keyspace?.close();
  }

  persistent(): boolean {
    return true;
  }

  isOpen(): boolean {
    return this.keyspace !== null && this.keyspace.isOpen();
  }

  private open(): StoreKeyspace {
    const keyspace = this.keyspace;
    if (keyspace === null || !keyspace.isOpen()) {
      throw new InvalidStateStoreError(`Store ${this.storeName} is currently closed.`, { context: { store: this.storeName } });
    }
    return keyspace;
  }
}
