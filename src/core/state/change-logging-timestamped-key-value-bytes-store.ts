// The change-logging layer of a timestamped store (Java's ChangeLoggingTimestampedKeyValueBytesStore):
// the store holds timestamp+value bytes, the changelog gets the plain value with the value's own
// timestamp as the record timestamp (deletes: the current record's). This is Java's changelog
// format, so Java and kstreams can restore each other's changelogs.
import { ChangeLoggingKeyValueBytesStore } from './change-logging-key-value-bytes-store';
import { ValueAndTimestampDeserializer } from './value-and-timestamp-serde';

export class ChangeLoggingTimestampedKeyValueBytesStore extends ChangeLoggingKeyValueBytesStore {
  protected override logWrite(key: Buffer, valueAndTimestamp: Buffer | null): void {
    if (valueAndTimestamp === null) {
      this.log(key, null, this.context.recordContext().timestamp);
    } else {
      this.log(key, ValueAndTimestampDeserializer.rawValue(valueAndTimestamp), ValueAndTimestampDeserializer.timestamp(valueAndTimestamp));
    }
  }
}
