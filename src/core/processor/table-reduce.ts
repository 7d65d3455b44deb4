// KGroupedTable#reduce (Java's KTableReduce): subtracts an update's old value with the subtractor,
// then adds its new value with the adder; a key without an aggregate takes the new value as it is.
import type { Change } from './change';
import type { Processor } from './processor';
import type { Reducer } from './stream-reduce';
import { TableFoldProcessor } from './table-aggregate';
import type { TableProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from './table-value-getter';

export class TableReduceSupplier<K, V> implements TableProcessorSupplier<K, V, K, V> {
  readonly kind = 'table';
  private sendOldValues = false;

  constructor(
    private readonly storeName: string,
    private readonly adder: Reducer<V>,
    private readonly subtractor: Reducer<V>,
  ) {}

  /** A reduce is always materialized, so it can always send old values. */
  enableSendingOldValues(): boolean {
    this.sendOldValues = true;
    return true;
  }

  view(): TableValueGetterSupplier<K, V> {
    return new StoreValueGetterSupplier<K, V>(this.storeName);
  }

  get(): Processor<K, Change<V>, K, Change<V>> {
    const { adder, subtractor } = this;
    return new TableFoldProcessor<K, V, V>(this.storeName, this.sendOldValues, 'reduce', {
      subtract: (_key, value, agg) => subtractor(agg, value),
      add: (_key, value, agg) => (agg === null ? value : adder(agg, value)),
      // Java's reduce moves the timestamp forward only when the addition combines with an aggregate.
      addAdvancesTimestamp: (_storedAgg, intermediate) => intermediate !== null,
    });
  }
}
