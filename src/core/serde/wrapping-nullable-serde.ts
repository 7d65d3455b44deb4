// A serializer or deserializer that wraps another and may have been built without it (Java's
// WrappingNullableSerializer/Deserializer#setIfUnset): the DSL creates it before the config is
// known, and the runtime hands it the default serdes when a task creates its sources and sinks.
// KTable#groupBy's Change serde is one: Grouped without a value serde means default.value.serde.
import type { Serde } from './serde';

export interface DefaultSerdes {
  keySerde(): Serde<unknown> | null;
  valueSerde(): Serde<unknown> | null;
}

export interface WrappingNullableSerde {
  /** Takes the inner serde from `defaults` when it has none; a no-op otherwise. */
  setIfUnset(defaults: DefaultSerdes): void;
}

export function isWrappingNullableSerde(value: unknown): value is WrappingNullableSerde {
  return typeof value === 'object' && value !== null && typeof (value as Partial<WrappingNullableSerde>).setIfUnset === 'function';
}
