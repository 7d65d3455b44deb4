// Writes records into a TopologyTestDriver (Java's TestInputTopic). Each pipe processes the record
// completely — through repartition topics, punctuations and a commit — before it resolves.
import type { KeyValue } from '../key-value';
import type { RecordHeaders } from '../processor/record-headers';
import type { Serializer } from '../serde/serde';
import { TestRecord } from './test-record';

/** What an input topic needs from its driver. */
export interface InputTopicSink {
  pipeRecord(topic: string, key: Buffer | null, value: Buffer | null, timestamp: number, headers: RecordHeaders): Promise<void>;
}

export class TestInputTopic<K, V> {
  private currentTimeMs: number;

  /** @internal created by TopologyTestDriver#createInputTopic */
  constructor(
    private readonly driver: InputTopicSink,
    readonly topic: string,
    private readonly keySerializer: Serializer<K>,
    private readonly valueSerializer: Serializer<V>,
    startTimestampMs: number,
    private readonly autoAdvanceMs: number,
  ) {
    this.currentTimeMs = startTimestampMs;
  }

  /** Advances the time given to records piped without a timestamp. */
  advanceTime(advanceMs: number): void {
    if (advanceMs < 0) throw new RangeError(`advance must be positive, got ${advanceMs}`);
    this.currentTimeMs += advanceMs;
  }

  /** `pipeInput(value)`, `pipeInput(key, value, timestampMs?)` or `pipeInput(testRecord)`. */
  pipeInput(record: TestRecord<K | null, V | null>): Promise<void>;
  pipeInput(value: V | null): Promise<void>;
  pipeInput(key: K | null, value: V | null, timestampMs?: number): Promise<void>;
  pipeInput(...args: unknown[]): Promise<void> {
    if (args.length === 1 && args[0] instanceof TestRecord) return this.pipeRecord(args[0] as TestRecord<K | null, V | null>);
    if (args.length === 1) return this.pipeRecord(new TestRecord(null, args[0] as V | null));
    return this.pipeRecord(new TestRecord(args[0] as K | null, args[1] as V | null, undefined, args[2] as number | undefined));
  }

  async pipeValueList(values: readonly (V | null)[]): Promise<void> {
    for (const value of values) await this.pipeRecord(new TestRecord(null, value));
  }

  async pipeKeyValueList(keyValues: readonly KeyValue<K | null, V | null>[], startTimestampMs?: number, advanceMs = 0): Promise<void> {
    let timestamp = startTimestampMs;
    for (const { key, value } of keyValues) {
      await this.pipeRecord(new TestRecord(key, value, undefined, timestamp));
      if (timestamp !== undefined) timestamp += advanceMs;
    }
  }

  async pipeRecordList(records: readonly TestRecord<K | null, V | null>[]): Promise<void> {
    for (const record of records) await this.pipeRecord(record);
  }

  private async pipeRecord(record: TestRecord<K | null, V | null>): Promise<void> {
    let timestamp = record.timestamp;
    if (timestamp === undefined) {
      timestamp = this.currentTimeMs;
      this.currentTimeMs += this.autoAdvanceMs;
    }
    const key = this.keySerializer.serialize(this.topic, record.key, record.headers);
    const value = this.valueSerializer.serialize(this.topic, record.value, record.headers);
    await this.driver.pipeRecord(this.topic, key, value, timestamp, record.headers);
  }
}
