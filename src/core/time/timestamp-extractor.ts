// Java's TimestampExtractor: the timestamp a record gets when it enters the topology.
import type { RecordHeaders } from '../processor/record-headers';

/** The consumed record, deserialized, as an extractor sees it. */
export interface ConsumedRecord<K = unknown, V = unknown> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: K;
  readonly value: V;
  /** The record's own timestamp (CreateTime or LogAppendTime), -1 when it has none. */
  readonly timestamp: number;
  readonly headers: RecordHeaders;
}

export interface TimestampExtractor {
  /**
   * The timestamp of `record`; `partitionTime` is the largest timestamp seen on its partition so
   * far (-1 before the first). A negative result drops the record (counted, Java's behaviour).
   */
  extract(record: ConsumedRecord, partitionTime: number): number;
}
