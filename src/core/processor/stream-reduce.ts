// KGroupedStream#reduce (Java's KStreamReduce): the first value of a key is its aggregate; each
// later one is combined with it by the reducer. Null keys and values are dropped, as in aggregate.
import type { Change } from './change';
import type { Processor } from './processor';
import { StreamFoldProcessor } from './stream-aggregate';
import type { StreamAggregateProcessorSupplier } from './table-processor-supplier';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from './table-value-getter';

export type Reducer<V> = (aggregate: V, value: V) => V;

export class StreamReduceSupplier<K, V> implements StreamAggregateProcessorSupplier<K, V, K, V> {
  readonly kind = 'stream-aggregate';
  private sendOldValues = false;

  constructor(
    private readonly storeName: string,
    private readonly reducer: Reducer<V>,
  ) {}

  enableSendingOldValues(): void {
    this.sendOldValues = true;
  }

  view(): TableValueGetterSupplier<K, V> {
    return new StoreValueGetterSupplier<K, V>(this.storeName);
  }

  get(): Processor<K, V, K, Change<V>> {
    const reducer = this.reducer;
    return new StreamFoldProcessor<K, V, V>(this.storeName, this.sendOldValues, (_key, value, oldAgg) => (oldAgg === null ? value : reducer(oldAgg, value)));
  }
}
