// KGroupedTable#aggregate and #count (Java's KTableAggregate): each update arrives as a Change from
// the repartition topic; its old value is subtracted from the aggregate, then its new value added.
// The result keeps the largest timestamp of the records that changed it.
import { StreamsError } from '../../errors';
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { Change } from './change';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import type { Aggregator, Initializer } from './stream-aggregate';
import type { TableProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from './table-value-getter';
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder';

export class TableAggregateSupplier<K, V, VAgg> implements TableProcessorSupplier<K, V, K, VAgg> {
  readonly kind = 'table';
  private sendOldValues = false;

  constructor(
    private readonly storeName: string,
    private readonly initializer: Initializer<VAgg>,
    private readonly adder: Aggregator<K, V, VAgg>,
    private readonly subtractor: Aggregator<K, V, VAgg>,
  ) {}

  /** An aggregate is always materialized, so it can always send old values. */
  enableSendingOldValues(): boolean {
    this.sendOldValues = true;
    return true;
  }

  view(): TableValueGetterSupplier<K, VAgg> {
    return new StoreValueGetterSupplier<K, VAgg>(this.storeName);
  }

  get(): Processor<K, Change<V>, K, Change<VAgg>> {
    const { initializer, adder, subtractor } = this;
    return new TableFoldProcessor<K, V, VAgg>(this.storeName, this.sendOldValues, 'aggregate', {
      subtract: (key, value, agg) => subtractor(key, value, agg),
      add: (key, value, agg) => adder(key, value, agg === null ? initializer() : agg),
      // Java's aggregate moves the timestamp forward for any addition to an existing aggregate.
      addAdvancesTimestamp: (oldAgg) => oldAgg !== null,
    });
  }
}

export interface TableFold<K, V, VAgg> {
  subtract(key: K, value: V, aggregate: VAgg): VAgg | null;
  /** `aggregate` is null when the key has none (or the subtraction emptied it). */
  add(key: K, value: V, aggregate: VAgg | null): VAgg | null;
  /**
   * Whether an addition makes the result's timestamp max(record, stored aggregate) rather than the
   * record's. `intermediate` is the aggregate after the subtraction. (Java's aggregate and reduce differ here.)
   */
  addAdvancesTimestamp(storedAgg: VAgg | null, intermediate: VAgg | null): boolean;
}

/** What table aggregate and reduce share: subtract the old value, add the new, write, forward. */
export class TableFoldProcessor<K, V, VAgg> implements Processor<K, Change<V>, K, Change<VAgg>> {
  private store: TimestampedKeyValueStore<K, VAgg> | null = null;
  private forwarder: TimestampedTupleForwarder<K, VAgg> | null = null;

  constructor(
    private readonly storeName: string,
    private readonly sendOldValues: boolean,
    private readonly operator: 'aggregate' | 'reduce',
    private readonly fold: TableFold<K, V, VAgg>,
  ) {}

  init(context: ProcessorContext<K, Change<VAgg>>): void {
    const store = context.getStateStore<TimestampedKeyValueStore<K, VAgg>>(this.storeName);
    this.store = store;
    this.forwarder = new TimestampedTupleForwarder(store, context, this.sendOldValues);
  }

  process(record: Record<K, Change<V>>): void {
    const key = record.key;
    if (key === null || key === undefined) {
      throw new StreamsError(`Record key for KTable ${this.operator} operator with state ${this.storeName} should not be null.`, {
        context: { store: this.storeName },
      });
    }
    const store = this.store!;
    const stored = store.get(key);
    const oldAgg = ValueAndTimestamp.getValueOrNull(stored);
    const { newValue, oldValue } = record.value;
    let newTimestamp = record.timestamp;

    let intermediate: VAgg | null = oldAgg;
    if (oldValue !== null && oldValue !== undefined && oldAgg !== null) {
      intermediate = this.fold.subtract(key, oldValue, oldAgg) ?? null;
      newTimestamp = Math.max(record.timestamp, stored!.timestamp);
    }

    let newAgg: VAgg | null = intermediate;
    if (newValue !== null && newValue !== undefined) {
      newAgg = this.fold.add(key, newValue, intermediate) ?? null;
      if (stored !== null && this.fold.addAdvancesTimestamp(oldAgg, intermediate)) newTimestamp = Math.max(record.timestamp, stored.timestamp);
    }

    store.put(key, ValueAndTimestamp.make(newAgg, newTimestamp));
    this.forwarder!.maybeForward(record.withValue(new Change(newAgg, this.sendOldValues ? oldAgg : null, true)).withTimestamp(newTimestamp));
  }
}
