// The configuration Kafka Streams gives the topics it creates (Java's InternalTopicConfig subclasses:
// RepartitionTopicConfig, UnwindowedUnversionedChangelogTopicConfig, WindowedChangelogTopicConfig,
// VersionedChangelogTopicConfig). Later entries win: library defaults, then the topic's own config.
import type { StoreBuilder } from '../state/store-builder';

type TopicConfig = Readonly<{ [key: string]: string }>;

/** Java's INTERNAL_TOPIC_DEFAULT_OVERRIDES: every internal topic keeps the producer's timestamps. */
const INTERNAL_TOPIC_DEFAULTS: TopicConfig = { 'message.timestamp.type': 'CreateTime' };

/** Records are deleted once every consumer is past them (Java purges them explicitly), so no time limit. */
const REPARTITION_DEFAULTS: TopicConfig = {
  ...INTERNAL_TOPIC_DEFAULTS,
  'cleanup.policy': 'delete',
  'segment.bytes': '52428800',
  'retention.ms': '-1',
};

/** Java's default for `windowstore.changelog.additional.retention.ms`: one day of slack for clock drift. */
export const DEFAULT_WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Java's VERSIONED_STORE_CHANGE_LOG_ADDITIONAL_COMPACTION_LAG_MS. */
const VERSIONED_CHANGELOG_ADDITIONAL_COMPACTION_LAG_MS = 24 * 60 * 60 * 1000;

export function repartitionTopicConfig(topicConfig: TopicConfig = {}): TopicConfig {
  return { ...REPARTITION_DEFAULTS, ...topicConfig };
}

/**
 * A store's changelog config. Window and session store builders are recognised by a
 * `retentionPeriod()` method and versioned key-value store builders by `historyRetention()`, the
 * methods Java's StoreBuilderWrapper looks for on the same builders.
 */
export function changelogTopicConfig(builder: StoreBuilder, additionalRetentionMs = DEFAULT_WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS): TopicConfig {
  const logConfig = builder.logConfig();
  const historyRetentionMs = numberMethod(builder, 'historyRetention');
  if (historyRetentionMs !== undefined) {
    const config: { [key: string]: string } = { ...INTERNAL_TOPIC_DEFAULTS, 'cleanup.policy': 'compact', ...logConfig };
    if (logConfig['min.compaction.lag.ms'] === undefined) {
      config['min.compaction.lag.ms'] = String(historyRetentionMs + VERSIONED_CHANGELOG_ADDITIONAL_COMPACTION_LAG_MS);
    }
    return config;
  }
  const retentionPeriodMs = numberMethod(builder, 'retentionPeriod');
  if (retentionPeriodMs !== undefined) {
    const config: { [key: string]: string } = { ...INTERNAL_TOPIC_DEFAULTS, 'cleanup.policy': 'compact,delete', ...logConfig };
    if (logConfig['retention.ms'] === undefined) {
      // Java adds with Math.addExact and saturates at Long.MAX_VALUE; a double saturates by itself.
      config['retention.ms'] = String(retentionPeriodMs + additionalRetentionMs);
    }
    return config;
  }
  return { ...INTERNAL_TOPIC_DEFAULTS, 'cleanup.policy': 'compact', ...logConfig };
}

function numberMethod(builder: StoreBuilder, method: 'retentionPeriod' | 'historyRetention'): number | undefined {
  const fn = (builder as unknown as { [name: string]: unknown })[method];
  if (typeof fn !== 'function') return undefined;
  const value: unknown = fn.call(builder);
  return typeof value === 'number' ? value : undefined;
}
