// KTable#groupBy's selector (Java's KTableRepartitionMap): maps each update to the grouping key and
// value it adds, and its old value to the one it removes. When both map to the same key they travel
// as one record (the aggregate subtracts, then adds, in one step); when the key moves, the removal
// goes first, to the old key, then the addition to the new one. A pair with a null key or value is
// dropped. Since Kafka 3.5 (KIP-904); with upgrade.from below 3.5 both always travel separately.
import { isDeepStrictEqual } from 'node:util';
import { StreamsError } from '../../errors';
import type { KeyValue } from '../key-value';
import { Change } from './change';
import { internalContext } from './internal-processor-context';
import type { Processor } from './processor';
import type { ProcessorContext } from './processor-context';
import type { Record } from './record';
import type { ParentTable } from './table-processor-supplier';
import type { TableValueGetterSupplier } from './table-value-getter';
import { ValueAndTimestamp } from '../state/value-and-timestamp';

export type TableGroupBySelector<K, V, KR, VR> = (key: K, value: V) => KeyValue<KR, VR> | null;

/** upgrade.from values before 3.5, where an old and a new value must not share a repartition record. */
const UPGRADE_FROM_BEFORE_3_5 = new Set([
  '0.10.0', '0.10.1', '0.10.2', '0.11.0', '1.0', '1.1', '2.0', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '3.0', '3.1', '3.2', '3.3', '3.4',
]);

export class TableRepartitionMapSupplier<K, V, KR, VR> {
  constructor(
    private readonly parent: ParentTable<K, V>,
    private readonly selector: TableGroupBySelector<K, V, KR, VR>,
  ) {}

  get(): Processor<K, Change<V>, KR, Change<VR>> {
    return new TableRepartitionMapProcessor(this.selector);
  }

  /** Java's view(): a getter of the selected pair; it has no store of its own to connect. */
  view(): TableValueGetterSupplier<K, KeyValue<KR, VR> | null> {
    const parentSupplier = this.parent.valueGetterSupplier();
    return {
      get: () => {
        const parent = parentSupplier.get();
        let context: ProcessorContext<unknown, unknown> | null = null;
        return {
          init: (ctx) => {
            context = ctx;
            parent.init(ctx);
          },
          get: (key) => {
            const valueAndTimestamp = parent.get(key);
            const pair = valueAndTimestamp === null ? null : this.selector(key, valueAndTimestamp.value);
            return ValueAndTimestamp.make(pair, valueAndTimestamp === null ? internalContext(context!).recordContext().timestamp : valueAndTimestamp.timestamp);
          },
          close: () => parent.close?.(),
        };
      },
      storeNames: () => {
        throw new StreamsError('Underlying state store not accessible due to repartitioning.');
      },
    };
  }
}

class TableRepartitionMapProcessor<K, V, KR, VR> implements Processor<K, Change<V>, KR, Change<VR>> {
  private context: ProcessorContext<KR, Change<VR>> | null = null;
  private combineSameKey = true;

  constructor(private readonly selector: TableGroupBySelector<K, V, KR, VR>) {}

  init(context: ProcessorContext<KR, Change<VR>>): void {
    this.context = context;
    const upgradeFrom = context.appConfigs()['upgrade.from'];
    this.combineSameKey = !(typeof upgradeFrom === 'string' && UPGRADE_FROM_BEFORE_3_5.has(upgradeFrom));
  }

  process(record: Record<K, Change<V>>): void {
    if (record.key === null || record.key === undefined) {
      throw new StreamsError('Record key for the grouping KTable should not be null.');
    }
    const change = record.value;
    const newPair = isPresent(change.newValue) ? this.selector(record.key, change.newValue) : null;
    const oldPair = isPresent(change.oldValue) ? this.selector(record.key, change.oldValue) : null;
    const newUsable = isUsable(newPair);
    const oldUsable = isUsable(oldPair);
    const context = this.context!;

    if (this.combineSameKey && oldUsable && newUsable && keysEqual(oldPair.key, newPair.key)) {
      context.forward(record.withKey(oldPair.key).withValue(new Change<VR>(newPair.value, oldPair.value, change.isLatest)));
      return;
    }
    // The removal first, so that an aggregate never counts a value twice.
    if (oldUsable) context.forward(record.withKey(oldPair.key).withValue(new Change<VR>(null, oldPair.value, change.isLatest)));
    if (newUsable) context.forward(record.withKey(newPair.key).withValue(new Change<VR>(newPair.value, null, change.isLatest)));
  }
}

function isPresent<V>(value: V | null): value is V {
  return value !== null && value !== undefined;
}

function isUsable<KR, VR>(pair: KeyValue<KR, VR> | null | undefined): pair is KeyValue<KR, VR> {
  return pair !== null && pair !== undefined && isPresent(pair.key) && isPresent(pair.value);
}

/** Java compares the keys with equals(): value equality for strings, numbers, buffers and plain objects. */
function keysEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return typeof a === 'object' && typeof b === 'object' && isDeepStrictEqual(a, b);
}
