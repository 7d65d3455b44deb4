// The kafkajs PartitionAssigner of the application's group (protocol "stream"): every member's
// subscription carries its SubscriptionInfo (design-notes §5); the leader derives the tasks from the
// partition counts kafkajs knows, looks up the changelog end offsets, and runs assignGroup. The
// algorithm is pure (../assignment); this file only talks kafkajs.
import { randomUUID } from 'node:crypto';
import { AssignerProtocol, type Admin, type PartitionAssigner } from 'kafkajs';
import { TopologyError } from '../../errors';
import { errorCodeForTopologyError, errorGroupAssignment, assignGroup, type GroupAssignment } from '../assignment/group-assignment';
import { AssignorErrorCode } from '../assignment/assignor-error';
import { encodeSubscriptionInfo, type SubscriptionInfoFields } from '../assignment/subscription-info';
import { sumEndOffsets } from '../assignment/task-lags';
import { deriveTasks, type TaskTopology, type TopologyTasks } from '../assignment/topology-tasks';
import type { AssignorConfig } from '../assignment/task-assignor';
import { REBALANCE_HOOKS, type RebalanceHooks } from '../kafkajs-patches/rebalance-hooks';

export const STREAM_PROTOCOL = 'stream';

export interface StreamAssignerOptions {
  readonly applicationId: string;
  readonly topology: TaskTopology;
  readonly fingerprint: string;
  readonly processId: string;
  readonly assignorConfig: AssignorConfig & { readonly probingRebalanceIntervalMs: number };
  /** A connected admin client (the leader looks up changelog end offsets and committed offsets). */
  readonly admin: Admin;
  /** This member's subscription, read at every join. */
  readonly subscription: () => SubscriptionInfoFields;
  readonly hooks: RebalanceHooks;
  /** Told what the leader decided (for logs). */
  readonly onLeaderAssignment?: (assignment: GroupAssignment, tasks: TopologyTasks | null) => void;
}

export function streamAssigner(options: StreamAssignerOptions): PartitionAssigner {
  return ({ cluster }) => ({
    name: STREAM_PROTOCOL,
    version: 1,
    [REBALANCE_HOOKS]: options.hooks,
    protocol: ({ topics }) => ({
      name: STREAM_PROTOCOL,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: encodeSubscriptionInfo(options.subscription()) }),
    }),
    assign: async ({ members, topics }) => {
      const nonce = randomUUID();
      const metadata = members.map((m) => ({ memberId: m.memberId, userData: AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData ?? Buffer.alloc(0) }));
      let assignment: GroupAssignment;
      let tasks: TopologyTasks | null = null;
      try {
        const partitionCounts = new Map<string, number>();
        for (const topic of topics) {
          const count = cluster.findTopicPartitionMetadata(topic).length;
          if (count > 0) partitionCounts.set(topic, count);
        }
        tasks = deriveTasks(options.topology, { applicationId: options.applicationId, partitionCounts });
        const endOffsets = await changelogEndOffsets(options.admin, options.applicationId, tasks);
        assignment = assignGroup({
          members: metadata,
          leaderProcessId: options.processId,
          topologyFingerprint: options.fingerprint,
          tasks,
          endOffsetSums: sumEndOffsets(tasks.tasks, (topic, partition) => endOffsets.get(`${topic}\u0000${partition}`)),
          config: options.assignorConfig,
          nonce,
        });
      } catch (error) {
        const code = error instanceof TopologyError ? errorCodeForTopologyError(error) : AssignorErrorCode.ASSIGNMENT_ERROR;
        assignment = errorGroupAssignment(
          metadata.map((m) => m.memberId),
          code,
          error instanceof Error ? error.message : String(error),
          nonce,
        );
      }
      options.onLeaderAssignment?.(assignment, tasks);
      return [...assignment.byMember].map(([memberId, member]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: member.partitions, userData: member.userData }),
      }));
    },
  });
}

/**
 * End offsets of every stateful task's changelog partitions; for a source topic reused as a
 * changelog, the committed offset of the group (Java does the same: the store holds what was processed).
 */
async function changelogEndOffsets(admin: Admin, groupId: string, tasks: TopologyTasks): Promise<Map<string, number>> {
  const topics = [...new Set(tasks.tasks.flatMap((t) => t.changelogPartitions.map((p) => p.topic)))];
  const sourceTopics = new Set(tasks.sourceTopics);
  const out = new Map<string, number>();
  await Promise.all(
    topics.map(async (topic) => {
      try {
        if (sourceTopics.has(topic)) {
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          for (const p of committed?.partitions ?? []) if (Number(p.offset) >= 0) out.set(`${topic}\u0000${p.partition}`, Number(p.offset));
        } else {
          for (const p of await admin.fetchTopicOffsets(topic)) out.set(`${topic}\u0000${p.partition}`, Number(p.high));
        }
      } catch {
        // an unknown end offset makes the task's lag unknown everywhere; the assignment still works
      }
    }),
  );
  return out;
}
