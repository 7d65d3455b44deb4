// The outermost layer of a timestamped store (Java's MeteredTimestampedKeyValueStore): values are
// ValueAndTimestamp, stored as timestamp+value bytes by a ValueAndTimestampSerde around the plain
// value serde (the builder's, or the task's default value serde).
import type { Serde } from '../serde/serde';
import type { KeyValueBytesStore } from './key-value-bytes-store';
import { MeteredKeyValueStore } from './metered-key-value-store';
import type { StateStoreContext } from './state-store';
import type { TimestampedKeyValueStore } from './timestamped-key-value-store';
import type { ValueAndTimestamp } from './value-and-timestamp';
import { ValueAndTimestampSerde } from './value-and-timestamp-serde';

export class MeteredTimestampedKeyValueStore<K, V>
  extends MeteredKeyValueStore<K, ValueAndTimestamp<V>>
  implements TimestampedKeyValueStore<K, V>
{
  constructor(wrapped: KeyValueBytesStore, metricsScope: string, keySerde: Serde<K> | null, valueSerde: Serde<V> | null) {
    super(wrapped, metricsScope, keySerde, valueSerde === null ? null : new ValueAndTimestampSerde(valueSerde));
  }

  protected override prepareValueSerde(
    valueSerde: Serde<ValueAndTimestamp<V>> | null,
    context: StateStoreContext,
  ): Serde<ValueAndTimestamp<V>> | null {
    if (valueSerde !== null) return valueSerde;
    const defaultSerde = context.valueSerde() as Serde<V> | null;
    return defaultSerde === null ? null : new ValueAndTimestampSerde(defaultSerde);
  }
}
