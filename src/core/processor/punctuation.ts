// Scheduled callbacks (Java's Punctuator, PunctuationType, Cancellable).

export enum PunctuationType {
  /** Fires as stream time (the largest record timestamp a task has seen) passes each interval. */
  STREAM_TIME = 'STREAM_TIME',
  /** Fires as the system clock passes each interval. */
  WALL_CLOCK_TIME = 'WALL_CLOCK_TIME',
}

/** Called with the current stream time or wall-clock time (not the scheduled time), as Java does. */
export type Punctuator = (timestamp: number) => void | Promise<void>;

export interface Cancellable {
  cancel(): void;
}
