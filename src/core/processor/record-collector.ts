// Where a task's output goes: sink records and changelog records, serialized, in the order they
// were written. The runtime produces them at commit (design-notes §6); the TopologyTestDriver
// hands them to its output topics.
import type { RecordHeaders } from './record-headers';

export interface CollectedRecord {
  /** The full topic name (internal topics with the application id prefix). */
  topic: string;
  /** A partition chosen by a StreamPartitioner or the task (changelogs), or null: murmur2 of the key bytes. */
  partition: number | null;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: number;
  headers: RecordHeaders;
}

export interface RecordCollector {
  send(record: CollectedRecord): void;
  /** The partition count of an output topic, for StreamPartitioners; undefined when unknown. */
  partitionsFor(topic: string): number | undefined;
}
