// The values `default.timestamp.extractor` may take, resolved to an extractor: null (Java's default,
// FailOnInvalidTimestamp), a function, an extractor object, or the name of a built-in extractor,
// either Java's class name ('org.apache.kafka.streams.processor.WallclockTimestampExtractor', so a
// Java properties file carries over) or the class name alone ('WallclockTimestampExtractor').
import { ConfigError } from '../../errors';
import type { ConsumedRecord, TimestampExtractor } from './timestamp-extractor';
import {
  FailOnInvalidTimestamp,
  LogAndSkipOnInvalidTimestamp,
  UsePartitionTimeOnInvalidTimestamp,
  WallclockTimestampExtractor,
  type LogAndSkipOptions,
} from './timestamp-extractors';

const CONFIG_KEY = 'default.timestamp.extractor';
const JAVA_PACKAGE = 'org.apache.kafka.streams.processor.';

const BUILT_IN: Readonly<Record<string, (options: LogAndSkipOptions) => TimestampExtractor>> = {
  FailOnInvalidTimestamp: () => new FailOnInvalidTimestamp(),
  LogAndSkipOnInvalidTimestamp: (options) => new LogAndSkipOnInvalidTimestamp(options),
  UsePartitionTimeOnInvalidTimestamp: () => new UsePartitionTimeOnInvalidTimestamp(),
  WallclockTimestampExtractor: () => new WallclockTimestampExtractor(),
};

/**
 * The extractor a config value names. `options.warn` is where LogAndSkipOnInvalidTimestamp, when
 * named by a string, sends its warnings.
 * @throws ConfigError when the value is none of the accepted forms.
 */
export function resolveTimestampExtractor(value: unknown, options: LogAndSkipOptions = {}): TimestampExtractor {
  if (value === null || value === undefined) return new FailOnInvalidTimestamp();
  if (typeof value === 'string') {
    const name = value.trim();
    const shortName = name.startsWith(JAVA_PACKAGE) ? name.slice(JAVA_PACKAGE.length) : name;
    if (Object.hasOwn(BUILT_IN, shortName)) return BUILT_IN[shortName](options);
    const names = Object.keys(BUILT_IN).map((n) => `'${n}'`).join(', ');
    throw invalid(value, `a string must name a built-in extractor: one of ${names}, alone or with Java's package ('${JAVA_PACKAGE}...')`);
  }
  if (typeof value === 'function') {
    const prototype = (value as { prototype?: { extract?: unknown } }).prototype;
    if (typeof prototype?.extract === 'function') throw invalid(value, 'it is a class; pass an instance of it (new ...())');
    const extract = value as (record: ConsumedRecord, partitionTime: number) => number;
    return { extract: (record, partitionTime) => extract(record, partitionTime) };
  }
  if (typeof value === 'object' && typeof (value as { extract?: unknown }).extract === 'function') return value as TimestampExtractor;
  throw invalid(value);
}

function invalid(value: unknown, hint?: string): ConfigError {
  const shown = typeof value === 'string' ? `'${value}'` : typeof value === 'function' ? 'a function' : typeof value === 'object' ? 'an object' : String(value);
  return new ConfigError(
    `invalid value ${shown} for config '${CONFIG_KEY}': expected a function (record, partitionTime) => number, an object with ` +
      `extract(record, partitionTime), the name of a built-in extractor, or null${hint === undefined ? '' : `; ${hint}`}`,
    { context: { configKey: CONFIG_KEY, value: shown } },
  );
}
