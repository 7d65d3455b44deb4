// Reads what a TopologyTestDriver wrote to a topic (Java's TestOutputTopic). Reading consumes.
import type { KeyValue } from '../key-value';
import type { CollectedRecord } from '../processor/record-collector';
import type { Deserializer } from '../serde/serde';
import { TestRecord } from './test-record';

/** What an output topic needs from its driver. */
export interface OutputTopicSource {
  readOutput(topic: string): CollectedRecord | undefined;
  queueSize(topic: string): number;
}

export class TestOutputTopic<K, V> {
  /** @internal created by TopologyTestDriver#createOutputTopic */
  constructor(
    private readonly driver: OutputTopicSource,
    readonly topic: string,
    private readonly keyDeserializer: Deserializer<K>,
    private readonly valueDeserializer: Deserializer<V>,
  ) {}

  readValue(): V | null {
    return this.readRecord().value;
  }

  readKeyValue(): KeyValue<K | null, V | null> {
    const record = this.readRecord();
    return { key: record.key, value: record.value };
  }

  readRecord(): TestRecord<K | null, V | null> {
    const raw = this.driver.readOutput(this.topic);
    if (!raw) throw new Error(`Empty topic: ${this.topic}`);
    return new TestRecord(
      this.keyDeserializer.deserialize(this.topic, raw.key, raw.headers),
      this.valueDeserializer.deserialize(this.topic, raw.value, raw.headers),
      raw.headers,
      raw.timestamp,
    );
  }

  readValuesToList(): (V | null)[] {
    return this.drain((r) => r.value);
  }

  readKeyValuesToList(): KeyValue<K | null, V | null>[] {
    return this.drain((r) => ({ key: r.key, value: r.value }));
  }

  /** The latest value per key; a null value (tombstone) removes the key, as Java's does. */
  readKeyValuesToMap(): Map<K | null, V> {
    const map = new Map<K | null, V>();
    for (const { key, value } of this.readKeyValuesToList()) {
      if (key === null) throw new Error(`readKeyValuesToMap() cannot handle null keys (topic ${this.topic})`);
      if (value === null) map.delete(key);
      else map.set(key, value);
    }
    return map;
  }

  readRecordsToList(): TestRecord<K | null, V | null>[] {
    return this.drain((r) => r);
  }

  getQueueSize(): number {
    return this.driver.queueSize(this.topic);
  }

  isEmpty(): boolean {
    return this.getQueueSize() === 0;
  }

  private drain<T>(map: (record: TestRecord<K | null, V | null>) => T): T[] {
    const out: T[] = [];
    while (!this.isEmpty()) out.push(map(this.readRecord()));
    return out;
  }
}
