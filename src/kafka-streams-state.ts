// The life of a KafkaStreams client, as Java's KafkaStreams.State, with its transitions written
// down once. An illegal transition is a bug in kstreams (IllegalStateError); an illegal call by
// the user (start() twice, cleanUp() while running) is checked by KafkaStreams and says so.
//
//   CREATED ──► REBALANCING ◄──► RUNNING
//      │            │   │           │  │
//      │            │   └──► PENDING_ERROR ──► ERROR
//      ▼            ▼               ▼
//   PENDING_SHUTDOWN ◄──────────────┘
//      ▼
//   NOT_RUNNING
import { IllegalStateError } from './errors';

export const KafkaStreamsState = {
  CREATED: 'CREATED',
  REBALANCING: 'REBALANCING',
  RUNNING: 'RUNNING',
  PENDING_SHUTDOWN: 'PENDING_SHUTDOWN',
  NOT_RUNNING: 'NOT_RUNNING',
  PENDING_ERROR: 'PENDING_ERROR',
  ERROR: 'ERROR',
} as const;

export type KafkaStreamsState = (typeof KafkaStreamsState)[keyof typeof KafkaStreamsState];

const TRANSITIONS: Readonly<Record<KafkaStreamsState, readonly KafkaStreamsState[]>> = {
  CREATED: ['REBALANCING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  REBALANCING: ['RUNNING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  RUNNING: ['REBALANCING', 'PENDING_SHUTDOWN', 'PENDING_ERROR'],
  PENDING_SHUTDOWN: ['NOT_RUNNING'],
  NOT_RUNNING: [],
  PENDING_ERROR: ['ERROR'],
  ERROR: [],
};

export type StateListener = (newState: KafkaStreamsState, oldState: KafkaStreamsState) => void;

export class ClientStateMachine {
  private current: KafkaStreamsState = 'CREATED';
  private readonly listeners = new Set<StateListener>();

  get state(): KafkaStreamsState {
    return this.current;
  }

  /** Whether the client is past its running life (shutting down or down). */
  isTerminating(): boolean {
    return ['PENDING_SHUTDOWN', 'NOT_RUNNING', 'PENDING_ERROR', 'ERROR'].includes(this.current);
  }

  canTransition(next: KafkaStreamsState): boolean {
    return TRANSITIONS[this.current].includes(next);
  }

  transitionTo(next: KafkaStreamsState): void {
    if (next === this.current) return;
    if (!this.canTransition(next)) {
      throw new IllegalStateError(`KafkaStreams cannot go from ${this.current} to ${next}; this is a bug in kstreams`);
    }
    const old = this.current;
    this.current = next;
    for (const listener of this.listeners) {
      try {
        listener(next, old);
      } catch (error) {
        console.error(`kstreams: a state listener threw on ${old} → ${next}:`, error);
      }
    }
  }

  /** Moves to `next` when that is legal now; returns whether it did. */
  tryTransitionTo(next: KafkaStreamsState): boolean {
    if (next === this.current) return true;
    if (!this.canTransition(next)) return false;
    this.transitionTo(next);
    return true;
  }

  onChange(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
