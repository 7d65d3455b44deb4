import { expect } from 'chai';
import type { TimestampExtractorLike } from '../../../../src/config';
import { ConfigError, StreamsError } from '../../../../src/errors';
import { RecordHeaders } from '../../../../src/core/processor/record-headers';
import { resolveTimestampExtractor } from '../../../../src/core/time/default-timestamp-extractor';
import type { ConsumedRecord, TimestampExtractor } from '../../../../src/core/time/timestamp-extractor';
import {
  FailOnInvalidTimestamp,
  INVALID_TIMESTAMP_CODE,
  LogAndSkipOnInvalidTimestamp,
  UsePartitionTimeOnInvalidTimestamp,
  WallclockTimestampExtractor,
} from '../../../../src/core/time/timestamp-extractors';

function record(timestamp: number): ConsumedRecord {
  return { topic: 'clicks', partition: 3, offset: 42, key: 'k', value: 'v', timestamp, headers: new RecordHeaders() };
}

function thrownBy(action: () => unknown): StreamsError {
  try {
    action();
  } catch (err) {
    expect(err).to.be.instanceOf(StreamsError);
    return err as StreamsError;
  }
  expect.fail('expected a StreamsError');
}

describe('timestamp extractors', () => {
  it('are usable as the config value of default.timestamp.extractor', () => {
    const asConfigValue: TimestampExtractorLike[] = [
      new FailOnInvalidTimestamp(),
      new LogAndSkipOnInvalidTimestamp(),
      new UsePartitionTimeOnInvalidTimestamp(),
      new WallclockTimestampExtractor(),
    ];
    expect(asConfigValue).to.have.length(4);
  });

  describe('FailOnInvalidTimestamp', () => {
    const extractor = new FailOnInvalidTimestamp();

    it("gives the record's own timestamp, zero included", () => {
      expect(extractor.extract(record(1_700_000_000_000), 5)).to.equal(1_700_000_000_000);
      expect(extractor.extract(record(0), -1)).to.equal(0);
    });

    it('fails on a negative timestamp, naming the record and what to do', () => {
      const err = thrownBy(() => extractor.extract(record(-1), 100));
      expect(err.message).to.match(/Input record \(topic 'clicks', partition 3, offset 42\) has invalid \(negative\) timestamp -1/);
      expect(err.message).to.match(/LogAndSkipOnInvalidTimestamp drops such records/);
      expect(err.code).to.equal(INVALID_TIMESTAMP_CODE);
      expect(err.fatal).to.be.true;
      expect(err.context).to.deep.equal({ topic: 'clicks', partition: 3, offset: 42, timestamp: -1 });
    });

    it('fails on a timestamp that is not a number', () => {
      expect(() => extractor.extract(record(NaN), 100)).to.throw(StreamsError, /invalid \(negative\) timestamp NaN/);
    });
  });

  describe('LogAndSkipOnInvalidTimestamp', () => {
    it("gives the record's own timestamp without a warning", () => {
      const warnings: string[] = [];
      const extractor = new LogAndSkipOnInvalidTimestamp({ warn: (message) => warnings.push(message) });
      expect(extractor.extract(record(7), 100)).to.equal(7);
      expect(warnings).to.deep.equal([]);
    });

    it('returns the negative timestamp, so the record is dropped, and warns once per record', () => {
      const warnings: string[] = [];
      const extractor = new LogAndSkipOnInvalidTimestamp({ warn: (message) => warnings.push(message) });
      expect(extractor.extract(record(-5), 100)).to.equal(-5);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.match(/input record \(topic 'clicks', partition 3, offset 42\) will be dropped because it has an invalid \(negative\) timestamp -5/);
    });

    it('returns a negative timestamp for a timestamp that is not a number', () => {
      const extractor = new LogAndSkipOnInvalidTimestamp({ warn: () => undefined });
      expect(extractor.extract(record(NaN), 100)).to.be.lessThan(0);
    });
  });

  describe('UsePartitionTimeOnInvalidTimestamp', () => {
    const extractor = new UsePartitionTimeOnInvalidTimestamp();

    it("gives the record's own timestamp when it is valid", () => {
      expect(extractor.extract(record(7), 100)).to.equal(7);
    });

    it('gives the partition time to a record with a negative timestamp', () => {
      expect(extractor.extract(record(-1), 100)).to.equal(100);
      expect(extractor.extract(record(-1), 0)).to.equal(0);
    });

    it('fails when the partition time is unknown too', () => {
      const err = thrownBy(() => extractor.extract(record(-1), -1));
      expect(err.message).to.match(/Could not infer new timestamp for input record \(topic 'clicks', partition 3, offset 42\) because partition time is unknown/);
      expect(err.code).to.equal(INVALID_TIMESTAMP_CODE);
      expect(err.context).to.include({ topic: 'clicks', partition: 3, offset: 42 });
    });
  });

  describe('WallclockTimestampExtractor', () => {
    it('gives the clock time, whatever the record says', () => {
      expect(new WallclockTimestampExtractor(() => 123).extract()).to.equal(123);
      const extractor: TimestampExtractor = new WallclockTimestampExtractor(() => 456);
      expect(extractor.extract(record(-1), -1)).to.equal(456);
    });

    it('uses the system clock by default', () => {
      const before = Date.now();
      const extracted = new WallclockTimestampExtractor().extract();
      expect(extracted).to.be.within(before, Date.now());
    });
  });
});

describe('resolveTimestampExtractor', () => {
  it("gives FailOnInvalidTimestamp for null, as Java's default", () => {
    expect(resolveTimestampExtractor(null)).to.be.instanceOf(FailOnInvalidTimestamp);
    expect(resolveTimestampExtractor(undefined)).to.be.instanceOf(FailOnInvalidTimestamp);
  });

  it('wraps a function (record, partitionTime) => number', () => {
    const seen: Array<[number, number]> = [];
    const extractor = resolveTimestampExtractor((r: ConsumedRecord, partitionTime: number) => {
      seen.push([r.offset, partitionTime]);
      return r.timestamp * 2;
    });
    expect(extractor.extract(record(21), 9)).to.equal(42);
    expect(seen).to.deep.equal([[42, 9]]);
  });

  it('takes an object with extract as it is', () => {
    const custom = { extract: (): number => 1 };
    expect(resolveTimestampExtractor(custom)).to.equal(custom);
  });

  it('maps the Java class names and short names of the built-in extractors to ours', () => {
    const java = 'org.apache.kafka.streams.processor.';
    expect(resolveTimestampExtractor(`${java}FailOnInvalidTimestamp`)).to.be.instanceOf(FailOnInvalidTimestamp);
    expect(resolveTimestampExtractor(`${java}LogAndSkipOnInvalidTimestamp`)).to.be.instanceOf(LogAndSkipOnInvalidTimestamp);
    expect(resolveTimestampExtractor(`${java}UsePartitionTimeOnInvalidTimestamp`)).to.be.instanceOf(UsePartitionTimeOnInvalidTimestamp);
    expect(resolveTimestampExtractor(` ${java}WallclockTimestampExtractor `)).to.be.instanceOf(WallclockTimestampExtractor);
    expect(resolveTimestampExtractor('WallclockTimestampExtractor')).to.be.instanceOf(WallclockTimestampExtractor);
  });

  it('sends the warnings of a LogAndSkipOnInvalidTimestamp named by a string where it is told', () => {
    const warnings: string[] = [];
    const extractor = resolveTimestampExtractor('LogAndSkipOnInvalidTimestamp', { warn: (message) => warnings.push(message) });
    expect(extractor.extract(record(-1), 0)).to.equal(-1);
    expect(warnings).to.have.length(1);
  });

  it('refuses an unknown name, listing the names it knows', () => {
    expect(() => resolveTimestampExtractor('org.apache.kafka.streams.processor.ExtractRecordMetadataTimestamp'))
      .to.throw(ConfigError, /invalid value '.*ExtractRecordMetadataTimestamp' for config 'default.timestamp.extractor'.*'FailOnInvalidTimestamp', 'LogAndSkipOnInvalidTimestamp'/)
      .with.nested.property('context.configKey', 'default.timestamp.extractor');
  });

  it('refuses an extractor class, asking for an instance', () => {
    expect(() => resolveTimestampExtractor(WallclockTimestampExtractor)).to.throw(ConfigError, /it is a class; pass an instance/);
  });

  it('refuses values that are not extractors', () => {
    expect(() => resolveTimestampExtractor(42)).to.throw(ConfigError, /invalid value 42/);
    expect(() => resolveTimestampExtractor({ extract: 1 })).to.throw(ConfigError, /invalid value an object/);
  });
});
