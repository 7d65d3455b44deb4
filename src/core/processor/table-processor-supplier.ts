// The three kinds of processor a KTable can stand on, and what the DSL asks of each (Java's
// KTableSource, KTableProcessorSupplier and KStreamAggProcessorSupplier): a way to read the table's
// current values (view) and a way to make it send old values along with new ones, which operators
// such as filter, groupBy and joins need. The suppliers are built while the DSL graph is built and
// may still change (materialize, send old values) until the topology is written.
import type { Change } from './change';
import type { Processor } from './processor';
import type { TableValueGetterSupplier } from './table-value-getter';

/** The KTable an operator reads from, as the operator's supplier sees it (Java passes the KTableImpl). */
export interface ParentTable<K, V> {
  /** See TableProcessorSupplier.enableSendingOldValues. */
  enableSendingOldValues(forceMaterialization: boolean): boolean;
  valueGetterSupplier(): TableValueGetterSupplier<K, V>;
}

/** An operator from a KTable to a KTable: filter, mapValues, table aggregations, joins. */
export interface TableProcessorSupplier<KIn, VIn, KOut, VOut> {
  readonly kind: 'table';
  get(): Processor<KIn, Change<VIn>, KOut, Change<VOut>>;
  view(): TableValueGetterSupplier<KOut, VOut>;
  /**
   * Makes the operator send old values when it can. With `forceMaterialization` an upstream table
   * source is materialized if it must be; without, old values are enabled only when some upstream
   * node is already materialized. Returns whether old values are now sent.
   */
  enableSendingOldValues(forceMaterialization: boolean): boolean;
}

/** A stream aggregation, whose result is a KTable: always materialized, so old values are always possible. */
export interface StreamAggregateProcessorSupplier<KIn, VIn, KOut, VOut> {
  readonly kind: 'stream-aggregate';
  get(): Processor<KIn, VIn, KOut, Change<VOut>>;
  view(): TableValueGetterSupplier<KOut, VOut>;
  enableSendingOldValues(): void;
}
