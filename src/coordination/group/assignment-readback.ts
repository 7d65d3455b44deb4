// kafkajs gives a follower only its topic-partitions: the assignment's userData (which tasks
// are active and standby, the partition → host map) is decoded and thrown away. A member reads
// its full assignment back with describeGroups — which carries no generation id, so a read can
// return the assignment of an earlier or later rebalance. The leader therefore puts a nonce and
// every member's partition list into the userData, and a read counts only when the list it
// holds for this member equals what kafkajs handed the member, and every member's userData in
// the description carries the same nonce (one rebalance, not a mix).
import { AssignerProtocol, type Admin } from 'kafkajs';

/** topic → partitions, the shape kafkajs uses for a member's assignment. */
export type PartitionsByTopic = Record<string, number[]>;

/** What the leader must put in every member's assignment userData for the read-back to be checked. */
export interface ReadBackEnvelope {
  nonce: string;
  partitionsByMember: Record<string, PartitionsByTopic>;
}

export function samePartitions(a: PartitionsByTopic, b: PartitionsByTopic): boolean {
  const flatten = (p: PartitionsByTopic) =>
    Object.entries(p)
      .flatMap(([topic, partitions]) => partitions.map((partition) => `${topic}\u0000${partition}`))
      .sort()
      .join('\u0001');
  return flatten(a) === flatten(b);
}

/** Whether `envelope` is the assignment that gave `memberId` exactly the partitions `received`. */
export function matchesReceivedAssignment(envelope: ReadBackEnvelope, memberId: string, received: PartitionsByTopic): boolean {
  const listed = envelope.partitionsByMember[memberId];
  return listed !== undefined && samePartitions(listed, received);
}

export interface ReadBackOptions {
  timeoutMs?: number;
  retryIntervalMs?: number;
}

/**
 * Reads this member's assignment userData back from the group coordinator, retrying until the
 * read matches the assignment kafkajs handed the member (see above).
 */
export async function readBackAssignment<E extends ReadBackEnvelope>(
  admin: Admin,
  groupId: string,
  memberId: string,
  received: PartitionsByTopic,
  decode: (userData: Buffer) => E,
  { timeoutMs = 10000, retryIntervalMs = 100 }: ReadBackOptions = {},
): Promise<E> {
  const deadline = Date.now() + timeoutMs;
  let seen = 'no description yet';
  for (;;) {
    const [group] = (await admin.describeGroups([groupId])).groups;
    const envelopes = (group?.members ?? []).map((m) => ({ memberId: m.memberId, envelope: decodeEnvelope(m.memberAssignment, decode) }));
    const own = envelopes.find((e) => e.memberId === memberId)?.envelope;
    if (own && matchesReceivedAssignment(own, memberId, received) && envelopes.every((e) => e.envelope?.nonce === own.nonce)) {
      return own;
    }
    seen = `group state ${group?.state ?? 'unknown'}, ${envelopes.length} member(s), own nonce ${own?.nonce ?? 'none'}`;
    if (Date.now() > deadline) {
      throw new Error(`could not read back the assignment of member ${memberId} in group ${groupId} within ${timeoutMs} ms (${seen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, retryIntervalMs));
  }
}

function decodeEnvelope<E>(memberAssignment: Buffer, decode: (userData: Buffer) => E): E | undefined {
  if (!memberAssignment || memberAssignment.length === 0) return undefined; // the group is between rebalances
  const decoded = AssignerProtocol.MemberAssignment.decode(memberAssignment);
  return decoded?.userData && decoded.userData.length > 0 ? decode(decoded.userData) : undefined;
}
