// Builds a store and its layers (Java's StoreBuilder): Metered(Caching(ChangeLogging(Inner))).
import type { StateStore } from './state-store';

export interface StoreBuilder<S extends StateStore = StateStore> {
  name(): string;
  withCachingEnabled(): this;
  withCachingDisabled(): this;
  withLoggingEnabled(topicConfig?: Readonly<{ [key: string]: string }>): this;
  withLoggingDisabled(): this;
  loggingEnabled(): boolean;
  /** The changelog topic's configuration (compaction, retention ...) beyond the defaults. */
  logConfig(): Readonly<{ [key: string]: string }>;
  build(): S;
}
