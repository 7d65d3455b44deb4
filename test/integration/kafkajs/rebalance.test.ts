// How kafkajs rebalances: its REBALANCING event, committing around a rebalance, and a way for a
// member to request a rebalance (kafkajs has no enforceRebalance).
import { expect } from 'chai';
import type { Admin } from 'kafkajs';
import { requestRejoin } from '../../../src/coordination/kafkajs-patches';
import { GroupMember } from '../support/group-member';
import { newKafka, TestTopics, uniqueName, waitUntil } from '../support/kafka';

describe('kafkajs rebalances', function () {
  this.timeout(60000);
  const kafka = newKafka('rebalance-test');
  let admin: Admin;
  let topics: TestTopics;
  const members: GroupMember[] = [];

  before(async () => {
    admin = kafka.admin();
    await admin.connect();
    topics = new TestTopics(admin);
  });
  afterEach(async () => {
    await Promise.all(members.splice(0).map((m) => m.stop()));
    await topics.deleteAll();
  });
  after(async () => admin.disconnect());

  async function stableGroupOfTwo(): Promise<{ topic: string; groupId: string; leader: GroupMember; follower: GroupMember }> {
    const topic = await topics.create('rebalance', { numPartitions: 4 });
    const groupId = uniqueName('rebalance');
    const a = new GroupMember(kafka, groupId, 'process-a');
    const b = new GroupMember(kafka, groupId, 'process-b');
    members.push(a, b);
    await a.start(topic);
    await a.awaitPartitionCount(4, 'alone');
    await b.start(topic);
    await Promise.all([a.awaitPartitionCount(2, 'after b joined'), b.awaitPartitionCount(2, 'after joining')]);
    const [leader, follower] = a.lastJoin!.isLeader ? [a, b] : [b, a];
    return { topic, groupId, leader, follower };
  }

  it('fires REBALANCING without waiting for its async listeners: the rejoin completes first', async () => {
    const topic = await topics.create('rebalance', { numPartitions: 2 });
    const groupId = uniqueName('rebalance');
    const a = new GroupMember(kafka, groupId, 'process-a');
    members.push(a);
    await a.start(topic);
    await a.awaitPartitionCount(2, 'alone');

    const order: string[] = [];
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let listenerDone!: () => void;
    const listenerFinished = new Promise<void>((resolve) => (listenerDone = resolve));
    a.consumer.on(a.consumer.events.REBALANCING, async () => {
      order.push('listener started');
      await gate; // e.g. a commit of the revoked partitions' offsets
      order.push('listener finished');
      listenerDone();
    });
    a.consumer.on(a.consumer.events.GROUP_JOIN, () => order.push('joined'));

    const b = new GroupMember(kafka, groupId, 'process-b');
    members.push(b);
    await b.start(topic);
    await a.awaitPartitionCount(1, 'after b joined');
    expect(order).to.deep.equal(['listener started', 'joined']);
    openGate();
    await listenerFinished;
    expect(order).to.deep.equal(['listener started', 'joined', 'listener finished']);
  });

  it("accepts a member's commit for a partition that another member owns", async () => {
    // What the above means for committing on revoke: by the time a listener's commit runs, kafkajs
    // has joined the new generation and commits under it, and the broker checks the generation,
    // not ownership. So a late commit can overwrite the progress of a partition's new owner:
    // kstreams commits before it rejoins, never from a REBALANCING listener.
    const { topic, groupId, leader, follower } = await stableGroupOfTwo();
    const notOwned = follower.lastJoin!.memberAssignment[topic][0];
    expect(leader.lastJoin!.memberAssignment[topic]).to.not.include(notOwned);
    await leader.consumer.commitOffsets([{ topic, partition: notOwned, offset: '42' }]);
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets.partitions.find((p) => p.partition === notOwned)?.offset).to.equal('42');
  });

  it('rebalances the whole group when the leader requests a rejoin, keeping the assignment', async () => {
    const { groupId, leader, follower } = await stableGroupOfTwo();
    const [leaderJoins, followerJoins, views] = [leader.joins.length, follower.joins.length, leader.leaderViews.length];
    const before = { leader: leader.lastJoin!.memberAssignment, follower: follower.lastJoin!.memberAssignment };

    const requestedAt = Date.now();
    expect(requestRejoin(groupId, leader.lastJoin!.memberId)).to.equal(true);
    await waitUntil(() => leader.joins.length > leaderJoins && follower.joins.length > followerJoins, 'both members to rejoin');
    const pauseMs = Math.max(leader.lastJoin!.at, follower.lastJoin!.at) - requestedAt;
    console.log(`      requested rebalance (leader): ${pauseMs} ms from request to the last member's new assignment`);

    expect(leader.leaderViews.length).to.equal(views + 1);
    expect(leader.rebalancingAt.length).to.be.greaterThan(0);
    expect(leader.lastJoin!.memberAssignment).to.deep.equal(before.leader);
    expect(follower.lastJoin!.memberAssignment).to.deep.equal(before.follower);
  });

  it('lets a follower rejoin without a group rebalance while its subscription is unchanged', async () => {
    const { groupId, leader, follower } = await stableGroupOfTwo();
    const [leaderJoins, followerJoins, views] = [leader.joins.length, follower.joins.length, leader.leaderViews.length];
    expect(requestRejoin(groupId, follower.lastJoin!.memberId)).to.equal(true);
    await waitUntil(() => follower.joins.length > followerJoins, 'the follower to rejoin');
    // a group rebalance needs the leader's assign() before the follower's sync completes: it did not run
    expect(leader.leaderViews.length).to.equal(views);
    expect(leader.joins.length).to.equal(leaderJoins);
  });

  it("rebalances the whole group when a follower rejoins with changed subscription userData", async () => {
    const { groupId, leader, follower } = await stableGroupOfTwo();
    const [leaderJoins, views] = [leader.joins.length, leader.leaderViews.length];
    follower.epoch += 1; // e.g. new offset sums for its tasks
    const requestedAt = Date.now();
    expect(requestRejoin(groupId, follower.lastJoin!.memberId)).to.equal(true);
    await waitUntil(() => leader.leaderViews.length > views && leader.joins.length > leaderJoins, 'the group to rebalance');
    await waitUntil(() => follower.lastJoin!.at >= requestedAt, 'the follower to rejoin');
    console.log(`      requested rebalance (follower): ${Math.max(leader.lastJoin!.at, follower.lastJoin!.at) - requestedAt} ms from request to the last member's new assignment`);
    const view = leader.leaderViews[leader.leaderViews.length - 1];
    expect(view.members.find((m) => m.subscription.processId === follower.processId)?.subscription.epoch).to.equal(1);
  });

  it('returns false for a member this process does not run', () => {
    expect(requestRejoin(uniqueName('no-such-group'), 'no-such-member')).to.equal(false);
  });
});
