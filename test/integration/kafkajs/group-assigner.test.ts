// A consumer group whose members use our assigner (protocol "stream"): what reaches the leader,
// what kafkajs gives each member, and how a member reads its full assignment back.
import { expect } from 'chai';
import type { Admin } from 'kafkajs';
import { matchesReceivedAssignment, readBackAssignment } from '../../../src/coordination/group/assignment-readback';
import { decodeEnvelope, GroupMember } from '../support/group-member';
import { newKafka, TestTopics, uniqueName } from '../support/kafka';

describe('kafkajs consumer group with the "stream" assigner', function () {
  this.timeout(60000);
  const kafka = newKafka('group-assigner-test');
  let admin: Admin;
  let topics: TestTopics;
  let topic: string;
  let groupId: string;
  let a: GroupMember;
  let b: GroupMember;

  before(async () => {
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
    topic = await topics.create('group-assigner', { numPartitions: 4 });
    groupId = uniqueName('group-assigner');
    a = new GroupMember(kafka, groupId, 'process-a');
    b = new GroupMember(kafka, groupId, 'process-b');
    await a.start(topic);
    await a.awaitPartitionCount(4, 'alone in the group');
    await b.start(topic);
    await Promise.all([a.awaitPartitionCount(2, 'after b joined'), b.awaitPartitionCount(2, 'after joining')]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await topics.deleteAll();
    await admin.disconnect();
  });

  it("delivers every member's subscription userData to the leader's assigner", () => {
    const leader = [a, b].find((m) => m.lastJoin!.isLeader)!;
    const view = leader.leaderViews[leader.leaderViews.length - 1];
    expect(view.members.map((m) => m.subscription.processId)).to.deep.equal(['process-a', 'process-b']);
    expect(view.members.map((m) => m.memberId).sort()).to.deep.equal([a.lastJoin!.memberId, b.lastJoin!.memberId].sort());
  });

  it("hands each member exactly the partitions the assigner chose, but not the assignment's userData", () => {
    // round robin over [process-a, process-b]: a gets 0 and 2, b gets 1 and 3
    expect(a.lastJoin!.memberAssignment).to.deep.equal({ [topic]: [0, 2] });
    expect(b.lastJoin!.memberAssignment).to.deep.equal({ [topic]: [1, 3] });
    // kafkajs's GROUP_JOIN payload is topic → partitions only: the userData is dropped, for the leader too
    for (const m of [a, b]) expect(Object.keys(m.lastJoin!.memberAssignment)).to.deep.equal([topic]);
  });

  it('lets every member, follower or leader, read its full assignment back with describeGroups', async () => {
    for (const m of [a, b]) {
      const envelope = await readBackAssignment(admin, groupId, m.lastJoin!.memberId, m.lastJoin!.memberAssignment, decodeEnvelope);
      expect(envelope.partitionsByMember[m.lastJoin!.memberId]).to.deep.equal(m.lastJoin!.memberAssignment);
    }
  });

  it('describes a group without any generation id, so a read-back alone cannot tell which rebalance it shows', async () => {
    const [group] = (await admin.describeGroups([groupId])).groups;
    expect(group.protocol).to.equal('stream');
    expect(group.state).to.equal('Stable');
    expect(JSON.stringify(Object.keys(group))).to.not.match(/generation/i);
    for (const member of group.members) expect(JSON.stringify(Object.keys(member))).to.not.match(/generation/i);
  });

  it("rejects a read-back from an earlier rebalance by the nonce and the member's partition list", async () => {
    const before = await readBackAssignment(admin, groupId, a.lastJoin!.memberId, a.lastJoin!.memberAssignment, decodeEnvelope);
    await b.stop();
    const afterJoin = await a.awaitPartitionCount(4, 'after b left');
    // the earlier snapshot does not describe what a holds now ...
    expect(matchesReceivedAssignment(before, afterJoin.memberId, afterJoin.memberAssignment)).to.equal(false);
    // ... and the read-back waits for the one that does
    const current = await readBackAssignment(admin, groupId, afterJoin.memberId, afterJoin.memberAssignment, decodeEnvelope);
    expect(current.nonce).to.not.equal(before.nonce);
    expect(current.partitionsByMember).to.deep.equal({ [afterJoin.memberId]: { [topic]: [0, 1, 2, 3] } });
  });
});
