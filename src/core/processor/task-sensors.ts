// How the core reports what the runtime counts (design-notes §2: core knows nothing of metrics).
// The runtime injects an implementation; the TopologyTestDriver keeps counts for tests.

/** Why a record was dropped; kstreams_dropped_records_total{reason}. */
export type DropReason = 'deserialization' | 'processing' | 'negative-timestamp' | 'null-key' | 'late' | 'expired-window';

export interface TaskSensors {
  recordDropped(reason: DropReason, taskId: string, processorName?: string): void;
}

export const NO_SENSORS: TaskSensors = { recordDropped: () => undefined };
