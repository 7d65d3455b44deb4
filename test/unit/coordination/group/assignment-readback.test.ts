import { expect } from 'chai';
import { matchesReceivedAssignment, samePartitions, type ReadBackEnvelope } from '../../../../src/coordination/group/assignment-readback';

describe('assignment read-back check', () => {
  const envelope: ReadBackEnvelope = { nonce: 'n1', partitionsByMember: { m1: { t: [0, 2], u: [1] }, m2: { t: [1, 3] } } };

  it('treats partition lists as sets, whatever their order', () => {
    expect(samePartitions({ t: [2, 0], u: [1] }, { u: [1], t: [0, 2] })).to.equal(true);
    expect(samePartitions({ t: [0] }, { t: [0, 1] })).to.equal(false);
    expect(samePartitions({ t: [0] }, { u: [0] })).to.equal(false);
  });

  it('accepts a read-back that lists exactly the partitions the member was handed', () => {
    expect(matchesReceivedAssignment(envelope, 'm1', { u: [1], t: [2, 0] })).to.equal(true);
  });

  it('rejects a read-back from another rebalance, where the member held other partitions', () => {
    expect(matchesReceivedAssignment(envelope, 'm1', { t: [0, 1, 2, 3], u: [1] })).to.equal(false);
  });

  it('rejects a read-back that does not know the member', () => {
    expect(matchesReceivedAssignment(envelope, 'm3', {})).to.equal(false);
  });
});
