// A key-value store whose values carry the timestamp of the record that wrote them (Java's
// TimestampedKeyValueStore): what the DSL's KTables materialize into.
import type { KeyValueStore } from './key-value-store';
import type { ValueAndTimestamp } from './value-and-timestamp';

export type TimestampedKeyValueStore<K, V> = KeyValueStore<K, ValueAndTimestamp<V>>;
