// Forwards what a materialized KTable's caching store flushes (Java's TimestampedCacheFlushListener):
// with caching on, this is the only place the table's processor forwards from, so downstream sees
// one update per key and flush instead of one per input record.
import type { CacheFlushListener } from '../state/cache-flush-listener';
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import { Change } from './change';
import type { ProcessorContext } from './processor-context';
import { Record } from './record';

/**
 * A listener that forwards from the node owning `context`. The record carries the timestamp of the
 * flushed value (or, for a delete, of the write that deleted it) and the headers of that write.
 */
export function timestampedCacheFlushListener<K, V>(context: ProcessorContext<K, Change<V>>): CacheFlushListener<K, ValueAndTimestamp<V>> {
  return (key, newValue, oldValue, timestamp, recordContext) => {
    const change = new Change(ValueAndTimestamp.getValueOrNull(newValue), ValueAndTimestamp.getValueOrNull(oldValue));
    context.forward(new Record(key, change, newValue !== null ? newValue.timestamp : timestamp, recordContext.headers));
  };
}
