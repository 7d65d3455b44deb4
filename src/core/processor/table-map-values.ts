// KTable#mapValues (Java's KTableMapValues): maps new and (when sent) old values; a delete stays a
// delete and the mapper never sees null.
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { Change } from './change';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import type { ParentTable, TableProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from './table-value-getter';
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder';

/** The value first and the (read-only) key second, as KStream#mapValues takes it. */
export type TableValueMapper<K, V, VOut> = (value: V, key: K) => VOut;

export class TableMapValuesSupplier<K, V, VOut> implements TableProcessorSupplier<K, V, K, VOut> {
  readonly kind = 'table';
  private sendOldValues = false;

  constructor(
    private readonly parent: ParentTable<K, V>,
    private readonly mapper: TableValueMapper<K, V, VOut>,
    private readonly queryableName: string | null,
  ) {}

  enableSendingOldValues(forceMaterialization: boolean): boolean {
    if (this.queryableName !== null) {
      this.sendOldValues = true;
      return true;
    }
    if (this.parent.enableSendingOldValues(forceMaterialization)) this.sendOldValues = true;
    return this.sendOldValues;
  }

  get(): Processor<K, Change<V>, K, Change<VOut>> {
    return new TableMapValuesProcessor(this.queryableName, this.sendOldValues, (key, value) => this.computeValue(key, value));
  }

  view(): TableValueGetterSupplier<K, VOut> {
    if (this.queryableName !== null) return new StoreValueGetterSupplier<K, VOut>(this.queryableName);
    const parentSupplier = this.parent.valueGetterSupplier();
    return {
      get: () => {
        const parent = parentSupplier.get();
        return {
          init: (context) => parent.init(context),
          get: (key) => {
            const valueAndTimestamp = parent.get(key);
            // Java makes the result with timestamp 0 when the parent has no value; make() gives null then anyway.
            return valueAndTimestamp === null ? null : ValueAndTimestamp.make(this.mapper(valueAndTimestamp.value, key), valueAndTimestamp.timestamp);
          },
          close: () => parent.close?.(),
        };
      },
      storeNames: () => parentSupplier.storeNames(),
    };
  }

  private computeValue(key: K, value: V | null): VOut | null {
    return value === null || value === undefined ? null : (this.mapper(value, key) ?? null);
  }
}

class TableMapValuesProcessor<K, V, VOut> implements Processor<K, Change<V>, K, Change<VOut>> {
  private context: ProcessorContext<K, Change<VOut>> | null = null;
  private store: TimestampedKeyValueStore<K, VOut> | null = null;
  private forwarder: TimestampedTupleForwarder<K, VOut> | null = null;

  constructor(
    private readonly queryableName: string | null,
    private readonly sendOldValues: boolean,
    private readonly computeValue: (key: K, value: V | null) => VOut | null,
  ) {}

  init(context: ProcessorContext<K, Change<VOut>>): void {
    this.context = context;
    if (this.queryableName !== null) {
      const store = context.getStateStore<TimestampedKeyValueStore<K, VOut>>(this.queryableName);
      this.store = store;
      this.forwarder = new TimestampedTupleForwarder(store, context, this.sendOldValues);
    }
  }

  process(record: Record<K, Change<V>>): void {
    const key = record.key;
    const newValue = this.computeValue(key, record.value.newValue);
    const oldValue = this.computeOldValue(key, record.value);
    if (this.store !== null) {
      this.store.put(key, ValueAndTimestamp.make(newValue, record.timestamp));
      this.forwarder!.maybeForward(record.withValue(new Change(newValue, oldValue, true)));
    } else {
      this.context!.forward(record.withValue(new Change(newValue, oldValue, record.value.isLatest)));
    }
  }

  private computeOldValue(key: K, change: Change<V>): VOut | null {
    if (!this.sendOldValues) return null;
    return this.store !== null ? ValueAndTimestamp.getValueOrNull(this.store.get(key)) : this.computeValue(key, change.oldValue);
  }
}
