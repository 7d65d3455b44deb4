// KGroupedStream#aggregate and #count (Java's KStreamAggregate): folds each record into the
// aggregate of its key, kept with the largest timestamp of the records folded in so far. Records
// with a null key or value are dropped (and counted), as in Java.
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { Change } from './change';
import { internalContext } from './internal-processor-context';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import type { StreamAggregateProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from './table-value-getter';
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder';

export type Initializer<VAgg> = () => VAgg;
export type Aggregator<K, V, VAgg> = (key: K, value: V, aggregate: VAgg) => VAgg;

export class StreamAggregateSupplier<K, V, VAgg> implements StreamAggregateProcessorSupplier<K, V, K, VAgg> {
  readonly kind = 'stream-aggregate';
  private sendOldValues = false;

  constructor(
    private readonly storeName: string,
    private readonly initializer: Initializer<VAgg>,
    private readonly aggregator: Aggregator<K, V, VAgg>,
  ) {}

  enableSendingOldValues(): void {
    this.sendOldValues = true;
  }

  view(): TableValueGetterSupplier<K, VAgg> {
    return new StoreValueGetterSupplier<K, VAgg>(this.storeName);
  }

  get(): Processor<K, V, K, Change<VAgg>> {
    const { storeName, initializer, aggregator, sendOldValues } = this;
    return new StreamFoldProcessor<K, V, VAgg>(storeName, sendOldValues, (key, value, oldAgg) =>
      aggregator(key, value, oldAgg === null ? initializer() : oldAgg),
    );
  }
}

/**
 * What stream aggregate and reduce share: read the key's aggregate, fold the record in, write it
 * with max(record timestamp, aggregate timestamp), forward the change.
 */
export class StreamFoldProcessor<K, V, VAgg> implements Processor<K, V, K, Change<VAgg>> {
  private context: ProcessorContext<K, Change<VAgg>> | null = null;
  private store: TimestampedKeyValueStore<K, VAgg> | null = null;
  private forwarder: TimestampedTupleForwarder<K, VAgg> | null = null;

  /** `fold` gets the current aggregate, or null when the key has none yet. */
  constructor(
    private readonly storeName: string,
    private readonly sendOldValues: boolean,
    private readonly fold: (key: K, value: V, oldAgg: VAgg | null) => VAgg,
  ) {}

  init(context: ProcessorContext<K, Change<VAgg>>): void {
    this.context = context;
    const store = context.getStateStore<TimestampedKeyValueStore<K, VAgg>>(this.storeName);
    this.store = store;
    this.forwarder = new TimestampedTupleForwarder(store, context, this.sendOldValues);
  }

  process(record: Record<K, V>): void {
    const key = record.key;
    const value = record.value;
    if (key === null || key === undefined || value === null || value === undefined) {
      // Java logs "Skipping record due to null key or value" and counts the drop.
      const internal = internalContext(this.context!);
      internal.sensors.recordDropped('null-key', String(internal.taskId()), internal.currentNodeName());
      return;
    }
    const store = this.store!;
    const old = store.get(key);
    const oldAgg = ValueAndTimestamp.getValueOrNull(old);
    const newTimestamp = old === null ? record.timestamp : Math.max(record.timestamp, old.timestamp);
    const newAgg = this.fold(key, value, oldAgg);
    store.put(key, ValueAndTimestamp.make(newAgg, newTimestamp));
    this.forwarder!.maybeForward(record.withValue(new Change(newAgg ?? null, this.sendOldValues ? oldAgg : null, true)).withTimestamp(newTimestamp));
  }
}
