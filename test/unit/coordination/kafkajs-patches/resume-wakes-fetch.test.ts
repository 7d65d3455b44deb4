import { expect } from 'chai';
import '../../../../src/coordination/kafkajs-patches';
import { kafkajsModulePath } from '../../../../src/coordination/kafkajs-patches/kafkajs-location';

interface SubscriptionState {
  assign(topicPartitions: { topic: string; partitions: number[] }[]): void;
  pause(topicPartitions: { topic: string; partitions?: number[] }[]): void;
}
interface ConsumerGroupProto {
  fetch(nodeId: number): Promise<unknown[]>;
  resume(topicPartitions: { topic: string; partitions?: number[] }[]): void;
}

const ConsumerGroup = require(kafkajsModulePath('src/consumer/consumerGroup.js')) as { prototype: ConsumerGroupProto };
const SubscriptionStateClass = require(kafkajsModulePath('src/consumer/subscriptionState.js')) as new () => SubscriptionState;

/**
 * A kafkajs ConsumerGroup (its real fetch, resume and subscription state) over a fake cluster whose
 * metadata refresh — the first step of kafkajs's own fetch — records the call and fails, which
 * kafkajs's fetch hands to recoverFromFetch (faked here too) and then returns no batches.
 */
function consumerGroup(maxWaitTime: number) {
  const fetchedAt: number[] = [];
  const subscriptionState = new SubscriptionStateClass();
  subscriptionState.assign([{ topic: 't', partitions: [0, 1] }]);
  const group = Object.assign(Object.create(ConsumerGroup.prototype) as ConsumerGroupProto, {
    maxWaitTime,
    subscriptionState,
    logger: { info: () => undefined, debug: () => undefined },
    cluster: {
      refreshMetadataIfNecessary: async () => {
        fetchedAt.push(Date.now());
        throw new Error('fake cluster: no fetch');
      },
    },
    recoverFromFetch: async () => undefined,
  });
  return { group, subscriptionState, fetchedAt };
}

/** Whether `promise` is still pending once the event loop has run what is ready now. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}

describe('resume() wakes kafkajs from its all-paused fetch sleep', () => {
  it("runs kafkajs's fetch again as soon as a partition is resumed, not after maxWaitTime", async () => {
    const { group, subscriptionState, fetchedAt } = consumerGroup(60_000);
    subscriptionState.pause([{ topic: 't', partitions: [0, 1] }]);
    const fetching = group.fetch(1);
    expect(await pending(fetching), 'waiting while every partition is paused').to.equal(true);
    expect(fetchedAt, "kafkajs's own pass (its bookkeeping: metadata, seeks) ran once, without its sleep").to.have.length(1);
    group.resume([{ topic: 't', partitions: [1] }]);
    // a 60 s sleep would outlast the test's timeout
    expect(await fetching).to.deep.equal([]);
    expect(fetchedAt).to.have.length(2);
  });

  it('returns no batches after maxWaitTime without fetching again when everything stays paused, as kafkajs sleeps', async () => {
    const { group, subscriptionState, fetchedAt } = consumerGroup(50);
    subscriptionState.pause([{ topic: 't' }]);
    const fetching = group.fetch(1);
    expect(await pending(fetching), 'waiting for maxWaitTime').to.equal(true);
    expect(await fetching).to.deep.equal([]);
    expect(fetchedAt, "only kafkajs's bookkeeping pass").to.have.length(1);
  });

  it("leaves kafkajs's fetch alone while any partition is active, or none is assigned", async () => {
    const { group, subscriptionState, fetchedAt } = consumerGroup(60_000);
    subscriptionState.pause([{ topic: 't', partitions: [0] }]);
    await group.fetch(1);
    expect(fetchedAt).to.have.length(1);
    subscriptionState.assign([]);
    await group.fetch(1);
    expect(fetchedAt).to.have.length(2);
  });

  it('wakes only the consumer that was resumed', async () => {
    const a = consumerGroup(60_000);
    const b = consumerGroup(1000);
    a.subscriptionState.pause([{ topic: 't' }]);
    b.subscriptionState.pause([{ topic: 't' }]);
    const fetchingA = a.group.fetch(1);
    const fetchingB = b.group.fetch(1);
    expect(await pending(fetchingA)).to.equal(true);
    a.group.resume([{ topic: 't' }]);
    await fetchingA;
    expect(a.fetchedAt).to.have.length(2);
    expect(await pending(fetchingB), 'b still waits').to.equal(true);
    expect(await fetchingB).to.deep.equal([]);
    expect(b.fetchedAt).to.have.length(1);
  });

  it("restores kafkajs's maxWaitTime after overlapping fetches of several brokers", async () => {
    const { group, subscriptionState } = consumerGroup(80);
    subscriptionState.pause([{ topic: 't' }]);
    const fetches = [group.fetch(1), group.fetch(2), group.fetch(3)];
    expect(await pending(Promise.all(fetches))).to.equal(true);
    await Promise.all(fetches);
    expect((group as unknown as { maxWaitTime: number }).maxWaitTime).to.equal(80);
    // and a later pass still waits the configured time rather than none
    const later = group.fetch(1);
    expect(await pending(later)).to.equal(true);
    await later;
  });
});
