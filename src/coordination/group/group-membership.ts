// The process's member of the group `application.id` (design-notes §5): one kafkajs consumer with
// the stream assigner, subscribed to every source and repartition topic.
//
// Rebalances are eager. Before a rejoin the owner's `onRevoke` runs and kafkajs waits for it (the
// member still belongs to its generation, so its commits count: kstreams commits before it rejoins,
// never after, docs/development.md). After every join the member reads its whole assignment back
// (kafkajs drops the assignment userData; assignment-readback.ts), and `onAssigned` runs before
// kafkajs fetches, so the owner opens tasks and seeks before any record arrives.
//
// Fetched records go to `onRecords` without waiting for their processing: kafkajs heartbeats
// between batches, and a handler that waited for processing would delay heartbeats and leave
// records of a revoked partition in flight during the rejoin.
import type { Admin, Consumer, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import type { Header } from '../../core/processor/record-headers';
import { StreamsError, TaskAssignmentError } from '../../errors';
import { decodeAssignmentInfo, ownAssignment, type AssignedMember, type AssignmentInfo } from '../assignment/assignment-info';
import { assignorErrorToStreamsError } from '../assignment/assignor-error';
import type { SubscriptionInfoFields } from '../assignment/subscription-info';
import { requestRejoin } from '../kafkajs-patches/rejoin-request';
import type { JoinedGroup } from '../kafkajs-patches/rebalance-hooks';
import type { RoutedRecord, TopicPartitionRef } from '../router/task-router';
import { readBackAssignment, type PartitionsByTopic } from './assignment-readback';
import { streamAssigner, type StreamAssignerOptions } from './stream-assigner';
import { NO_FOLLOWUP_REBALANCE } from '../assignment/assignment-info';

export interface MemberAssignment {
  readonly memberId: string;
  readonly generationId: number;
  readonly isLeader: boolean;
  /** This member's entry of the assignment: its active tasks and their partitions. */
  readonly own: AssignedMember;
  readonly info: AssignmentInfo;
}

export interface FetchedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly RoutedRecord[];
  readonly highWatermark: number;
  /** The offset after the batch, control records included. */
  readonly nextOffset: number;
}

export interface GroupMembershipOptions extends Omit<StreamAssignerOptions, 'hooks' | 'subscription'> {
  readonly kafka: Kafka;
  readonly consumerConfig: Omit<Parameters<Kafka['consumer']>[0], 'partitionAssigners'>;
  /** auto.offset.reset = earliest: where a partition without a committed offset starts. */
  readonly fromBeginning: boolean;
  /** Every topic the tasks read (real names). */
  readonly topics: readonly string[];
  readonly subscription: () => Omit<SubscriptionInfoFields, 'rejoinEpoch'>;
  /** Before a rejoin: commit, and stop processing. Awaited. */
  readonly onRevoke: () => Promise<void>;
  /** After each join: the new assignment. Awaited before fetching starts. */
  readonly onAssigned: (assignment: MemberAssignment) => Promise<void>;
  /** The leader refused this member tasks, or the assignment could not be read: the client must stop. */
  readonly onFatal: (error: StreamsError) => void;
  readonly onRecords: (batch: FetchedBatch) => void;
  readonly onLog?: (message: string) => void;
  /** Rebalance events, for debugging. */
  readonly onDebug?: (message: string) => void;
  readonly readBackTimeoutMs?: number;
}

export class GroupMembership {
  readonly consumer: Consumer;
  private rejoinEpoch = 0;
  private memberId: string | null = null;
  private probing: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: GroupMembershipOptions) {
    const assigner = streamAssigner({
      ...options,
      subscription: () => ({ ...options.subscription(), rejoinEpoch: this.rejoinEpoch }),
      hooks: {
        beforeRejoin: async () => {
          if (!this.stopped) await options.onRevoke();
        },
        afterJoin: (joined) => this.joined(joined),
        onHookError: (error) => options.onFatal(asStreamsError(error)),
      },
    });
    this.consumer = options.kafka.consumer({ ...options.consumerConfig, partitionAssigners: [assigner] });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const error = event.payload.error;
      if (!this.stopped && !event.payload.restart) options.onFatal(new StreamsError(`the consumer of group ${options.applicationId} crashed: ${error.message}`, { cause: error }));
    });
  }

  get admin(): Admin {
    return this.options.admin;
  }

  get groupId(): string {
    return this.options.applicationId;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async (payload) => this.batch(payload),
    });
  }

  async commitOffsets(offsets: readonly { topic: string; partition: number; offset: number }[]): Promise<void> {
    if (offsets.length === 0) return;
    await this.consumer.commitOffsets(offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) })));
  }

  pause(partitions: readonly TopicPartitionRef[]): void {
    this.consumer.pause(groupByTopic(partitions));
  }

  resume(partitions: readonly TopicPartitionRef[]): void {
    this.consumer.resume(groupByTopic(partitions));
  }

  seek(topic: string, partition: number, offset: number): void {
    this.consumer.seek({ topic, partition, offset: String(offset) });
  }

  /**
   * Makes the group rebalance: the subscription changes (so a follower's rejoin counts) and the
   * member's next heartbeat fails with REBALANCE_IN_PROGRESS (kafkajs-patches/rejoin-request.ts).
   */
  requestRebalance(): boolean {
    this.options.onDebug?.(`rebalance requested (member ${this.memberId ?? 'none'})`);
    if (this.memberId === null) return false;
    this.rejoinEpoch++;
    return requestRejoin(this.options.applicationId, this.memberId);
  }

  /** Leaves the group (the others rebalance at once) and disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.probing);
    await this.consumer.disconnect();
  }

  private async joined(joined: JoinedGroup): Promise<void> {
    if (this.stopped) return;
    this.memberId = joined.memberId;
    clearTimeout(this.probing);
    this.options.onDebug?.(`joined generation ${joined.generationId} as ${joined.memberId}${joined.isLeader ? ' (leader)' : ''}; received ${JSON.stringify(joined.assigned)}`);
    const received: PartitionsByTopic = joined.assigned;
    let info: AssignmentInfo;
    try {
      info = await readBackAssignment(this.options.admin, this.options.applicationId, joined.memberId, received, decodeAssignmentInfo, { timeoutMs: this.options.readBackTimeoutMs ?? 10_000 });
    } catch (error) {
      // Another rebalance overtook this one: kafkajs rejoins at the next heartbeat and we read again.
      this.options.onLog?.(`could not read back the assignment of member ${joined.memberId}: ${(error as Error).message}; rejoining`);
      this.requestRebalance();
      return;
    }
    const own = ownAssignment(info, joined.memberId);
    this.options.onDebug?.(`read back generation ${joined.generationId}: active ${own?.activeTasks.join(',') ?? 'none'}`);
    if (own === undefined) throw new TaskAssignmentError(`the assignment read back for group ${this.options.applicationId} does not list this member (${joined.memberId})`);
    const refusal = assignorErrorToStreamsError(info.errorCode, info.errorMessage, joined.memberId);
    if (refusal !== null) {
      this.options.onFatal(refusal);
      return;
    }
    if (info.followupRebalanceDelayMs !== NO_FOLLOWUP_REBALANCE) {
      this.probing = setTimeout(() => this.requestRebalance(), info.followupRebalanceDelayMs);
      this.probing.unref();
    }
    await this.options.onAssigned({ memberId: joined.memberId, generationId: joined.generationId, isLeader: joined.isLeader, own, info });
  }

  private batch({ batch }: EachBatchPayload): void {
    if (this.stopped) return;
    const records: RoutedRecord[] = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: Number(m.offset),
      timestamp: Number(m.timestamp),
      key: m.key ?? null,
      value: m.value ?? null,
      headers: toHeaders(m.headers),
    }));
    this.options.onRecords({ topic: batch.topic, partition: batch.partition, records, highWatermark: Number(batch.highWatermark), nextOffset: Number(batch.lastOffset()) + 1 });
  }
}

export function toHeaders(headers: IHeaders | undefined): Header[] {
  const out: Header[] = [];
  if (headers === undefined) return out;
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.push({ key, value: typeof item === 'string' ? Buffer.from(item) : item });
  }
  return out;
}

function groupByTopic(partitions: readonly TopicPartitionRef[]): { topic: string; partitions: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = byTopic.get(topic) ?? [];
    list.push(partition);
    byTopic.set(topic, list);
  }
  return [...byTopic].map(([topic, list]) => ({ topic, partitions: list }));
}

function asStreamsError(error: unknown): StreamsError {
  return error instanceof StreamsError ? error : new StreamsError(error instanceof Error ? error.message : String(error), { cause: error });
}
