// A processor context for unit-testing one processor without a task: records what it forwards
// (and to which child) and what it reports as dropped.
import type { InternalProcessorContext } from '../../../../src/core/processor/internal-processor-context';
import type { RecordMetadata } from '../../../../src/core/processor/processor-context';
import type { ProcessorRecordContext } from '../../../../src/core/processor/processor-record-context';
import { punctuationRecordContext } from '../../../../src/core/processor/processor-record-context';
import type { Cancellable } from '../../../../src/core/processor/punctuation';
import type { Record } from '../../../../src/core/processor/record';
import { TaskId } from '../../../../src/core/processor/task-id';
import type { DropReason, TaskSensors } from '../../../../src/core/processor/task-sensors';
import type { Serde } from '../../../../src/core/serde/serde';
import type { StateStore } from '../../../../src/core/state/state-store';

export interface Forwarded {
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
  readonly headers: [string, string | null][];
  readonly childName: string | undefined;
}

export class FakeProcessorContext implements InternalProcessorContext<unknown, unknown> {
  readonly forwarded: Forwarded[] = [];
  readonly drops: [DropReason, string, string | undefined][] = [];
  readonly sensors: TaskSensors = { recordDropped: (reason, taskId, processor) => void this.drops.push([reason, taskId, processor]) };

  constructor(private readonly nodeName = 'NODE') {}

  forward<K, V>(record: Record<K, V>, childName?: string): void {
    this.forwarded.push({
      key: record.key,
      value: record.value,
      timestamp: record.timestamp,
      headers: record.headers.toArray().map((h) => [h.key, h.value === null ? null : h.value.toString()]),
      childName,
    });
  }

  recordContext(): ProcessorRecordContext {
    return punctuationRecordContext(0);
  }
  currentNodeName(): string {
    return this.nodeName;
  }
  applicationId(): string {
    return 'app';
  }
  taskId(): TaskId {
    return new TaskId(0, 0);
  }
  recordMetadata(): RecordMetadata | undefined {
    return undefined;
  }
  keySerde(): Serde<unknown> | null {
    return null;
  }
  valueSerde(): Serde<unknown> | null {
    return null;
  }
  stateDir(): string {
    return '/tmp';
  }
  appConfigs(): Readonly<{ [key: string]: unknown }> {
    return {};
  }
  currentSystemTimeMs(): number {
    return 0;
  }
  currentStreamTimeMs(): number {
    return 0;
  }
  getStateStore<S extends StateStore>(name: string): S {
    throw new Error(`no store ${name} in a fake context`);
  }
  schedule(): Cancellable {
    return { cancel: () => undefined };
  }
  commit(): void {}
}
