// Packs a batch of records into one ArrayBuffer and back, so a batch crosses threads as one
// transferred buffer (design-notes §3: never one message per record). Two kinds of batch share the
// format: consumed records (input and changelog records: topic, partition, offset, timestamp, key,
// value, headers) and output records (topic, partition or none, timestamp, key, value, headers).
//
// Layout, little-endian throughout:
//
//   header   u32 magic 'KSB1' | u16 format version | u16 kind (1 consumed, 2 output)
//            u32 record count | u32 string count | u32 reserved (0)
//   strings  per string: u32 byte length, UTF-8 bytes. Topics and header keys, each once.
//   records  consumed: u32 topic# | u32 partition | f64 offset | f64 timestamp | key | value | headers
//            output:   u32 topic# | i32 partition (-1: none) | f64 timestamp | key | value | headers
//   bytes    i32 length (-1: null) then the bytes, so null and empty stay distinct
//   headers  u32 count, then per header: u32 key# | bytes
//
// Offsets and timestamps are f64: JS numbers, exact up to 2^53 (decisions.md: longs beyond that
// are refused elsewhere). Nothing is JSON-encoded per record.
import { StreamsError } from '../errors';
import type { Header } from '../core/processor/record-headers';

/** A record as consumed from Kafka (input or changelog), in bytes. */
export interface ConsumedBatchRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Iterable<Header>;
}

/** A record a task wants produced (sink, repartition or changelog), in bytes. */
export interface OutputBatchRecord {
  readonly topic: string;
  /** A partition the task chose (changelogs, StreamPartitioners), or null: murmur2 of the key. */
  readonly partition: number | null;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Iterable<Header>;
}

/** A decoded record: headers as an array. */
export interface DecodedConsumedRecord extends ConsumedBatchRecord {
  readonly headers: Header[];
}

export interface DecodedOutputRecord extends OutputBatchRecord {
  readonly headers: Header[];
}

export interface DecodeOptions {
  /**
   * Hand out keys, values and header values as views into the batch's buffer instead of copies.
   * Faster, but any record kept after the batch (in an in-memory store, a cache) keeps the whole
   * batch's memory alive: use it only where records are dropped soon (outputs handed to a producer).
   */
  readonly zeroCopy?: boolean;
}

const MAGIC = 0x3142534b; // 'KSB1' as little-endian bytes
const FORMAT_VERSION = 1;
const KIND_CONSUMED = 1;
const KIND_OUTPUT = 2;
const HEADER_BYTES = 24;
const NULL_LENGTH = -1;

type Kind = typeof KIND_CONSUMED | typeof KIND_OUTPUT;

export function encodeConsumedRecords(records: readonly ConsumedBatchRecord[]): ArrayBuffer {
  return encode(records, KIND_CONSUMED);
}

export function encodeOutputRecords(records: readonly OutputBatchRecord[]): ArrayBuffer {
  return encode(records, KIND_OUTPUT);
}

export function decodeConsumedRecords(data: ArrayBuffer | Uint8Array, options: DecodeOptions = {}): DecodedConsumedRecord[] {
  return decode(data, KIND_CONSUMED, options.zeroCopy === true) as DecodedConsumedRecord[];
}

export function decodeOutputRecords(data: ArrayBuffer | Uint8Array, options: DecodeOptions = {}): DecodedOutputRecord[] {
  return decode(data, KIND_OUTPUT, options.zeroCopy === true) as DecodedOutputRecord[];
}

/** The number of records in an encoded batch, read from its header. */
export function encodedRecordCount(data: ArrayBuffer | Uint8Array): number {
  const buf = asBuffer(data);
  checkHeader(buf, null);
  return buf.readUInt32LE(8);
}

// --- encoding ---------------------------------------------------------------------------

/** Interns strings into the batch's string table, remembering each one's UTF-8 length. */
class StringTable {
  readonly strings: string[] = [];
  readonly byteLengths: number[] = [];
  private readonly index = new Map<string, number>();
  totalBytes = 0;

  intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.index.set(s, i);
      this.strings.push(s);
      const length = Buffer.byteLength(s, 'utf8');
      this.byteLengths.push(length);
      this.totalBytes += 4 + length;
    }
    return i;
  }
}

function encode(records: readonly (ConsumedBatchRecord | OutputBatchRecord)[], kind: Kind): ArrayBuffer {
  const table = new StringTable();
  // pass 1: intern strings, measure; the indexes are kept so pass 2 does no map lookups
  const topicIndexes = new Uint32Array(records.length);
  const headerKeyIndexes: number[] = [];
  const fixedBytes = kind === KIND_CONSUMED ? 4 + 4 + 8 + 8 : 4 + 4 + 8;
  let recordBytes = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    checkRecord(record, kind, i);
    topicIndexes[i] = table.intern(record.topic);
    recordBytes += fixedBytes + bytesSize(record.key, 'key', i) + bytesSize(record.value, 'value', i) + 4;
    for (const header of record.headers) {
      if (typeof header.key !== 'string') throw invalidRecord(i, `a header key is ${typeof header.key}, not a string`);
      headerKeyIndexes.push(table.intern(header.key));
      recordBytes += 4 + bytesSize(header.value, `header ${header.key}`, i);
    }
  }

  const out = new ArrayBuffer(HEADER_BYTES + table.totalBytes + recordBytes);
  const buf = Buffer.from(out);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt16LE(FORMAT_VERSION, 4);
  buf.writeUInt16LE(kind, 6);
  buf.writeUInt32LE(records.length, 8);
  buf.writeUInt32LE(table.strings.length, 12);
  buf.writeUInt32LE(0, 16);
  buf.writeUInt32LE(0, 20);
  let pos = HEADER_BYTES;
  for (let i = 0; i < table.strings.length; i++) {
    buf.writeUInt32LE(table.byteLengths[i], pos);
    pos += 4;
    pos += buf.write(table.strings[i], pos, 'utf8');
  }

  // pass 2: write
  let headerCursor = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    buf.writeUInt32LE(topicIndexes[i], pos);
    if (kind === KIND_CONSUMED) {
      const consumed = record as ConsumedBatchRecord;
      buf.writeUInt32LE(consumed.partition, pos + 4);
      buf.writeDoubleLE(consumed.offset, pos + 8);
      buf.writeDoubleLE(consumed.timestamp, pos + 16);
      pos += 24;
    } else {
      const output = record as OutputBatchRecord;
      buf.writeInt32LE(output.partition ?? -1, pos + 4);
      buf.writeDoubleLE(output.timestamp, pos + 8);
      pos += 16;
    }
    pos = writeBytes(buf, pos, record.key);
    pos = writeBytes(buf, pos, record.value);
    const countAt = pos;
    pos += 4;
    let count = 0;
    for (const header of record.headers) {
      buf.writeUInt32LE(headerKeyIndexes[headerCursor++], pos);
      pos = writeBytes(buf, pos + 4, header.value);
      count++;
    }
    buf.writeUInt32LE(count, countAt);
  }
  if (pos !== out.byteLength) {
    // headers changed between the two passes (an iterable that yields differently each time)
    throw new StreamsError(`record batch encoding wrote ${pos} of ${out.byteLength} bytes: a record's headers changed while the batch was encoded`, { code: 'RECORD_BATCH_INVALID' });
  }
  return out;
}

function bytesSize(bytes: Buffer | null, what: string, index: number): number {
  if (bytes === null) return 4;
  if (!(bytes instanceof Uint8Array)) throw invalidRecord(index, `its ${what} is ${bytes === undefined ? 'undefined' : typeof bytes}, not a Buffer or null`);
  return 4 + bytes.byteLength;
}

function writeBytes(buf: Buffer, pos: number, bytes: Uint8Array | null): number {
  if (bytes === null) {
    buf.writeInt32LE(NULL_LENGTH, pos);
    return pos + 4;
  }
  buf.writeInt32LE(bytes.byteLength, pos);
  buf.set(bytes, pos + 4);
  return pos + 4 + bytes.byteLength;
}

function checkRecord(record: ConsumedBatchRecord | OutputBatchRecord, kind: Kind, index: number): void {
  if (typeof record.topic !== 'string' || record.topic.length === 0) throw invalidRecord(index, 'its topic is not a non-empty string');
  if (typeof record.timestamp !== 'number') throw invalidRecord(index, 'its timestamp is not a number');
  if (kind === KIND_CONSUMED) {
    const { partition, offset } = record as ConsumedBatchRecord;
    if (!Number.isInteger(partition) || partition < 0 || partition > 0x7fffffff) throw invalidRecord(index, `its partition ${String(partition)} is not an integer >= 0`);
    if (typeof offset !== 'number') throw invalidRecord(index, `its offset ${String(offset)} is not a number`);
  } else {
    const { partition } = record as OutputBatchRecord;
    if (partition !== null && (!Number.isInteger(partition) || partition < 0 || partition > 0x7fffffff)) {
      throw invalidRecord(index, `its partition ${String(partition)} is neither null nor an integer >= 0`);
    }
  }
}

function invalidRecord(index: number, why: string): StreamsError {
  return new StreamsError(`cannot encode record ${index} of a batch: ${why}`, { code: 'RECORD_BATCH_INVALID' });
}

// --- decoding ---------------------------------------------------------------------------

function asBuffer(data: ArrayBuffer | Uint8Array): Buffer {
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new StreamsError(`a record batch must be an ArrayBuffer or a Uint8Array, got ${data === null ? 'null' : typeof data}`, { code: 'RECORD_BATCH_INVALID' });
}

function checkHeader(buf: Buffer, kind: Kind | null): void {
  if (buf.byteLength < HEADER_BYTES) throw corrupt(`it has ${buf.byteLength} bytes, fewer than its ${HEADER_BYTES}-byte header`);
  if (buf.readUInt32LE(0) !== MAGIC) throw corrupt('it does not start with the KSB1 magic');
  const version = buf.readUInt16LE(4);
  if (version !== FORMAT_VERSION) throw corrupt(`its format version is ${version}, this kstreams reads ${FORMAT_VERSION}: both threads must run the same kstreams build`);
  const actual = buf.readUInt16LE(6);
  if (kind !== null && actual !== kind) throw corrupt(`it holds ${kindName(actual)} records where ${kindName(kind)} records were expected`);
}

function kindName(kind: number): string {
  return kind === KIND_CONSUMED ? 'consumed' : kind === KIND_OUTPUT ? 'output' : `unknown (${kind})`;
}

function corrupt(why: string): StreamsError {
  return new StreamsError(`invalid record batch: ${why}`, { code: 'RECORD_BATCH_INVALID' });
}

function decode(data: ArrayBuffer | Uint8Array, kind: Kind, zeroCopy: boolean): (DecodedConsumedRecord | DecodedOutputRecord)[] {
  const buf = asBuffer(data);
  checkHeader(buf, kind);
  const end = buf.byteLength;
  const recordCount = buf.readUInt32LE(8);
  const stringCount = buf.readUInt32LE(12);
  let pos = HEADER_BYTES;
  const need = (bytes: number): void => {
    if (bytes < 0 || pos + bytes > end) throw corrupt(`it is truncated: ${bytes} bytes needed at byte ${pos} of ${end}`);
  };

  // every string takes at least 4 bytes, every record at least 16, every header 8: a count the
  // remaining bytes cannot hold is corruption, not a reason to allocate a huge array
  if (stringCount * 4 > end - pos) throw corrupt(`its string count ${stringCount} does not fit its ${end} bytes`);
  const strings: string[] = new Array<string>(stringCount);
  for (let i = 0; i < stringCount; i++) {
    need(4);
    const length = buf.readUInt32LE(pos);
    pos += 4;
    need(length);
    strings[i] = buf.toString('utf8', pos, pos + length);
    pos += length;
  }
  const stringAt = (index: number): string => {
    if (index >= stringCount) throw corrupt(`string #${index} is referenced but the table has ${stringCount}`);
    return strings[index];
  };
  const readBytes = (): Buffer | null => {
    need(4);
    const length = buf.readInt32LE(pos);
    pos += 4;
    if (length === NULL_LENGTH) return null;
    need(length);
    const view = buf.subarray(pos, pos + length);
    pos += length;
    return zeroCopy ? view : Buffer.from(view);
  };

  if (recordCount * 16 > end - pos) throw corrupt(`its record count ${recordCount} does not fit its ${end} bytes`);
  const records = new Array<DecodedConsumedRecord | DecodedOutputRecord>(recordCount);
  for (let i = 0; i < recordCount; i++) {
    let record: DecodedConsumedRecord | DecodedOutputRecord;
    if (kind === KIND_CONSUMED) {
      need(24);
      const topic = stringAt(buf.readUInt32LE(pos));
      const partition = buf.readUInt32LE(pos + 4);
      const offset = buf.readDoubleLE(pos + 8);
      const timestamp = buf.readDoubleLE(pos + 16);
      pos += 24;
      const key = readBytes();
      const value = readBytes();
      record = { topic, partition, offset, timestamp, key, value, headers: readHeaders() };
    } else {
      need(16);
      const topic = stringAt(buf.readUInt32LE(pos));
      const rawPartition = buf.readInt32LE(pos + 4);
      const timestamp = buf.readDoubleLE(pos + 8);
      pos += 16;
      const key = readBytes();
      const value = readBytes();
      record = { topic, partition: rawPartition < 0 ? null : rawPartition, timestamp, key, value, headers: readHeaders() };
    }
    records[i] = record;
  }
  if (pos !== end) throw corrupt(`${end - pos} bytes follow its last record`);
  return records;

  function readHeaders(): Header[] {
    need(4);
    const count = buf.readUInt32LE(pos);
    pos += 4;
    if (count * 8 > end - pos) throw corrupt(`a header count of ${count} does not fit the ${end - pos} bytes left`);
    const headers = new Array<Header>(count);
    for (let h = 0; h < count; h++) {
      need(4);
      const key = stringAt(buf.readUInt32LE(pos));
      pos += 4;
      headers[h] = { key, value: readBytes() };
    }
    return headers;
  }
}
