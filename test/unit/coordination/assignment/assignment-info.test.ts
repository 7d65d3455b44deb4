import { expect } from 'chai';
import { TaskAssignmentError } from '../../../../src/errors';
import type { ReadBackEnvelope } from '../../../../src/coordination/group/assignment-readback';
import { matchesReceivedAssignment } from '../../../../src/coordination/group/assignment-readback';
import {
  ASSIGNMENT_VERSION,
  decodeAssignmentInfo,
  encodeAssignmentInfo,
  NO_FOLLOWUP_REBALANCE,
  ownAssignment,
  type AssignedMember,
  type AssignmentInfo,
  type AssignmentInfoFields,
} from '../../../../src/coordination/assignment/assignment-info';
import { AssignorErrorCode } from '../../../../src/coordination/assignment/assignor-error';
import { ByteWriter, USERDATA_INVALID, USERDATA_VERSION_UNSUPPORTED, writeHeader } from '../../../../src/coordination/assignment/userdata-codec';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

const member = (memberId: string, processId: string, userEndpoint: string, rest: Partial<AssignedMember>): AssignedMember => ({
  memberId,
  processId,
  userEndpoint,
  activeTasks: [],
  standbyTasks: [],
  warmupTasks: [],
  activePartitions: {},
  standbyPartitions: {},
  ...rest,
});

const fields: AssignmentInfoFields = {
  nonce: 'gen-17-5f3a',
  members: [
    member('m-b', P2, 'host-b:8080', {
      activeTasks: ['0_1', '1_1'],
      standbyTasks: ['0_0'],
      activePartitions: { orders: [1], 'app-rekey-repartition': [1] },
      standbyPartitions: { orders: [0] },
    }),
    member('m-a', P1, 'host-a:8080', {
      activeTasks: ['0_0', '1_0'],
      standbyTasks: ['0_1'],
      warmupTasks: ['1_1'],
      activePartitions: { orders: [0], 'app-rekey-repartition': [0] },
      standbyPartitions: { orders: [1], 'app-rekey-repartition': [1] },
    }),
    member('m-a2', P1, 'host-a:8080', { activeTasks: ['2_0'], activePartitions: { payments: [0] } }),
  ],
  errorCode: AssignorErrorCode.NONE,
  errorMessage: '',
  followupRebalanceDelayMs: 600_000,
};

describe('assignment info', () => {
  it('round-trips every member\'s tasks and partitions, sorted by member id', () => {
    const decoded = decodeAssignmentInfo(encodeAssignmentInfo(fields));
    expect(decoded.version).to.equal(ASSIGNMENT_VERSION);
    expect(decoded.nonce).to.equal('gen-17-5f3a');
    expect(decoded.followupRebalanceDelayMs).to.equal(600_000);
    expect(decoded.members.map((m) => m.memberId)).to.deep.equal(['m-a', 'm-a2', 'm-b']);
    expect(ownAssignment(decoded, 'm-a')).to.deep.equal(fields.members[1]);
    expect(ownAssignment(decoded, 'm-b')).to.deep.equal(fields.members[0]);
  });

  it('gives the by-member and by-host views, merging the members of one host', () => {
    const decoded = decodeAssignmentInfo(encodeAssignmentInfo(fields));
    expect(decoded.partitionsByMember['m-a2']).to.deep.equal({ payments: [0] });
    expect(decoded.activeTasksByMember).to.deep.equal({ 'm-a': ['0_0', '1_0'], 'm-a2': ['2_0'], 'm-b': ['0_1', '1_1'] });
    expect(decoded.standbyTasksByMember['m-b']).to.deep.equal(['0_0']);
    expect(decoded.warmupTasksByMember['m-a']).to.deep.equal(['1_1']);
    expect(decoded.partitionsByHost).to.deep.equal({
      'host-a:8080': { 'app-rekey-repartition': [0], orders: [0], payments: [0] },
      'host-b:8080': { 'app-rekey-repartition': [1], orders: [1] },
    });
    expect(decoded.standbyPartitionsByHost['host-a:8080']).to.deep.equal({ 'app-rekey-repartition': [1], orders: [1] });
  });

  it('is the read-back envelope of assignment-readback.ts', () => {
    const decoded: AssignmentInfo = decodeAssignmentInfo(encodeAssignmentInfo(fields));
    const envelope: ReadBackEnvelope = decoded;
    expect(matchesReceivedAssignment(envelope, 'm-a', { 'app-rekey-repartition': [0], orders: [0] })).to.equal(true);
    expect(matchesReceivedAssignment(envelope, 'm-a', { orders: [0] })).to.equal(false);
  });

  it('carries an error code and message, and "no follow-up" as -1', () => {
    const refused = { ...fields, errorCode: AssignorErrorCode.TOPOLOGY_MISMATCH, errorMessage: 'other topology', followupRebalanceDelayMs: NO_FOLLOWUP_REBALANCE };
    expect(decodeAssignmentInfo(encodeAssignmentInfo(refused))).to.deep.include({
      errorCode: AssignorErrorCode.TOPOLOGY_MISMATCH,
      errorMessage: 'other topology',
      followupRebalanceDelayMs: -1,
    });
  });

  it('stays compact: a topic dictionary and varints, about two bytes a partition', () => {
    const many: AssignmentInfoFields = {
      ...fields,
      members: Array.from({ length: 10 }, (_u, i) =>
        member(`consumer-${i}-0123456789abcdef`, P1, 'h:1', {
          activeTasks: Array.from({ length: 100 }, (_v, p) => `0_${i * 100 + p}`),
          activePartitions: { 'a-rather-long-topic-name': Array.from({ length: 100 }, (_v, p) => i * 100 + p) },
        }),
      ),
    };
    expect(encodeAssignmentInfo(many).length).to.be.below(5_000);
  });

  it('rejects garbage, truncation, bad references and an unknown version with a userData error', () => {
    const good = encodeAssignmentInfo(fields);
    expect(() => decodeAssignmentInfo(Buffer.from('{"nonce":"x","partitionsByMember":{}}'))).to.throw(TaskAssignmentError, 'not kstreams userData');
    for (let cut = 0; cut < good.length; cut++) {
      expect(() => decodeAssignmentInfo(good.subarray(0, cut)), `cut at ${cut}`).to.throw(TaskAssignmentError, 'Cannot decode the assignment userData');
    }
    const newer = new ByteWriter();
    writeHeader(newer, 'A', 9, 9);
    try {
      decodeAssignmentInfo(newer.toBuffer());
      expect.fail('expected a userData error');
    } catch (err) {
      expect((err as TaskAssignmentError).code).to.equal(USERDATA_VERSION_UNSUPPORTED);
    }
    expect(() => encodeAssignmentInfo({ ...fields, nonce: '' })).to.throw(TaskAssignmentError, 'nonce is empty');
    expect(() => encodeAssignmentInfo({ ...fields, members: [fields.members[0], fields.members[0]] })).to.throw(TaskAssignmentError, 'listed twice');
  });

  it('never throws anything but a userData error on corrupted bytes', () => {
    let seed = 7;
    const nextByte = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const good = encodeAssignmentInfo(fields);
    for (let i = 0; i < 500; i++) {
      const bytes = Buffer.from(good);
      for (let flips = 0; flips < 3; flips++) bytes[3 + (nextByte() % (bytes.length - 3))] = nextByte();
      try {
        decodeAssignmentInfo(bytes);
      } catch (err) {
        expect(err, String(err)).to.be.instanceOf(TaskAssignmentError);
        expect((err as TaskAssignmentError).code).to.equal(USERDATA_INVALID);
      }
    }
  });
});
