// The Processor API's immutable record (org.apache.kafka.streams.processor.api.Record): every
// `with...` returns a new record. Headers are shared, not copied, between a record and the records
// made from it: copying them for every forward would cost every record for a rare mutation.
import { RecordHeaders } from './record-headers';

export class Record<K, V> {
  readonly headers: RecordHeaders;

  constructor(
    readonly key: K,
    readonly value: V,
    readonly timestamp: number,
    headers?: RecordHeaders,
  ) {
    this.headers = headers ?? new RecordHeaders();
  }

  withKey<NK>(key: NK): Record<NK, V> {
    return new Record(key, this.value, this.timestamp, this.headers);
  }

  withValue<NV>(value: NV): Record<K, NV> {
    return new Record(this.key, value, this.timestamp, this.headers);
  }

  withTimestamp(timestamp: number): Record<K, V> {
    return new Record(this.key, this.value, timestamp, this.headers);
  }

  withHeaders(headers: RecordHeaders): Record<K, V> {
    return new Record(this.key, this.value, this.timestamp, headers);
  }
}
