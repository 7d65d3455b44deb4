// The one implementation of the KeyValueIterator protocol that every store iterator extends: a
// subclass says how to fetch the next entry and how to release what it holds; this class does
// peeking, closing on exhaustion, `for await` support and use-after-close errors.
import { InvalidStateStoreError } from '../../errors';
import type { KeyValue } from '../key-value';
import type { KeyValueIterator } from './key-value-iterator';

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

export abstract class PeekingKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
  /** undefined: nothing fetched ahead; null: the end was reached. */
  private peeked: KeyValue<K, V> | null | undefined = undefined;
  private state: 'open' | 'exhausted' | 'closed' = 'open';

  protected constructor(protected readonly storeName: string) {}

  /** The next entry, or null at the end. Called at most once after it returned null. */
  protected abstract fetch(): KeyValue<K, V> | null | Promise<KeyValue<K, V> | null>;

  /** Releases what the iterator holds; called once, on close or on reaching the end. */
  protected release(): void | Promise<void> {}

  async next(): Promise<IteratorResult<KeyValue<K, V>, undefined>> {
    const entry = await this.advance();
    if (entry === null) return DONE;
    this.peeked = undefined;
    return { done: false, value: entry };
  }

  async peekNextKey(): Promise<K | null> {
    const entry = await this.advance();
    return entry === null ? null : entry.key;
  }

  async return(): Promise<IteratorResult<KeyValue<K, V>, undefined>> {
    await this.close();
    return DONE;
  }

  async close(): Promise<void> {
    if (this.state !== 'open') {
      this.state = 'closed';
      return;
    }
    this.state = 'closed';
    this.peeked = null;
    await this.release();
  }

  [Symbol.asyncIterator](): KeyValueIterator<K, V> {
    return this;
  }

  private async advance(): Promise<KeyValue<K, V> | null> {
    if (this.state === 'closed') {
      throw new InvalidStateStoreError(
        `An iterator over store ${this.storeName} was used after it was closed (by close(), by leaving a for-await loop, or by closing the store). Open a new one.`,
        { context: { store: this.storeName } },
      );
    }
    if (this.peeked !== undefined) return this.peeked;
    if (this.state === 'exhausted') return null;
    let entry: KeyValue<K, V> | null;
    try {
      entry = await this.fetch();
    } catch (err) {
      // `for await` does not call return() when next() itself fails: release here, or it leaks.
      await this.close().catch(() => undefined);
      throw err;
    }
    if (this.state !== 'open') return this.advance(); // closed while fetching
    this.peeked = entry;
    if (entry === null) {
      this.state = 'exhausted';
      await this.release();
    }
    return entry;
  }
}

class EmptyKeyValueIterator<K, V> extends PeekingKeyValueIterator<K, V> {
  constructor(storeName: string) {
    super(storeName);
  }
  protected fetch(): null {
    return null;
  }
}

/** An iterator with nothing in it (a range whose `from` is after its `to`). */
export function emptyKeyValueIterator<K, V>(storeName: string): KeyValueIterator<K, V> {
  return new EmptyKeyValueIterator<K, V>(storeName);
}
