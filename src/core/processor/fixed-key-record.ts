// A record whose key cannot change (Java's FixedKeyRecord, used by processValues): the key
// stays, so a downstream grouping needs no repartition.
import type { RecordHeaders } from './record-headers';
import { Record } from './record';

export class FixedKeyRecord<K, V> {
  private constructor(private readonly record: Record<K, V>) {}

  /** For the runtime: wraps a record whose key the processor must not change. */
  static of<K, V>(record: Record<K, V>): FixedKeyRecord<K, V> {
    return new FixedKeyRecord(record);
  }

  get key(): K {
    return this.record.key;
  }
  get value(): V {
    return this.record.value;
  }
  get timestamp(): number {
    return this.record.timestamp;
  }
  get headers(): RecordHeaders {
    return this.record.headers;
  }

  withValue<NV>(value: NV): FixedKeyRecord<K, NV> {
    return new FixedKeyRecord(this.record.withValue(value));
  }
  withTimestamp(timestamp: number): FixedKeyRecord<K, V> {
    return new FixedKeyRecord(this.record.withTimestamp(timestamp));
  }
  withHeaders(headers: RecordHeaders): FixedKeyRecord<K, V> {
    return new FixedKeyRecord(this.record.withHeaders(headers));
  }

  /** For the runtime: the plain record to forward. */
  toRecord(): Record<K, V> {
    return this.record;
  }
}
