// What the DSL's own processors need beyond the public ProcessorContext: the record context
// (for the timestamp and headers of the current record), the sensors for dropped records, and
// the current node's name for error messages.
import type { ProcessorContext } from './processor-context';
import type { ProcessorRecordContext } from './processor-record-context';
import type { TaskSensors } from './task-sensors';

export interface InternalProcessorContext<KForward = unknown, VForward = unknown> extends ProcessorContext<KForward, VForward> {
  recordContext(): ProcessorRecordContext;
  currentNodeName(): string;
  readonly sensors: TaskSensors;
}

/** The runtime always hands processors an InternalProcessorContext; DSL processors read it through this. */
export function internalContext<K, V>(context: ProcessorContext<K, V>): InternalProcessorContext<K, V> {
  return context as InternalProcessorContext<K, V>;
}
