// A record as a test writes and reads it (Java's TestRecord): key, value, headers, timestamp.
import { RecordHeaders } from '../processor/record-headers';

export class TestRecord<K, V> {
  readonly headers: RecordHeaders;

  constructor(
    readonly key: K,
    readonly value: V,
    headers?: RecordHeaders,
    /** Milliseconds; undefined on input means "the input topic's current time". */
    readonly timestamp?: number,
  ) {
    this.headers = headers ?? new RecordHeaders();
  }
}
