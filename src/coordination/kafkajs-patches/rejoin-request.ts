// A way for a member to make its group rebalance (Java: KafkaConsumer#enforceRebalance), which
// kafkajs 2.2.4 lacks. Probing rebalances (KIP-441) and a leader that sees a new assignment is
// needed depend on it.
//
// kafkajs rejoins the group when a heartbeat fails with a "rebalancing" error: its runner emits
// REBALANCING and calls joinAndSync(). So the hook wraps ConsumerGroup#heartbeat: once a rejoin
// is requested for a member, its next heartbeat (kafkajs calls it after every fetch, empty or
// not) throws REBALANCE_IN_PROGRESS instead of talking to the broker. What the rejoin costs:
// - the leader's JoinGroup in a stable group always starts a rebalance of the whole group;
// - a follower's JoinGroup starts one only if its subscription metadata changed, so the
//   assigner's protocol() must produce new userData (e.g. fresh offset sums) for a follower.
import type { KafkaJSError } from 'kafkajs';
import { kafkajsModulePath } from './kafkajs-location';

interface ConsumerGroupInstance {
  groupId: string;
  memberId: string | null;
  [rejoinRequested]?: boolean;
}
interface ConsumerGroupPrototype {
  connect(this: ConsumerGroupInstance): Promise<void>;
  leave(this: ConsumerGroupInstance): Promise<void>;
  heartbeat(this: ConsumerGroupInstance, args: { interval: number }): Promise<void>;
  [installed]?: true;
  [liveGroupsKey]?: Set<ConsumerGroupInstance>;
}

// Symbol.for and the live groups kept on the prototype: a second copy of kstreams in the process
// (another version, or src beside dist) shares this kafkajs (read-committed-fix.ts), must not wrap
// it again, and must find the consumers the first copy's wrappers registered
const rejoinRequested = Symbol.for('kstreams.rejoinRequested');
const installed = Symbol.for('kstreams.rejoinHookInstalled');
const liveGroupsKey = Symbol.for('kstreams.liveConsumerGroups');

function consumerGroupPrototype(): ConsumerGroupPrototype {
  return (require(kafkajsModulePath('src/consumer/consumerGroup.js')) as { prototype: ConsumerGroupPrototype }).prototype;
}

export function installRejoinHook(): void {
  const proto = consumerGroupPrototype();
  if (proto[installed]) return;
  proto[installed] = true;
  const liveGroups = new Set<ConsumerGroupInstance>();
  proto[liveGroupsKey] = liveGroups;

  const { connect, leave, heartbeat } = proto;
  proto.connect = async function (this: ConsumerGroupInstance) {
    liveGroups.add(this);
    return connect.call(this);
  };
  proto.leave = async function (this: ConsumerGroupInstance) {
    liveGroups.delete(this);
    return leave.call(this);
  };
  proto.heartbeat = async function (this: ConsumerGroupInstance, args: { interval: number }) {
    if (this[rejoinRequested]) {
      this[rejoinRequested] = false;
      throw rebalanceRequestedError(this.groupId);
    }
    return heartbeat.call(this, args);
  };
}

function rebalanceRequestedError(groupId: string): KafkaJSError {
  // loaded here, not at the top: this module must not load kafkajs before the read_committed fix is in
  const { KafkaJSError } = require(kafkajsModulePath('src/errors.js')) as typeof import('kafkajs');
  const error = new KafkaJSError(`kstreams requested a rebalance of group ${groupId}`, { retriable: false });
  // the type kafkajs's isRebalancing() looks for
  (error as KafkaJSError & { type: string }).type = 'REBALANCE_IN_PROGRESS';
  return error;
}

/**
 * Asks the member `memberId` of `groupId` (as reported by kafkajs's GROUP_JOIN event) to rejoin at
 * its next heartbeat. Returns false when no running consumer of this process is that member.
 */
export function requestRejoin(groupId: string, memberId: string): boolean {
  for (const group of consumerGroupPrototype()[liveGroupsKey] ?? []) {
    if (group.groupId === groupId && group.memberId === memberId) {
      group[rejoinRequested] = true;
      return true;
    }
  }
  return false;
}
