// KTable#filter and #filterNot (Java's KTableFilter). A filtered-out update becomes a delete of the
// key downstream, because the key may have passed before. When old values are available (the
// table or something upstream is materialized) a delete that deletes nothing is not sent.
import { Change } from './change';
import type { Processor } from './processor';
import type { ParentTable, TableProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetter, type TableValueGetterSupplier } from './table-value-getter';
import { TableValueProcessor } from './table-value-processor';

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
    return new TableValueProcessor(this.queryableName, this.sendOldValues, (key, value) => this.computeValue(key, value), true);
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
