// What a processor sees of its task (Java's api.ProcessorContext and ProcessingContext).
import type { Serde } from '../serde/serde';
import type { StateStore } from '../state/state-store';
import type { Cancellable, Punctuator, PunctuationType } from './punctuation';
import type { FixedKeyRecord } from './fixed-key-record';
import type { Record } from './record';
import type { TaskId } from './task-id';

/** Where the record being processed came from; absent inside a punctuation. */
export interface RecordMetadata {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

export interface ProcessingContext {
  applicationId(): string;
  taskId(): TaskId;
  recordMetadata(): RecordMetadata | undefined;
  keySerde(): Serde<unknown> | null;
  valueSerde(): Serde<unknown> | null;
  stateDir(): string;
  appConfigs(): Readonly<{ [key: string]: unknown }>;
  currentSystemTimeMs(): number;
  currentStreamTimeMs(): number;
  getStateStore<S extends StateStore>(name: string): S;
  /**
   * Schedules `punctuator` every `intervalMs`. STREAM_TIME schedules are aligned to 0 and fire as
   * soon as stream time passes a multiple of the interval; WALL_CLOCK_TIME ones fire first one
   * interval from now. Missed intervals are skipped, not replayed.
   */
  schedule(intervalMs: number, type: PunctuationType, punctuator: Punctuator): Cancellable;
  /** Asks for a commit as soon as possible (after the current record). */
  commit(): void;
}

export interface ProcessorContext<KForward = unknown, VForward = unknown> extends ProcessingContext {
  /**
   * Sends `record` to every child, or to the child named `childName`. A child that processes
   * asynchronously is awaited by the task before the next input record, and each processor
   * sees its records in the order they were forwarded.
   */
  forward<K extends KForward, V extends VForward>(record: Record<K, V>, childName?: string): void;
}

export interface FixedKeyProcessorContext<KForward = unknown, VForward = unknown> extends ProcessingContext {
  forward<V extends VForward>(record: FixedKeyRecord<KForward, V>, childName?: string): void;
}
