// A StoreBuilder that records its settings and builds nothing: the topology only reads its name,
// logging flag and log config (and, for window/versioned stores, their retention).
import type { StateStore } from '../../../../src/core/state/state-store';
import type { StoreBuilder } from '../../../../src/core/state/store-builder';

export interface FakeStoreBuilder extends StoreBuilder {
  retentionPeriod?(): number;
  historyRetention?(): number;
}

export function fakeStoreBuilder(
  name: string,
  options: { logging?: boolean; logConfig?: { [key: string]: string }; retentionPeriodMs?: number; historyRetentionMs?: number } = {},
): FakeStoreBuilder {
  let logging = options.logging ?? true;
  let logConfig: { [key: string]: string } = { ...(options.logConfig ?? {}) };
  const builder: FakeStoreBuilder = {
    name: () => name,
    withCachingEnabled: () => builder,
    withCachingDisabled: () => builder,
    withLoggingEnabled: (config = {}) => {
      logging = true;
      logConfig = { ...config };
      return builder;
    },
    withLoggingDisabled: () => {
      logging = false;
      return builder;
    },
    loggingEnabled: () => logging,
    logConfig: () => logConfig,
    build: (): StateStore => {
      throw new Error(`fake store builder ${name} builds no store`);
    },
  };
  if (options.retentionPeriodMs !== undefined) builder.retentionPeriod = () => options.retentionPeriodMs as number;
  if (options.historyRetentionMs !== undefined) builder.historyRetention = () => options.historyRetentionMs as number;
  return builder;
}
