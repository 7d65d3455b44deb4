// A task's checkpoint (Java's OffsetCheckpoint, kept inside the task's LevelDB instead of a file):
// for each changelog partition of the task's persistent stores, the offset of the last changelog
// record whose write the stored data includes. Restoring resumes at that offset + 1, as Java's
// StoreChangelogReader does. It is written in the same LevelDB batch as the data it describes, so a
// crash can never leave data and checkpoint out of step.

/** A changelog partition and an offset in it. */
export interface ChangelogOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

const FORMAT_VERSION = 1;

export class TaskCheckpoint {
  static readonly EMPTY = new TaskCheckpoint(new Map());

  private constructor(private readonly offsets: ReadonlyMap<string, ChangelogOffset>) {}

  /**
   * Reads what `encode` wrote. Throws a plain Error describing what is wrong: the caller knows
   * where the bytes came from and reports it as the task's corruption.
   */
  static decode(bytes: Buffer): TaskCheckpoint {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (!isRecord(parsed) || parsed.version !== FORMAT_VERSION || !Array.isArray(parsed.changelogs)) {
      throw new Error(`not a version ${FORMAT_VERSION} checkpoint: ${bytes.toString('utf8').slice(0, 200)}`);
    }
    const offsets = new Map<string, ChangelogOffset>();
    for (const entry of parsed.changelogs as unknown[]) {
      if (!isRecord(entry) || typeof entry.topic !== 'string' || !Number.isSafeInteger(entry.partition) || !Number.isSafeInteger(entry.offset)) {
        throw new Error(`a checkpoint entry is not {topic, partition, offset}: ${JSON.stringify(entry)}`);
      }
      const offset = { topic: entry.topic, partition: entry.partition as number, offset: entry.offset as number };
      offsets.set(partitionKey(offset.topic, offset.partition), offset);
    }
    return new TaskCheckpoint(offsets);
  }

  encode(): Buffer {
    return Buffer.from(JSON.stringify({ version: FORMAT_VERSION, changelogs: this.entries() }), 'utf8');
  }

  /** The checkpointed offsets, by topic then partition. */
  entries(): ChangelogOffset[] {
    return [...this.offsets.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  }

  /** The offset of the last record of `topic`-`partition` the data includes, or null when none is. */
  offsetOf(topic: string, partition: number): number | null {
    return this.offsets.get(partitionKey(topic, partition))?.offset ?? null;
  }

  /**
   * This checkpoint with `updates` applied, keeping only the partitions `keep` accepts (the
   * changelogs of the task's persistent stores). Partitions without an update keep their offset.
   */
  advancedBy(updates: Iterable<ChangelogOffset>, keep: (topic: string, partition: number) => boolean): TaskCheckpoint {
    const offsets = new Map<string, ChangelogOffset>();
    for (const [key, offset] of this.offsets) if (keep(offset.topic, offset.partition)) offsets.set(key, offset);
    for (const update of updates) {
      if (!keep(update.topic, update.partition)) continue;
      offsets.set(partitionKey(update.topic, update.partition), { topic: update.topic, partition: update.partition, offset: update.offset });
    }
    return new TaskCheckpoint(offsets);
  }

  equals(other: TaskCheckpoint): boolean {
    if (other.offsets.size !== this.offsets.size) return false;
    for (const [key, offset] of this.offsets) if (other.offsets.get(key)?.offset !== offset.offset) return false;
    return true;
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${partition}\u0000${topic}`;
}

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
