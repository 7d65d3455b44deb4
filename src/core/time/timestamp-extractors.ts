// Java's built-in timestamp extractors (org.apache.kafka.streams.processor). The first three take
// the record's own timestamp (CreateTime or LogAppendTime: event or ingestion time) and differ only
// in what they do with a negative one, which a record written without a timestamp carries as -1.
// A negative result makes the runtime drop the record and count it (reason: negative timestamp).
import { StreamsError } from '../../errors';
import type { ConsumedRecord, TimestampExtractor } from './timestamp-extractor';

/** The part of a record these extractors read: they work on any record shape that has it. */
export type RecordWithTimestamp = Pick<ConsumedRecord, 'topic' | 'partition' | 'offset' | 'timestamp'>;

/** Code of the errors thrown for a record whose timestamp is invalid. */
export const INVALID_TIMESTAMP_CODE = 'TIMESTAMP_INVALID';

/** Java: `ExtractRecordMetadataTimestamp`. The record's timestamp, or `onInvalidTimestamp`'s answer when it is negative. */
export abstract class ExtractRecordMetadataTimestamp implements TimestampExtractor {
  extract(record: RecordWithTimestamp, partitionTime: number): number {
    const timestamp = record.timestamp;
    // `!(>= 0)` also catches NaN, which a timestamp parsed from a bad string would be.
    if (!(timestamp >= 0)) return this.onInvalidTimestamp(record, timestamp, partitionTime);
    return timestamp;
  }

  /** A new timestamp for a record whose own is negative; a negative answer drops the record. */
  abstract onInvalidTimestamp(record: RecordWithTimestamp, recordTimestamp: number, partitionTime: number): number;
}

/**
 * Java: `FailOnInvalidTimestamp`, Kafka Streams' default. A negative timestamp stops processing
 * with an error.
 */
export class FailOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
  override onInvalidTimestamp(record: RecordWithTimestamp, recordTimestamp: number): never {
    throw new StreamsError(
      `Input record ${describeRecord(record)} has invalid (negative) timestamp ${recordTimestamp}. Possibly because a pre-0.10 producer ` +
        'client was used to write this record to Kafka without embedding a timestamp, or because the input topic was created ' +
        "before upgrading the Kafka cluster to 0.10+. Use a different 'default.timestamp.extractor' to process this data: " +
        'LogAndSkipOnInvalidTimestamp drops such records, UsePartitionTimeOnInvalidTimestamp gives them the partition time.',
      { code: INVALID_TIMESTAMP_CODE, context: contextOf(record, recordTimestamp) },
    );
  }
}

export interface LogAndSkipOptions {
  /** Where the warning for each dropped record goes. Default: console.warn. */
  readonly warn?: (message: string) => void;
}

/**
 * Java: `LogAndSkipOnInvalidTimestamp`. A record with a negative timestamp is dropped (its negative
 * timestamp is returned), with a warning per record.
 */
export class LogAndSkipOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
  private readonly warn: (message: string) => void;

  constructor(options: LogAndSkipOptions = {}) {
    super();
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  override onInvalidTimestamp(record: RecordWithTimestamp, recordTimestamp: number): number {
    this.warn(`kstreams: input record ${describeRecord(record)} will be dropped because it has an invalid (negative) timestamp ${recordTimestamp}.`);
    // NaN is not negative, and only a negative result drops the record.
    return recordTimestamp < 0 ? recordTimestamp : -1;
  }
}

/**
 * Java: `UsePartitionTimeOnInvalidTimestamp`. A record with a negative timestamp gets the partition
 * time (the largest valid timestamp seen on its partition); before there is one, that is an error.
 */
export class UsePartitionTimeOnInvalidTimestamp extends ExtractRecordMetadataTimestamp {
  override onInvalidTimestamp(record: RecordWithTimestamp, recordTimestamp: number, partitionTime: number): number {
    if (partitionTime < 0) {
      throw new StreamsError(
        `Could not infer new timestamp for input record ${describeRecord(record)} because partition time is unknown: its timestamp ` +
          `${recordTimestamp} is invalid (negative) and no record with a valid timestamp has been processed on the partition yet. ` +
          "Use LogAndSkipOnInvalidTimestamp as 'default.timestamp.extractor' to drop such records instead.",
        { code: INVALID_TIMESTAMP_CODE, context: contextOf(record, recordTimestamp) },
      );
    }
    return partitionTime;
  }
}

/** Java: `WallclockTimestampExtractor`. The time of processing, not of the record (processing-time semantics). */
export class WallclockTimestampExtractor implements TimestampExtractor {
  /** `clock` is there for tests; it defaults to Date.now. */
  constructor(private readonly clock: () => number = Date.now) {}

  extract(): number {
    return this.clock();
  }
}

function describeRecord(record: RecordWithTimestamp): string {
  return `(topic '${record.topic}', partition ${record.partition}, offset ${record.offset})`;
}

function contextOf(record: RecordWithTimestamp, timestamp: number): { topic: string; partition: number; offset: number; timestamp: number } {
  return { topic: record.topic, partition: record.partition, offset: record.offset, timestamp };
}
