import { expect } from 'chai';
import { TaskAssignmentError } from '../../../../src/errors';
import {
  decodeSubscriptionInfo,
  encodeSubscriptionInfo,
  isUserEndpoint,
  LATEST_SUPPORTED_SUBSCRIPTION_VERSION,
  SUBSCRIPTION_VERSION,
  type SubscriptionInfoFields,
} from '../../../../src/coordination/assignment/subscription-info';
import { LATEST_OFFSET } from '../../../../src/coordination/assignment/task-lags';
import { ByteWriter, USERDATA_INVALID, USERDATA_VERSION_UNSUPPORTED, writeHeader } from '../../../../src/coordination/assignment/userdata-codec';

const fields: SubscriptionInfoFields = {
  processId: '6f1c2b9e-3d4a-4f5b-8c7d-9e0a1b2c3d4e',
  userEndpoint: 'streams-0.streams.svc:8080',
  topologyFingerprint: 'a'.repeat(64),
  numThreads: 4,
  rejoinEpoch: 7,
  errorCode: 0,
  prevActiveTasks: ['0_1', '1_0', '0_10'],
  prevStandbyTasks: ['2_3'],
  taskOffsetSums: new Map([
    ['0_1', LATEST_OFFSET],
    ['2_3', 0],
    ['0_10', Number.MAX_SAFE_INTEGER],
    ['1_0', 123_456_789_012],
  ]),
};

/** Expects a TaskAssignmentError with a userData code (USERDATA_INVALID unless told) whose message contains `fragment`. */
function expectUserDataError(fn: () => unknown, fragment: string, code = USERDATA_INVALID): void {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(TaskAssignmentError);
    expect((err as TaskAssignmentError).code).to.equal(code);
    expect((err as Error).message).to.contain(fragment);
    return;
  }
  expect.fail(`expected a userData error containing "${fragment}"`);
}

describe('subscription info', () => {
  it('round-trips every field, with task lists in task order', () => {
    const decoded = decodeSubscriptionInfo(encodeSubscriptionInfo(fields));
    expect(decoded).to.deep.equal({
      ...fields,
      version: SUBSCRIPTION_VERSION,
      latestSupportedVersion: LATEST_SUPPORTED_SUBSCRIPTION_VERSION,
      prevActiveTasks: ['0_1', '0_10', '1_0'],
      taskOffsetSums: new Map([
        ['0_1', LATEST_OFFSET],
        ['0_10', Number.MAX_SAFE_INTEGER],
        ['1_0', 123_456_789_012],
        ['2_3', 0],
      ]),
    });
  });

  it('round-trips an empty subscription compactly', () => {
    const empty = { ...fields, userEndpoint: '', prevActiveTasks: [], prevStandbyTasks: [], taskOffsetSums: new Map<string, number>() };
    const buffer = encodeSubscriptionInfo(empty);
    expect(buffer.length).to.be.below(100);
    expect(decodeSubscriptionInfo(buffer)).to.deep.include({ userEndpoint: '', prevActiveTasks: [], taskOffsetSums: new Map() });
  });

  it('changes its bytes when only the rejoin epoch changes (so a follower\'s rejoin rebalances)', () => {
    expect(encodeSubscriptionInfo(fields).equals(encodeSubscriptionInfo({ ...fields, rejoinEpoch: 8 }))).to.equal(false);
  });

  it('refuses to encode bad fields', () => {
    expect(() => encodeSubscriptionInfo({ ...fields, processId: 'not-a-uuid' })).to.throw(TaskAssignmentError, 'not a UUID');
    expect(() => encodeSubscriptionInfo({ ...fields, userEndpoint: 'localhost' })).to.throw(TaskAssignmentError, 'host:port');
    expect(() => encodeSubscriptionInfo({ ...fields, numThreads: 0 })).to.throw(TaskAssignmentError, 'numThreads');
    expect(() => encodeSubscriptionInfo({ ...fields, taskOffsetSums: new Map([['0_0', -5]]) })).to.throw(TaskAssignmentError, 'offset sum of task 0_0');
    expect(() => encodeSubscriptionInfo({ ...fields, prevActiveTasks: ['x'] })).to.throw(TaskAssignmentError, 'is not a task id');
  });

  it('rejects garbage, truncation, trailing bytes and other kinds of userData with a clear error', () => {
    const good = encodeSubscriptionInfo(fields);
    expectUserDataError(() => decodeSubscriptionInfo(Buffer.alloc(0)), 'ends early');
    expectUserDataError(() => decodeSubscriptionInfo(Buffer.from('{"processId":"p1","epoch":0}')), 'not kstreams userData');
    // Java's SubscriptionInfo starts with a 4-byte version
    expectUserDataError(() => decodeSubscriptionInfo(Buffer.from([0, 0, 0, 11, 0, 0, 0, 11])), 'Java Kafka Streams');
    for (let cut = 1; cut < good.length; cut++) {
      expectUserDataError(() => decodeSubscriptionInfo(good.subarray(0, cut)), 'Cannot decode the subscription userData');
    }
    expectUserDataError(() => decodeSubscriptionInfo(Buffer.concat([good, Buffer.from([0])])), 'left over');
    const assignmentHeader = new ByteWriter();
    writeHeader(assignmentHeader, 'A', 1, 1);
    expectUserDataError(() => decodeSubscriptionInfo(assignmentHeader.toBuffer()), 'of kind "A"');
  });

  it('never throws anything but a userData error on corrupted bytes', () => {
    let seed = 42;
    const nextByte = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const good = encodeSubscriptionInfo(fields);
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.from(good);
      for (let flips = 0; flips < 3; flips++) bytes[3 + (nextByte() % (bytes.length - 3))] = nextByte();
      try {
        decodeSubscriptionInfo(bytes);
      } catch (err) {
        expect(err, String(err)).to.be.instanceOf(TaskAssignmentError);
        expect((err as TaskAssignmentError).code).to.equal(USERDATA_INVALID);
      }
    }
  });

  it('rejects an unknown (newer) version with its own code, naming both versions', () => {
    const writer = new ByteWriter();
    writeHeader(writer, 'S', 2, 2);
    expectUserDataError(() => decodeSubscriptionInfo(Buffer.concat([writer.toBuffer(), Buffer.from([1, 2, 3])])), 'version 2, this kstreams reads up to version 1', USERDATA_VERSION_UNSUPPORTED);
    const zero = new ByteWriter();
    writeHeader(zero, 'S', 0, 1);
    expectUserDataError(() => decodeSubscriptionInfo(zero.toBuffer()), 'not a valid version pair');
  });

  it('accepts host:port endpoints only', () => {
    expect(['', 'localhost:8080', '10.0.0.1:1', '[::1]:9000', 'a.b-c.svc:65535'].every(isUserEndpoint)).to.equal(true);
    expect(['localhost', ':80', 'host:0', 'host:65536', 'host:80x', 'a b:80', 'http://host:80'].some(isUserEndpoint)).to.equal(false);
  });
});
