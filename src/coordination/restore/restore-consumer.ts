// Reads changelog partitions for restoring tasks (design-notes §5). kafkajs has no manual assign():
// the restore consumer is the only member of its own group (`<application.id>-restore-<process id>`)
// whose assigner returns exactly the partitions wanted. It never commits; every partition is sought
// to where its restoration stands after every (re)join (an unsought one would start at kafkajs's
// choice, docs/development.md). Changing the set of partitions restarts the consumer (stop, run:
// a join of a few ms on a broker with group.initial.rebalance.delay.ms=0).
//
// Restoring runs beside processing: records go to `onRecords`, which is awaited (a restore batch is
// applied before the next fetch of the restore consumer, so restoring cannot outrun the task's
// thread), while the main consumer keeps feeding the tasks that already run.
import { AssignerProtocol, type Consumer, type Kafka, type PartitionAssigner } from 'kafkajs';
import { StreamsError } from '../../errors';
import { REBALANCE_HOOKS, type RebalanceHooks } from '../kafkajs-patches/rebalance-hooks';
import { toHeaders } from '../group/group-membership';
import type { RoutedRecord } from '../router/task-router';

export const RESTORE_PROTOCOL = 'kstreams-restore';

export interface RestorePartition {
  readonly topic: string;
  readonly partition: number;
}

export interface RestoreConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly consumerConfig: Omit<Parameters<Kafka['consumer']>[0], 'partitionAssigners' | 'groupId'>;
  /** Every changelog topic of the topology (subscribed once; the assigner picks partitions). */
  readonly topics: readonly string[];
  /** Records of one partition, in offset order; `nextOffset` is past the batch (control records included). */
  readonly onRecords: (partition: RestorePartition, records: readonly RoutedRecord[], nextOffset: number) => Promise<void>;
  readonly onError: (error: StreamsError) => void;
  readonly onDebug?: (message: string) => void;
}

export class RestoreConsumer {
  private readonly positions = new Map<string, { ref: RestorePartition; offset: number }>();
  private consumer: Consumer | undefined;
  private running = false;
  /** Serializes restarts: the set may change while a restart is under way. */
  private restarting: Promise<void> = Promise.resolve();
  /**
   * A restart queued and not begun: later changes ride on it (it reads the set when it begins), so
   * several tasks opened at once cost one restart rather than one each.
   */
  private queuedRestart: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: RestoreConsumerOptions) {}

  /** Starts (or goes on) reading `partition` from `offset`. */
  add(partition: RestorePartition, offset: number): Promise<void> {
    this.positions.set(keyOf(partition), { ref: partition, offset });
    return this.restart();
  }

  /** Stops reading partitions (restored, or their task went away). */
  remove(partitions: readonly RestorePartition[]): Promise<void> {
    let changed = false;
    for (const p of partitions) changed = this.positions.delete(keyOf(p)) || changed;
    return changed ? this.restart() : this.restarting;
  }

  wanted(): RestorePartition[] {
    return [...this.positions.values()].map((p) => p.ref);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.positions.clear();
    await this.restarting.catch(() => undefined);
    await this.stopConsumer();
  }

  private restart(): Promise<void> {
    if (this.queuedRestart) return this.queuedRestart;
    this.restarting = this.restarting
      .catch(() => undefined)
      .then(async () => {
        this.queuedRestart = undefined;
        if (this.closed) return;
        if (this.running) await this.stopConsumer();
        this.options.onDebug?.(`restore consumer (re)starting for ${[...this.positions.values()].map(({ ref, offset }) => `${ref.topic}-${ref.partition}@${offset}`).join(',') || 'nothing'}`);
        if (this.positions.size === 0) return;
        const consumer = await this.ensureConsumer();
        this.running = true;
        await consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const key = keyOf({ topic: batch.topic, partition: batch.partition });
            const position = this.positions.get(key);
            if (position === undefined) return;
            const records: RoutedRecord[] = [];
            for (const m of batch.messages) {
              const offset = Number(m.offset);
              if (offset < position.offset) continue;
              records.push({ topic: batch.topic, partition: batch.partition, offset, timestamp: Number(m.timestamp), key: m.key ?? null, value: m.value ?? null, headers: toHeaders(m.headers) });
            }
            const nextOffset = Number(batch.lastOffset()) + 1;
            position.offset = Math.max(position.offset, nextOffset);
            await this.options.onRecords(position.ref, records, nextOffset);
          },
        });
      });
    this.queuedRestart = this.restarting;
    return this.restarting;
  }

  private async ensureConsumer(): Promise<Consumer> {
    if (this.consumer) return this.consumer;
    const hooks: RebalanceHooks = {
      beforeRejoin: async () => undefined,
      afterJoin: async (joined) => {
        this.options.onDebug?.(`restore consumer joined generation ${joined.generationId}: received ${JSON.stringify(joined.assigned)}; seeking ${[...this.positions.values()].map(({ ref, offset }) => `${ref.topic}-${ref.partition}@${offset}`).join(',')}`);
        for (const { ref, offset } of this.positions.values()) this.consumer?.seek({ topic: ref.topic, partition: ref.partition, offset: String(offset) });
      },
      onHookError: (error) => this.options.onError(error instanceof StreamsError ? error : new StreamsError(String(error), { cause: error })),
    };
    const consumer = this.options.kafka.consumer({ ...this.options.consumerConfig, groupId: this.options.groupId, partitionAssigners: [exactAssigner(() => this.wanted(), hooks)] });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!this.closed && !event.payload.restart) this.options.onError(new StreamsError(`the restore consumer crashed: ${event.payload.error.message}`, { cause: event.payload.error }));
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.options.topics], fromBeginning: true });
    this.consumer = consumer;
    return consumer;
  }

  private async stopConsumer(): Promise<void> {
    if (!this.consumer) return;
    if (this.closed) {
      await this.consumer.disconnect();
      this.consumer = undefined;
    } else {
      await this.consumer.stop();
    }
    this.running = false;
  }
}

function exactAssigner(wanted: () => RestorePartition[], hooks: RebalanceHooks): PartitionAssigner {
  return () => ({
    name: RESTORE_PROTOCOL,
    version: 1,
    [REBALANCE_HOOKS]: hooks,
    async assign({ members }) {
      const assignment: Record<string, number[]> = {};
      for (const { topic, partition } of wanted()) (assignment[topic] ??= []).push(partition);
      // one member by construction; a second (a restarted process reusing the id) gets nothing
      return members.map((m, i) => ({ memberId: m.memberId, memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: i === 0 ? assignment : {}, userData: Buffer.alloc(0) }) }));
    },
    protocol({ topics }) {
      return { name: RESTORE_PROTOCOL, metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }) };
    },
  });
}

function keyOf(p: RestorePartition): string {
  return `${p.topic}\u0000${p.partition}`;
}
