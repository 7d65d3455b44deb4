// Decides where a materialized KTable's processor forwards from (Java's TimestampedTupleForwarder):
// when its store caches, the store's flush listener forwards and the processor must not; when it
// does not, the processor forwards each update itself, dropping the old value unless asked for it.
import { isCachedStateStore } from '../state/cache-flush-listener';
import type { StateStore } from '../state/state-store';
import type { ValueAndTimestamp } from '../state/value-and-timestamp';
import { Change } from './change';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import { timestampedCacheFlushListener } from './timestamped-cache-flush-listener';

export class TimestampedTupleForwarder<K, V> {
  private readonly cachingEnabled: boolean;

  /** Sets the flush listener on `store` when it caches; `store` is the table's timestamped store. */
  constructor(
    store: StateStore,
    private readonly context: ProcessorContext<K, Change<V>>,
    private readonly sendOldValues: boolean,
  ) {
    this.cachingEnabled =
      isCachedStateStore<K, ValueAndTimestamp<V>>(store) && store.setFlushListener(timestampedCacheFlushListener(context), sendOldValues);
  }

  maybeForward(record: Record<K, Change<V>>): void {
    if (this.cachingEnabled) return;
    if (this.sendOldValues) this.context.forward(record);
    else this.context.forward(record.withValue(new Change(record.value.newValue, null, record.value.isLatest)));
  }
}
