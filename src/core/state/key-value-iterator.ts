// A store scan (Java's KeyValueIterator): asynchronous, because the LevelDB store reads as it
// goes, and holding resources until closed. `for await` closes it on `break` and on a throw; it
// also closes itself when it reaches the end. Anything else must call `close()`.
import type { KeyValue } from '../key-value';

export interface KeyValueIterator<K, V> extends AsyncIterableIterator<KeyValue<K, V>, undefined, undefined> {
  next(): Promise<IteratorResult<KeyValue<K, V>, undefined>>;
  /** Closes the iterator (what `for await` calls when it leaves the loop early). */
  return(): Promise<IteratorResult<KeyValue<K, V>, undefined>>;
  /** The key `next()` would return, without moving; null at the end. */
  peekNextKey(): Promise<K | null>;
  /** Releases the iterator; later `next()` calls throw. Closing twice is harmless. */
  close(): Promise<void>;
  [Symbol.asyncIterator](): KeyValueIterator<K, V>;
}
