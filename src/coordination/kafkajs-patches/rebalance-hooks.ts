// Java's ConsumerRebalanceListener for kafkajs 2.2.4, which has none that it waits for: its
// REBALANCING event is not awaited (docs/development.md), so a member cannot commit before it
// rejoins, and its GROUP_JOIN event is not awaited either, so fetching starts before the member
// has read its assignment back, opened its tasks and sought its partitions.
//
// The hook wraps ConsumerGroup#joinAndSync, which kafkajs calls for the first join and for every
// rejoin (a rebalance, a requested rejoin, an unknown member id). The hooks ride on the assigner
// object kafkajs made from our PartitionAssigner (ConsumerGroup#assigners), so they belong to
// exactly one consumer even when several consumers of one process share a group id:
// - `beforeRejoin` runs before a rejoin (not before the first join), while the member still
//   belongs to its old generation: the broker accepts its offset commits (Java's onPartitionsRevoked);
// - `afterJoin` runs after every join and sync, before kafkajs fetches (Java's onPartitionsAssigned).
// kafkajs waits for both. A hook that throws is the hook owner's problem: the error is handed to
// its `onHookError` and kafkajs carries on (a rejected joinAndSync would crash or loop the consumer).
import { kafkajsModulePath } from './kafkajs-location';

export const REBALANCE_HOOKS = Symbol.for('kstreams.rebalanceHooks');

export interface JoinedGroup {
  readonly groupId: string;
  readonly memberId: string;
  readonly isLeader: boolean;
  readonly generationId: number;
  /** topic → partitions kafkajs handed this member. */
  readonly assigned: Record<string, number[]>;
}

export interface RebalanceHooks {
  beforeRejoin(groupId: string): Promise<void>;
  afterJoin(joined: JoinedGroup): Promise<void>;
  onHookError(error: unknown): void;
}

interface ConsumerGroupInstance {
  groupId: string;
  memberId: string | null;
  leaderId: string | null;
  generationId: number | null;
  assigners: readonly { [REBALANCE_HOOKS]?: RebalanceHooks }[];
  assigned(): { topic: string; partitions: number[] }[];
  [joinedOnce]?: boolean;
}
interface ConsumerGroupPrototype {
  joinAndSync(this: ConsumerGroupInstance): Promise<unknown>;
  [installed]?: true;
}

// Symbol.for: a second copy of kstreams in the process (another version, or src beside dist) shares
// this kafkajs (read-committed-fix.ts) and must neither wrap it again nor miss what the first set
const installed = Symbol.for('kstreams.rebalanceHooksInstalled');
const joinedOnce = Symbol.for('kstreams.joinedOnce');

export function installRebalanceHooks(): void {
  const ConsumerGroup = require(kafkajsModulePath('src/consumer/consumerGroup.js')) as { prototype: ConsumerGroupPrototype };
  const proto = ConsumerGroup.prototype;
  if (proto[installed]) return;
  proto[installed] = true;
  const { joinAndSync } = proto;
  proto.joinAndSync = async function (this: ConsumerGroupInstance) {
    const hooks = this.assigners.find((a) => a[REBALANCE_HOOKS] !== undefined)?.[REBALANCE_HOOKS];
    if (hooks && this[joinedOnce]) {
      try {
        await hooks.beforeRejoin(this.groupId);
      } catch (error) {
        hooks.onHookError(error);
      }
    }
    const result = await joinAndSync.call(this);
    this[joinedOnce] = true;
    if (hooks) {
      const assigned: Record<string, number[]> = {};
      for (const { topic, partitions } of this.assigned()) assigned[topic] = [...partitions];
      try {
        await hooks.afterJoin({
          groupId: this.groupId,
          memberId: this.memberId ?? '',
          isLeader: this.leaderId !== null && this.leaderId === this.memberId,
          generationId: this.generationId ?? -1,
          assigned,
        });
      } catch (error) {
        hooks.onHookError(error);
      }
    }
    return result;
  };
}
