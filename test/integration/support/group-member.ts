// A consumer-group member with a custom assigner (protocol "stream"), instrumented for the
// learning tests: it records what the leader saw, what kafkajs handed the member, and when
// the group events fired.
import { AssignerProtocol, type Consumer, type Kafka, type PartitionAssigner } from 'kafkajs';
import type { PartitionsByTopic, ReadBackEnvelope } from '../../../src/coordination/group/assignment-readback';
import { waitUntil } from './kafka';

export interface Subscription {
  processId: string;
  epoch: number;
}

export interface LeaderView {
  members: { memberId: string; subscription: Subscription }[];
  envelope: ReadBackEnvelope;
}

export const encodeJson = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
export const decodeEnvelope = (userData: Buffer): ReadBackEnvelope => JSON.parse(userData.toString()) as ReadBackEnvelope;

/**
 * Round-robin over members sorted by process id; every member's userData holds a fresh nonce and
 * the whole member → partitions map (the read-back envelope of assignment-readback.ts).
 */
export function streamAssigner(processId: () => string, epoch: () => number, onAssign: (view: LeaderView) => void): PartitionAssigner {
  return ({ cluster }) => ({
    name: 'stream',
    version: 1,
    protocol: ({ topics }) => ({
      name: 'stream',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: encodeJson({ processId: processId(), epoch: epoch() }) }),
    }),
    assign: async ({ members, topics }) => {
      const decoded = members
        .map((m) => ({ memberId: m.memberId, subscription: JSON.parse(AssignerProtocol.MemberMetadata.decode(m.memberMetadata)!.userData.toString()) as Subscription }))
        .sort((a, b) => a.subscription.processId.localeCompare(b.subscription.processId));
      const partitionsByMember: Record<string, PartitionsByTopic> = Object.fromEntries(decoded.map((m) => [m.memberId, {}]));
      let next = 0;
      for (const topic of [...topics].sort()) {
        for (const partition of cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId).sort((a, b) => a - b)) {
          const owner = decoded[next++ % decoded.length].memberId;
          (partitionsByMember[owner][topic] ??= []).push(partition);
        }
      }
      const envelope: ReadBackEnvelope = { nonce: `${Date.now()}-${Math.random().toString(36).slice(2)}`, partitionsByMember };
      onAssign({ members: decoded, envelope });
      return decoded.map((m) => ({
        memberId: m.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: partitionsByMember[m.memberId], userData: encodeJson(envelope) }),
      }));
    },
  });
}

export interface GroupJoin {
  memberId: string;
  isLeader: boolean;
  memberAssignment: PartitionsByTopic;
  at: number;
}

export class GroupMember {
  readonly consumer: Consumer;
  readonly joins: GroupJoin[] = [];
  readonly rebalancingAt: number[] = [];
  readonly leaderViews: LeaderView[] = [];
  epoch = 0;

  constructor(kafka: Kafka, readonly groupId: string, readonly processId: string) {
    this.consumer = kafka.consumer({
      groupId,
      partitionAssigners: [streamAssigner(() => this.processId, () => this.epoch, (view) => this.leaderViews.push(view))],
      sessionTimeout: 10000,
      rebalanceTimeout: 10000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 100,
    });
    const { GROUP_JOIN, REBALANCING } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, ({ payload }) => {
      this.joins.push({ memberId: payload.memberId, isLeader: payload.isLeader, memberAssignment: payload.memberAssignment as PartitionsByTopic, at: Date.now() });
    });
    this.consumer.on(REBALANCING, () => {
      this.rebalancingAt.push(Date.now());
    });
  }

  get lastJoin(): GroupJoin | undefined {
    return this.joins[this.joins.length - 1];
  }

  async start(topic: string): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic] });
    await this.consumer.run({ autoCommit: false, eachBatch: async () => undefined });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** Waits until this member's latest join handed it `count` partitions. */
  async awaitPartitionCount(count: number, what: string): Promise<GroupJoin> {
    await waitUntil(() => partitionCount(this.lastJoin?.memberAssignment) === count, `${this.processId} to hold ${count} partitions (${what})`);
    return this.lastJoin!;
  }
}

export function partitionCount(assignment: PartitionsByTopic | undefined): number {
  return assignment === undefined ? -1 : Object.values(assignment).reduce((n, p) => n + p.length, 0);
}
