// KTable#mapValues (Java's KTableMapValues): maps new and (when sent) old values; a delete stays a
// delete and the mapper never sees null.
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import { Change } from './change';
import type { Processor } from './processor';
import type { ParentTable, TableProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from './table-value-getter';
import { TableValueProcessor } from './table-value-processor';

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
    return new TableValueProcessor(this.queryableName, this.sendOldValues, (key, value) => this.computeValue(key, value), false);
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

