// Where the record being processed came from, and the timestamp and headers it carries at the
// current node (Java's ProcessorRecordContext). Inside a punctuation, topic is null and the
// partition and offset are -1.
import { RecordHeaders } from './record-headers';

export interface ProcessorRecordContext {
  readonly timestamp: number;
  readonly topic: string | null;
  readonly partition: number;
  readonly offset: number;
  readonly headers: RecordHeaders;
}

export function punctuationRecordContext(timestamp: number): ProcessorRecordContext {
  return { timestamp, topic: null, partition: -1, offset: -1, headers: new RecordHeaders() };
}
