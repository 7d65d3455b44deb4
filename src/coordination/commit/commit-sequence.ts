// The commit of one task (design-notes §6), written once for both guarantees. At-least-once runs it
// with the shared idempotent producer and a consumer offset commit; exactly-once will run the same
// steps with the task's transactional producer (step 2 inside the transaction, step 3 as
// sendOffsets + commitTransaction).
//
// Invariant: the task's LevelDB never holds writes whose changelog records are not acknowledged,
// and its checkpoint never points past what LevelDB holds. Whatever a crash interrupts, a restart
// restores from the checkpoint and reprocesses from the committed input offsets.
import type { ProducedOffset, ProducibleRecord } from '../producer/record-producer';

export interface TopicPartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to consume. */
  readonly offset: number;
}

/** What the commit needs of a task. */
export interface CommittableTask {
  readonly taskId: string;
  /** Full names of the changelog topics the task writes (their offsets go into the checkpoint). */
  readonly changelogTopics: ReadonlySet<string>;
  /** Flushes the task's caches: the records they forward and change-log. */
  flush(): Promise<readonly ProducibleRecord[]>;
  /** Takes the sends of the task's outputs made since the last commit (they may still be in flight). */
  takeSends(): Promise<readonly ProducedOffset[]>[];
  /** The input offsets processed since the last commit (next offset to consume, per partition). */
  consumedOffsets(): readonly TopicPartitionOffset[];
  /** Writes the pending writes and the checkpoint in one storage batch. */
  writeCheckpoint(changelogOffsets: readonly ProducedOffset[]): Promise<void>;
}

export interface CommitIo {
  send(records: readonly ProducibleRecord[]): Promise<readonly ProducedOffset[]>;
  commitOffsets(offsets: readonly TopicPartitionOffset[]): Promise<void>;
}

export async function commitTask(task: CommittableTask, io: CommitIo): Promise<void> {
  // 1. Flush the caching layer: the records it held back are forwarded and change-logged now.
  //    Crash after this: nothing left the process; the flushed writes are only in the pending
  //    writes, LevelDB still matches its checkpoint.
  const flushed = await task.flush();

  // 2. Produce everything the task wrote since the last commit and await the acks.
  //    Crash after this: outputs and changelog records are in Kafka, input offsets are not
  //    committed and LevelDB is at its old checkpoint: the restart restores the changelog tail
  //    from the checkpoint and reprocesses the inputs (at-least-once: duplicates, no loss).
  const sends = task.takeSends();
  if (flushed.length > 0) sends.push(io.send(flushed));
  const produced = (await Promise.all(sends)).flat();

  // 3. Commit the input offsets.
  //    Crash after this: inputs are committed, LevelDB is at its old checkpoint; restore replays
  //    the changelog tail, which holds every write of the committed inputs.
  const offsets = task.consumedOffsets();
  if (offsets.length > 0) await io.commitOffsets(offsets);

  // 4. One LevelDB batch: the pending writes and the checkpoint at the last changelog offsets.
  //    After this, restore has nothing to replay for this commit.
  const last = new Map<string, ProducedOffset>();
  for (const p of produced) {
    if (!task.changelogTopics.has(p.topic)) continue;
    const key = `${p.topic}\u0000${p.partition}`;
    const seen = last.get(key);
    if (seen === undefined || p.offset > seen.offset) last.set(key, p);
  }
  await task.writeCheckpoint([...last.values()]);
}
