// What the Kafka side needs of whatever runs the tasks (the worker pool, or the in-process
// executor): the coordination layer does not import the worker layer (design-notes §2), so it
// states the calls it makes here, and kafka-streams.ts hands it a TaskExecutor, which has them.
import type { Header } from '../core/processor/record-headers';
import type { StreamsError, TaskCorruptedError } from '../errors';

export interface RunnerRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Iterable<Header>;
}

export interface RunnerOutputRecord {
  readonly topic: string;
  readonly partition: number | null;
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Iterable<Header>;
}

export interface RunnerChangelog {
  readonly store: string;
  readonly topic: string;
  readonly partition: number;
  readonly checkpointOffset: number | null;
  readonly isSourceTopic: boolean;
}

export type RunnerAssignOutcome =
  | { readonly ok: true; readonly taskId: string; readonly status: { readonly state: 'restoring' | 'running'; readonly threadId: number; readonly changelogs: readonly RunnerChangelog[] } }
  | { readonly ok: false; readonly taskId: string; readonly error: StreamsError };

export interface TaskRunner {
  assign(tasks: readonly { readonly taskId: string; readonly partitionCounts?: Readonly<Record<string, number>> }[]): Promise<RunnerAssignOutcome[]>;
  restore(taskId: string, records: readonly RunnerRecord[]): Promise<{ readonly restoredCount: number }>;
  completeRestore(taskId: string): Promise<void>;
  process(
    taskId: string,
    records: readonly RunnerRecord[],
  ): Promise<{ readonly outputs: readonly RunnerOutputRecord[]; readonly consumedOffsets: readonly { topic: string; partition: number; offset: number }[]; readonly commitRequested: boolean; readonly processedCount: number }>;
  punctuate(taskId: string, wallClockMs: number): Promise<{ readonly outputs: readonly RunnerOutputRecord[]; readonly punctuated: boolean; readonly commitRequested: boolean }>;
  flush(taskId: string): Promise<{ readonly outputs: readonly RunnerOutputRecord[] }>;
  commit(taskId: string, changelogOffsets: readonly { topic: string; partition: number; offset: number }[]): Promise<void>;
  closeTask(taskId: string, mode: 'clean' | 'dirty'): Promise<void>;
  onTaskCorrupted(listener: (event: { readonly threadId: number; readonly taskIds: readonly string[]; readonly error: TaskCorruptedError }) => void): () => void;
  close(): Promise<void>;
}
