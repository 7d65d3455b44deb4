// What KTable#filter and KTable#mapValues do at run time with a table update (Java's
// KTableFilterProcessor and KTableMapValuesProcessor, which differ only in the value they compute):
// compute the new value (and the old one when downstream wants it), keep it in the operator's own
// store when the result is materialized, and forward the change.
import type { TimestampedKeyValueStore } from '../state/timestamped-key-value-store';
import { ValueAndTimestamp } from '../state/value-and-timestamp';
import { Change } from './change';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import { TimestampedTupleForwarder } from './timestamped-tuple-forwarder';

export class TableValueProcessor<K, V, VOut> implements Processor<K, Change<V>, K, Change<VOut>> {
  private context: ProcessorContext<K, Change<VOut>> | null = null;
  private store: TimestampedKeyValueStore<K, VOut> | null = null;
  private forwarder: TimestampedTupleForwarder<K, VOut> | null = null;

  constructor(
    private readonly queryableName: string | null,
    private readonly sendOldValues: boolean,
    private readonly computeValue: (key: K, value: V | null) => VOut | null,
    /** The filter's rule: with old values on, an update that neither passed before nor passes now is not news. */
    private readonly skipWhenNeitherPasses: boolean,
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
    const change = record.value;
    const newValue = this.computeValue(key, change.newValue);
    const oldValue = this.computeOldValue(key, change);
    if (this.skipWhenNeitherPasses && this.sendOldValues && oldValue === null && newValue === null) return;

    if (this.store !== null) {
      this.store.put(key, ValueAndTimestamp.make(newValue, record.timestamp));
      this.forwarder!.maybeForward(record.withValue(new Change(newValue, oldValue, true)));
    } else {
      this.context!.forward(record.withValue(new Change(newValue, oldValue, change.isLatest)));
    }
  }

  private computeOldValue(key: K, change: Change<V>): VOut | null {
    if (!this.sendOldValues) return null;
    return this.store !== null ? ValueAndTimestamp.getValueOrNull(this.store.get(key)) : this.computeValue(key, change.oldValue);
  }
}
