// The byte-level pieces of the subscription and assignment userData: unsigned varints (protobuf
// style, exact up to 2^53), zig-zag signed varints, length-prefixed UTF-8 strings, 16-byte UUIDs.
// Reading checks every length against the buffer, so garbage fails with a TaskAssignmentError (code
// USERDATA_INVALID, or USERDATA_VERSION_UNSUPPORTED), never with a RangeError or a silently wrong value.
import { TaskAssignmentError } from '../../errors';
import { parseTaskId, taskId, type TaskId } from './task-id';

/** Code of the TaskAssignmentError for userData that cannot be encoded or decoded (truncated, garbage, bad field). */
export const USERDATA_INVALID = 'USERDATA_INVALID';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export class ByteWriter {
  private readonly chunks: Buffer[] = [];
  private bytes: number[] = [];

  uint8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  /** A non-negative safe integer, 7 bits per byte, low bits first. */
  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint needs a non-negative safe integer, got ${value}`);
    return this.rawVarint(value);
  }

  /**
   * A safe integer ≥ −2^52, zig-zag encoded (0, −1, 1, −2 ... → 0, 1, 2, 3 ...). The code of a
   * non-negative v is 2v, exact in a double even above 2^53; a negative one's is odd, exact below 2^53.
   */
  signedVarint(value: number): this {
    if (!Number.isSafeInteger(value) || value < -(2 ** 52)) throw new RangeError(`signed varint needs a safe integer ≥ -2^52, got ${value}`);
    return this.rawVarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  string(value: string): this {
    const encoded = Buffer.from(value, 'utf8');
    this.varint(encoded.length);
    this.flush();
    this.chunks.push(encoded);
    return this;
  }

  uuid(value: string): this {
    if (!isUuid(value)) throw new RangeError(`"${value}" is not a UUID`);
    this.flush();
    this.chunks.push(Buffer.from(value.replace(/-/g, ''), 'hex'));
    return this;
  }

  toBuffer(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
  }

  private rawVarint(value: number): this {
    let rest = value;
    while (rest >= 0x80) {
      this.bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.bytes.push(rest);
    return this;
  }

  private flush(): void {
    if (this.bytes.length > 0) {
      this.chunks.push(Buffer.from(this.bytes));
      this.bytes = [];
    }
  }
}

export class ByteReader {
  private offset = 0;

  constructor(
    private readonly buffer: Buffer,
    /** What is being read, for error messages ("subscription userData"). */
    readonly what: string,
  ) {}

  fail(message: string): never {
    throw new TaskAssignmentError(`Cannot decode the ${this.what}: ${message} (at byte ${this.offset} of ${this.buffer.length}).`, {
      code: USERDATA_INVALID,
    });
  }

  uint8(): number {
    if (this.offset >= this.buffer.length) this.fail('it ends early');
    return this.buffer[this.offset++];
  }

  varint(): number {
    const value = this.rawVarint();
    if (!Number.isSafeInteger(value)) this.fail(`a number (${value}) is out of range`);
    return value;
  }

  signedVarint(): number {
    const code = this.rawVarint();
    const value = code % 2 === 0 ? code / 2 : -(code + 1) / 2;
    if (!Number.isSafeInteger(value)) this.fail(`a number (${value}) is out of range`);
    return value;
  }

  /** A count of items that each take at least `minBytes`: checked against what is left, so garbage cannot ask for 2^50 items. */
  count(minBytes = 1): number {
    const n = this.varint();
    if (n * minBytes > this.buffer.length - this.offset) this.fail(`a list claims ${n} items, more than the bytes left`);
    return n;
  }

  string(): string {
    const length = this.varint();
    if (length > this.buffer.length - this.offset) this.fail(`a string claims ${length} bytes, more than the bytes left`);
    const bytes = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    const value = bytes.toString('utf8');
    if (!Buffer.from(value, 'utf8').equals(bytes)) this.fail('a string is not valid UTF-8');
    return value;
  }

  uuid(): string {
    if (this.buffer.length - this.offset < 16) this.fail('it ends inside a UUID');
    const hex = this.buffer.subarray(this.offset, this.offset + 16).toString('hex');
    this.offset += 16;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Fails unless every byte was read: trailing bytes mean the writer and reader disagree on the format. */
  end(): void {
    if (this.offset !== this.buffer.length) this.fail(`${this.buffer.length - this.offset} bytes are left over`);
  }

  private rawVarint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.uint8();
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 0x80;
    }
    return this.fail('a varint is longer than 8 bytes');
  }
}

/** Task ids grouped by sub-topology (Java's layout): [sub-topology, count, partitions...]..., sorted. */
export function writeTaskIds(writer: ByteWriter, ids: readonly TaskId[]): void {
  const bySubtopology = groupBySubtopology(ids.map((id) => [id, 0] as const));
  writer.varint(bySubtopology.length);
  for (const [subtopology, entries] of bySubtopology) {
    writer.varint(subtopology).varint(entries.length);
    for (const [partition] of entries) writer.varint(partition);
  }
}

export function readTaskIds(reader: ByteReader): TaskId[] {
  const ids: TaskId[] = [];
  for (let s = reader.count(2); s > 0; s--) {
    const subtopology = reader.varint();
    for (let p = reader.count(); p > 0; p--) ids.push(taskId(subtopology, reader.varint()));
  }
  return ids;
}

/** Task → number (signed), grouped by sub-topology like writeTaskIds. */
export function writeTaskNumbers(writer: ByteWriter, values: ReadonlyMap<TaskId, number>): void {
  const bySubtopology = groupBySubtopology([...values]);
  writer.varint(bySubtopology.length);
  for (const [subtopology, entries] of bySubtopology) {
    writer.varint(subtopology).varint(entries.length);
    for (const [partition, value] of entries) writer.varint(partition).signedVarint(value);
  }
}

export function readTaskNumbers(reader: ByteReader): Map<TaskId, number> {
  const values = new Map<TaskId, number>();
  for (let s = reader.count(2); s > 0; s--) {
    const subtopology = reader.varint();
    for (let p = reader.count(2); p > 0; p--) {
      const id = taskId(subtopology, reader.varint());
      if (values.has(id)) reader.fail(`task ${id} is listed twice`);
      values.set(id, reader.signedVarint());
    }
  }
  return values;
}

function groupBySubtopology(entries: readonly (readonly [TaskId, number])[]): [number, [number, number][]][] {
  const groups = new Map<number, [number, number][]>();
  for (const [id, value] of entries) {
    const { subtopology, partition } = parseTaskId(id);
    let group = groups.get(subtopology);
    if (group === undefined) groups.set(subtopology, (group = []));
    group.push([partition, value]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([s, group]) => [s, group.sort(([a], [b]) => a - b)]);
}

/** Code of the TaskAssignmentError for a well-formed buffer of a version this kstreams cannot read. */
export const USERDATA_VERSION_UNSUPPORTED = 'USERDATA_VERSION_UNSUPPORTED';

/**
 * Every kstreams userData starts with "KS", a kind byte ('S' subscription, 'A' assignment), the
 * version it is written in and the latest version its writer can read. Java Kafka Streams uses the
 * same protocol name ("stream"); its userData starts with a 4-byte version, so the magic tells a Java
 * member in the group apart from garbage and from us.
 */
export function writeHeader(writer: ByteWriter, kind: 'S' | 'A', version: number, latestSupportedVersion: number): void {
  writer.uint8(0x4b).uint8(0x53).uint8(kind.charCodeAt(0)).varint(version).varint(latestSupportedVersion);
}

export function readHeader(reader: ByteReader, kind: 'S' | 'A', latestReadable: number): { version: number; latestSupportedVersion: number } {
  if (reader.uint8() !== 0x4b || reader.uint8() !== 0x53) {
    reader.fail('it is not kstreams userData (no "KS" magic; is a Java Kafka Streams instance or another client using the same group id?)');
  }
  const found = String.fromCharCode(reader.uint8());
  if (found !== kind) reader.fail(`it is kstreams userData of kind "${found}", expected "${kind}"`);
  const version = reader.varint();
  const latestSupportedVersion = reader.varint();
  if (version < 1 || latestSupportedVersion < version) reader.fail(`version ${version} (latest supported ${latestSupportedVersion}) is not a valid version pair`);
  if (version > latestReadable) {
    throw new TaskAssignmentError(
      `Cannot decode the ${reader.what}: it is version ${version}, this kstreams reads up to version ${latestReadable}. ` +
        'Upgrade every instance of the application to the same kstreams version.',
      { code: USERDATA_VERSION_UNSUPPORTED, context: { version, latestReadable } },
    );
  }
  return { version, latestSupportedVersion };
}
