// KTable#filter and #filterNot (Java's KTableFilter). A filtered-out update becomes a delete of the
// key downstream, because the key may have passed before. When old values are available (the
// table or something upstream is materialized) a delete that deletes nothing is not sent.
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { Change } from './change';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import type { ParentTable, TableProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetter, type TableValueGetterSupplier } from './table-value-getter';
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder';

export type TablePredicate<K, V> = (key: K, value: V) => boolean;

export class TableFilterSupplier<K, V> implements TableProcessorSupplier<K, V, K, V> {
  readonly kind = 'table';
  private sendOldValues: boolean;

  /** `queryableName`: the store to materialize the result into, or null. */
  constructor(
    private readonly parent: ParentTable<K, V>,
    private readonly predicate: TablePredicate<K, V>,
    private readonly filterNot: boolean,
    private readonly queryableName: string | null,
  ) {
    // If upstream is already materialized, old values cost nothing and spare needless tombstones.
    this.sendOldValues = parent.enableSendingOldValues(false);
  }

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (this.queryableName !== null) {
      this.sendOldValues = true;
      return true;
    }
    if (this.parent.enableSendingOldValues(forceMaterialization)) this.sendOldValues = true;
    return this.sendOldValues;
  }

  get(): Processor<K, Change<V>, K, Change<V>> {
    return new TableFilterProcessor(this.queryableName, this.sendOldValues, (key, value) => this.computeValue(key, value));
  }

  view(): TableValueGetterSupplier<K, V> {
    if (this.queryableName !== null) return new StoreValueGetterSupplier<K, V>(this.queryableName);
    const parentSupplier = this.parent.valueGetterSupplier();
    return {
      get: () => filteredGetter(parentSupplier.get(), (key, value) => this.computeValue(key, value)),
      storeNames: () => parentSupplier.storeNames(),
    };
  }

  /** The value that passes, or null. */
  private computeValue(key: K, value: V | null): V | null {
    if (value === null || value === undefined) return null;
    return this.filterNot !== Boolean(this.predicate(key, value)) ? value : null;
  }
}

class TableFilterProcessor<K, V> implements Processor<K, Change<V>, K, Change<V>> {
  private context: ProcessorContext<K, Change<V>> | null = null;
  private store: TimestampedKeyValueStore<K, V> | null = null;
  private forwarder: TimestampedTupleForwarder<K, V> | null = null;

  constructor(
    private readonly queryableName: string | null,
    private readonly sendOldValues: boolean,
    private readonly computeValue: (key: K, value: V | null) => V | null,
  ) {}

  init(context: ProcessorContext<K, Change<V>>): void {
    this.context = context;
    if (this.queryableName !== null) {
      const store = context.getStateStore<TimestampedKeyValueStore<K, V>>(this.queryableName);
      this.store = store;
      this.forwarder = new TimestampedTupleForwarder(store, context, this.sendOldValues);
    }
  }

  process(record: Record<K, Change<V>>): void {
    const key = record.key;
    const change = record.value;
    const newValue = this.computeValue(key, change.newValue);
    const oldValue = this.computeOldValue(key, change);
    if (this.sendOldValues && oldValue === null && newValue === null) return; // nothing to tell downstream

    if (this.store !== null) {
      this.store.put(key, ValueAndTimestamp.make(newValue, record.timestamp));
      this.forwarder!.maybeForward(record.withValue(new Change(newValue, oldValue, true)));
    } else {
      this.context!.forward(record.withValue(new Change(newValue, oldValue, change.isLatest)));
    }
  }

  private computeOldValue(key: K, change: Change<V>): V | null {
    if (!this.sendOldValues) return null;
    return this.store !== null ? ValueAndTimestamp.getValueOrNull(this.store.get(key)) : this.computeValue(key, change.oldValue);
  }
}

function filteredGetter<K, V>(parent: TableValueGetter<K, V>, computeValue: (key: K, value: V | null) => V | null): TableValueGetter<K, V> {
  return {
    init: (context) => parent.init(context),
    get: (key) => {
      const valueAndTimestamp = parent.get(key);
      if (valueAndTimestamp === null) return null;
      return computeValue(key, valueAndTimestamp.value) === null ? null : valueAndTimestamp;
    },
    close: () => parent.close?.(),
  };
}
