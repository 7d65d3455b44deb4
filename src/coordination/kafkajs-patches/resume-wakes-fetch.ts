// A resume() that ends kafkajs's "everything is paused" sleep at once.
//
// kafkajs 2.2.4's ConsumerGroup#fetch, when none of the partitions it would fetch is active
// (all paused), sleeps `maxWaitTimeInMs` and returns no batches; a `resume()` during that sleep
// does not cut it short. The task router pauses every partition whose buffer is above
// buffered.records.per.partition, so under load all of them are paused at once after a large
// fetch, and the consumer then sat up to maxWaitTimeInMs (500 ms) after the tasks had drained
// their buffers and resumed: ~30% of the pass-through benchmark's time (docs/benchmarks.md).
//
// The hook wraps ConsumerGroup#fetch: when the consumer has partitions and none is active, it runs
// kafkajs's fetch with no sleep (kafkajs still does its bookkeeping: metadata, stale assignments,
// seeks), then waits up to maxWaitTimeInMs for a resume() of the same consumer; then it fetches as
// kafkajs would (something was resumed) or returns no batches, as kafkajs's sleep does (still all
// paused; the runner heartbeats after an empty fetch as before). With any partition active, kafkajs's fetch
// runs unchanged. (A consumer of several brokers whose partitions on one broker are all paused
// while others are active keeps kafkajs's own sleep for that broker.)
import { kafkajsModulePath } from './kafkajs-location';

interface SubscriptionState {
  assigned(): { topic: string; partitions: number[] }[];
  active(): { topic: string; partitions: number[] }[];
}
interface ConsumerGroupInstance {
  maxWaitTime: number;
  subscriptionState: SubscriptionState;
  [wakers]?: Set<() => void>;
  /** The configured maxWaitTime and how many bookkeeping passes run with it set to 0 (one per broker at most). */
  [noSleep]?: { configured: number; passes: number };
}
interface ConsumerGroupPrototype {
  fetch(this: ConsumerGroupInstance, nodeId: number): Promise<unknown[]>;
  resume(this: ConsumerGroupInstance, topicPartitions: unknown): void;
  [installed]?: true;
}

// Symbol.for: a second copy of kstreams in the process shares this kafkajs and must not wrap it again
const installed = Symbol.for('kstreams.resumeWakesFetchInstalled');
const wakers = Symbol.for('kstreams.fetchWakers');
const noSleep = Symbol.for('kstreams.fetchNoSleep');

export function installResumeWakesFetch(): void {
  const ConsumerGroup = require(kafkajsModulePath('src/consumer/consumerGroup.js')) as { prototype: ConsumerGroupPrototype };
  const proto = ConsumerGroup.prototype;
  if (proto[installed]) return;
  proto[installed] = true;
  const { fetch, resume } = proto;

  proto.resume = function (this: ConsumerGroupInstance, topicPartitions: unknown) {
    resume.call(this, topicPartitions);
    const waiting = this[wakers];
    if (waiting !== undefined) for (const wake of [...waiting]) wake();
  };

  proto.fetch = async function (this: ConsumerGroupInstance, nodeId: number) {
    if (!allPaused(this)) return fetch.call(this, nodeId);
    // kafkajs's own pass first, without its sleep: its bookkeeping must go on while everything is
    // paused (metadata, stale assignments, and seeks, which admin.setOffsets commits this way)
    // (the fetches of several brokers overlap: the configured value is restored after the last pass)
    const state = (this[noSleep] ??= { configured: this.maxWaitTime, passes: 0 });
    const maxWaitTime = state.configured;
    state.passes++;
    this.maxWaitTime = 0;
    let batches: unknown[];
    try {
      batches = await fetch.call(this, nodeId);
    } finally {
      if (--state.passes === 0) this.maxWaitTime = state.configured;
    }
    if (batches.length > 0 || !allPaused(this)) return batches;
    await new Promise<void>((resolve) => {
      const waiting = (this[wakers] ??= new Set());
      const wake = (): void => {
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, maxWaitTime);
      waiting.add(wake);
    });
    return allPaused(this) ? [] : fetch.call(this, nodeId);
  };
}

/**
 * Whether partitions are assigned and every one is paused; false with nothing assigned (kafkajs's
 * fetch then does its own bookkeeping, which resolves the first offsets) and when kafkajs's state is
 * not what this hook expects (kafkajs decides then).
 */
function allPaused(group: ConsumerGroupInstance): boolean {
  try {
    const active = group.subscriptionState.active();
    const assigned = group.subscriptionState.assigned();
    return assigned.some(({ partitions }) => partitions.length > 0) && active.every(({ partitions }) => partitions.length === 0);
  } catch {
    return false;
  }
}
