// The processor behind builder.table() and KStream#toTable (Java's KTableSource): turns each record
// into an update of the table. When the table is materialized it writes the store and forwards the
// update with the value it replaced (through the cache when the store caches); when it is not, it
// forwards the new value only. Whether it is materialized is settled only when the topology is
// written: a downstream operator that needs old values or a value getter materializes it.
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { Change } from './change';
import { internalContext } from './internal-processor-context';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import { StoreValueGetterSupplier, type TableValueGetterSupplier } from './table-value-getter';
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder';

export class TableSourceSupplier<K, V> {
  readonly kind = 'source';
  private queryable: string | null;
  private sendOldValues = false;

  /**
   * `storeName` is the store the table uses if it gets materialized; `queryableName` is set when
   * the user named the store (then it is materialized from the start), else null.
   */
  constructor(
    readonly storeName: string,
    queryableName: string | null,
  ) {
    this.queryable = queryableName;
  }

  /** The store the processor writes, or null while the table is not materialized. */
  queryableName(): string | null {
    return this.queryable;
  }

  /** Old values come from the store, so sending them materializes the table. */
  enableSendingOldValues(): void {
    this.sendOldValues = true;
    this.queryable = this.storeName;
  }

  materialize(): void {
    this.queryable = this.storeName;
  }

  materialized(): boolean {
    return this.queryable !== null;
  }

  /** A getter over the table's store; asking for one materializes the table (Java's KTableImpl#valueGetterSupplier). */
  view(): TableValueGetterSupplier<K, V> {
    this.materialize();
    return new StoreValueGetterSupplier<K, V>(this.storeName);
  }

  get(): Processor<K, V, K, Change<V>> {
    return new TableSourceProcessor<K, V>(this.queryable, this.sendOldValues);
  }
}

class TableSourceProcessor<K, V> implements Processor<K, V, K, Change<V>> {
  private context: ProcessorContext<K, Change<V>> | null = null;
  private store: TimestampedKeyValueStore<K, V> | null = null;
  private forwarder: TimestampedTupleForwarder<K, V> | null = null;

  constructor(
    private readonly storeName: string | null,
    private readonly sendOldValues: boolean,
  ) {}

  init(context: ProcessorContext<K, Change<V>>): void {
    this.context = context;
    if (this.storeName !== null) {
      const store = context.getStateStore<TimestampedKeyValueStore<K, V>>(this.storeName);
      this.store = store;
      this.forwarder = new TimestampedTupleForwarder(store, context, this.sendOldValues);
    }
  }

  process(record: Record<K, V>): void {
    const context = this.context!;
    if (record.key === null || record.key === undefined) {
      // Java logs "Skipping record due to null key" and counts the drop.
      const internal = internalContext(context);
      internal.sensors.recordDropped('null-key', String(context.taskId()), internal.currentNodeName());
      return;
    }
    const value = record.value ?? null;
    if (this.store === null) {
      context.forward(record.withValue(new Change<V>(value, null, true)));
      return;
    }
    // An update older than the stored one still wins (Java only logs it for a timestamped store).
    const oldValue = ValueAndTimestamp.getValueOrNull(this.store.get(record.key));
    this.store.put(record.key, ValueAndTimestamp.make(value, record.timestamp));
    this.forwarder!.maybeForward(record.withValue(new Change<V>(value, oldValue, true)));
  }
}
