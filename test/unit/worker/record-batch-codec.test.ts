import { expect } from 'chai';
import type { Header } from '../../../src/core/processor/record-headers';
import {
  decodeConsumedRecords,
  decodeOutputRecords,
  encodeConsumedRecords,
  encodeOutputRecords,
  encodedRecordCount,
  type ConsumedBatchRecord,
  type OutputBatchRecord,
} from '../../../src/worker/record-batch-codec';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

function consumed(i: number, overrides: Partial<ConsumedBatchRecord> = {}): ConsumedBatchRecord {
  return { topic: 'input', partition: 3, offset: 1000 + i, timestamp: 1_700_000_000_000 + i, key: b(`k${i}`), value: b(`value ${i}`), headers: [], ...overrides };
}

/** Plain objects with Buffers, for deep equality. */
function plain(records: readonly { headers: Iterable<Header> }[]): unknown[] {
  return records.map((r) => ({ ...r, headers: [...r.headers].map((h) => ({ key: h.key, value: h.value })) }));
}

describe('record batch codec', () => {
  it('round-trips consumed records: topic, partition, offset, timestamp, key, value and headers', () => {
    const records: ConsumedBatchRecord[] = [
      consumed(0, { headers: [{ key: 'traceparent', value: b('00-abc-def-01') }] }),
      consumed(1, { topic: 'other', partition: 0, offset: 0, timestamp: -1 }),
      consumed(2, { offset: 2 ** 53 - 1, timestamp: 0 }),
    ];
    const decoded = decodeConsumedRecords(encodeConsumedRecords(records));
    expect(plain(decoded)).to.deep.equal(plain(records));
  });

  it('keeps null and empty keys, values and header values apart', () => {
    const records: ConsumedBatchRecord[] = [
      consumed(0, { key: null, value: null, headers: [{ key: 'h', value: null }] }),
      consumed(1, { key: Buffer.alloc(0), value: Buffer.alloc(0), headers: [{ key: 'h', value: Buffer.alloc(0) }] }),
      consumed(2, { key: null, value: Buffer.alloc(0) }),
    ];
    const decoded = decodeConsumedRecords(encodeConsumedRecords(records));
    expect(decoded[0].key).to.equal(null);
    expect(decoded[0].value).to.equal(null);
    expect(decoded[0].headers[0].value).to.equal(null);
    expect(decoded[1].key).to.be.instanceOf(Buffer).with.lengthOf(0);
    expect(decoded[1].value).to.be.instanceOf(Buffer).with.lengthOf(0);
    expect(decoded[1].headers[0].value).to.be.instanceOf(Buffer).with.lengthOf(0);
    expect(decoded[2].key).to.equal(null);
    expect(decoded[2].value).to.be.instanceOf(Buffer).with.lengthOf(0);
  });

  it('carries unicode topics and header keys, and binary bytes, exactly', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x80, 0x7f, 0xc3, 0x28]); // not valid UTF-8 on purpose
    const records = [consumed(0, { topic: 'tópico-日本-🚀', key: bytes, headers: [{ key: 'ключ', value: bytes }, { key: '🔑', value: b('x') }] })];
    const [decoded] = decodeConsumedRecords(encodeConsumedRecords(records));
    expect(decoded.topic).to.equal('tópico-日本-🚀');
    expect(decoded.key!.equals(bytes)).to.equal(true);
    expect(decoded.headers.map((h) => h.key)).to.deep.equal(['ключ', '🔑']);
    expect(decoded.headers[0].value!.equals(bytes)).to.equal(true);
  });

  it('keeps many headers, repeated keys and their order', () => {
    const headers: Header[] = [];
    for (let i = 0; i < 300; i++) headers.push({ key: `h${i % 7}`, value: i % 5 === 0 ? null : b(String(i)) });
    const [decoded] = decodeConsumedRecords(encodeConsumedRecords([consumed(0, { headers })]));
    expect(plain([{ headers: decoded.headers }])).to.deep.equal(plain([{ headers }]));
  });

  it('round-trips output records with and without a partition', () => {
    const records: OutputBatchRecord[] = [
      { topic: 'out', partition: null, timestamp: 5, key: b('k'), value: b('v'), headers: [{ key: 'a', value: b('1') }] },
      { topic: 'app-store-changelog', partition: 7, timestamp: 6, key: b('k'), value: null, headers: [] },
      { topic: 'out', partition: 0, timestamp: 7, key: null, value: Buffer.alloc(0), headers: [] },
    ];
    expect(plain(decodeOutputRecords(encodeOutputRecords(records)))).to.deep.equal(plain(records));
  });

  it('encodes an empty batch', () => {
    expect(decodeConsumedRecords(encodeConsumedRecords([]))).to.deep.equal([]);
    expect(encodedRecordCount(encodeOutputRecords([]))).to.equal(0);
  });

  it('takes headers from any iterable, such as RecordHeaders', () => {
    const headers = new Set<Header>([{ key: 'x', value: b('1') }]);
    const [decoded] = decodeConsumedRecords(encodeConsumedRecords([consumed(0, { headers })]));
    expect(decoded.headers).to.have.lengthOf(1);
  });

  it('decodes copies by default and views into the batch with zeroCopy', () => {
    const batch = encodeConsumedRecords([consumed(0)]);
    const [copied] = decodeConsumedRecords(batch);
    const [view] = decodeConsumedRecords(batch, { zeroCopy: true });
    expect(copied.value!.buffer).to.not.equal(batch);
    expect(view.value!.buffer).to.equal(batch);
    expect(view.value!.toString()).to.equal('value 0');
  });

  it('decodes a batch given as a Uint8Array that is a slice of a larger buffer', () => {
    const batch = new Uint8Array(encodeConsumedRecords([consumed(0), consumed(1)]));
    const larger = new Uint8Array(batch.byteLength + 10);
    larger.set(batch, 5);
    expect(decodeConsumedRecords(larger.subarray(5, 5 + batch.byteLength))).to.have.lengthOf(2);
  });

  it('refuses a batch of the other kind, a foreign buffer and a truncated one with a clear error', () => {
    const batch = encodeConsumedRecords([consumed(0), consumed(1)]);
    expect(() => decodeOutputRecords(batch)).to.throw(/holds consumed records where output records were expected/);
    expect(() => decodeConsumedRecords(new ArrayBuffer(40))).to.throw(/does not start with the KSB1 magic/);
    expect(() => decodeConsumedRecords(batch.slice(0, batch.byteLength - 3))).to.throw(/truncated/);
    expect(() => decodeConsumedRecords(batch.slice(0, 10))).to.throw(/fewer than its 24-byte header/);
    const extra = new Uint8Array(batch.byteLength + 1);
    extra.set(new Uint8Array(batch));
    expect(() => decodeConsumedRecords(extra)).to.throw(/1 bytes follow its last record/);
    const huge = new Uint8Array(batch.slice(0));
    new DataView(huge.buffer).setUint32(8, 0xffffffff, true);
    expect(() => decodeConsumedRecords(huge)).to.throw(/record count 4294967295 does not fit/);
  });

  it('refuses to encode records that are not records', () => {
    expect(() => encodeConsumedRecords([consumed(0, { partition: -1 })])).to.throw(/record 0 .* partition -1/);
    expect(() => encodeConsumedRecords([consumed(0, { key: 'text' as unknown as Buffer })])).to.throw(/its key is string/);
    expect(() => encodeOutputRecords([{ topic: '', partition: null, timestamp: 0, key: null, value: null, headers: [] }])).to.throw(/topic/);
  });

  it('round-trips a large batch (micro-benchmark printed, not asserted)', function () {
    this.timeout(60_000);
    const count = 100_000;
    const value = Buffer.alloc(200, 7);
    const records: ConsumedBatchRecord[] = [];
    for (let i = 0; i < count; i++) {
      records.push({ topic: `topic-${i % 4}`, partition: i % 12, offset: i, timestamp: 1_700_000_000_000 + i, key: b(`key-${i}`), value, headers: i % 10 === 0 ? [{ key: 'traceparent', value: b('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01') }] : [] });
    }
    const start = process.hrtime.bigint();
    const batch = encodeConsumedRecords(records);
    const encoded = process.hrtime.bigint();
    const decoded = decodeConsumedRecords(batch);
    const done = process.hrtime.bigint();
    expect(decoded).to.have.lengthOf(count);
    expect(decoded[count - 1].offset).to.equal(count - 1);
    expect(decoded[count - 1].key!.toString()).to.equal(`key-${count - 1}`);
    expect(decoded[50_000].headers[0].key).to.equal('traceparent');
    const ms = (from: bigint, to: bigint): number => Number(to - from) / 1e6;
    const rate = (duration: number): string => `${Math.round(count / (duration / 1000)).toLocaleString('en')} records/s`;
    console.log(
      `      ${count} records of ~220 bytes, ${(batch.byteLength / 1e6).toFixed(1)} MB: ` +
        `encode ${ms(start, encoded).toFixed(1)} ms (${rate(ms(start, encoded))}), decode ${ms(encoded, done).toFixed(1)} ms (${rate(ms(encoded, done))})`,
    );
  });
});
