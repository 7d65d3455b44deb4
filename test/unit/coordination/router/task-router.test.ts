import { expect } from 'chai';
import { TaskRouter, type RoutedRecord, type TaskRouterOptions, type TopicPartitionRef } from '../../../../src/coordination/router/task-router';

const A: TopicPartitionRef = { topic: 'a', partition: 0 };
const B: TopicPartitionRef = { topic: 'b', partition: 0 };

function record(ref: TopicPartitionRef, offset: number, timestamp: number): RoutedRecord {
  return { topic: ref.topic, partition: ref.partition, offset, timestamp, key: null, value: Buffer.from(`${ref.topic}${offset}`), headers: [] };
}

/** A router over task 0_0 reading `a` and `b`, with a clock the test moves and a log of pauses and resumes. */
function router(options: Partial<TaskRouterOptions> = {}) {
  let now = 1_000;
  const flow: string[] = [];
  const r = new TaskRouter({
    maxBufferedPerPartition: 100,
    maxBatchRecords: 100,
    maxTaskIdleMs: 0,
    pause: (ps) => flow.push(...ps.map((p) => `pause ${p.topic}`)),
    resume: (ps) => flow.push(...ps.map((p) => `resume ${p.topic}`)),
    nowMs: () => now,
    ...options,
  });
  r.setAssignment(new Map([['0_0', [A, B]]]));
  return { r, flow, advance: (ms: number) => (now += ms) };
}

const names = (records: readonly RoutedRecord[]): string[] => records.map((x) => x.value!.toString());

describe('TaskRouter', () => {
  describe('merging a task\'s partitions', () => {
    it('hands out the records of several partitions by timestamp, each partition in offset order', () => {
      const { r } = router({ maxTaskIdleMs: -1 });
      r.add('a', 0, [record(A, 0, 10), record(A, 1, 30), record(A, 2, 50)], null);
      r.add('b', 0, [record(B, 0, 20), record(B, 1, 40), record(B, 2, 60)], null);
      expect(names(r.take('0_0'))).to.deep.equal(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    });

    it('breaks timestamp ties in favour of the partition listed first', () => {
      const { r } = router({ maxTaskIdleMs: -1 });
      r.add('b', 0, [record(B, 0, 10)], null);
      r.add('a', 0, [record(A, 0, 10)], null);
      expect(names(r.take('0_0'))).to.deep.equal(['a0', 'b0']);
    });

    it('stops a batch when a partition that had records runs empty, so the merge waits for it again', () => {
      const { r } = router();
      r.add('a', 0, [record(A, 0, 10), record(A, 1, 20), record(A, 2, 30)], null);
      r.add('b', 0, [record(B, 0, 15)], null);
      expect(names(r.take('0_0'))).to.deep.equal(['a0', 'b0']);
      expect(r.bufferedCount('0_0')).to.equal(2);
    });

    it('drops records below a partition\'s position (a fetch from before a seek)', () => {
      const { r } = router({ maxTaskIdleMs: -1 });
      r.setAssignment(new Map([['0_0', [A, B]]]), new Map([['a\u00000', 2]]));
      expect(r.add('a', 0, [record(A, 0, 1), record(A, 1, 2)], null)).to.equal(undefined);
      expect(r.add('a', 0, [record(A, 1, 2), record(A, 2, 3)], null)).to.equal('0_0');
      expect(names(r.take('0_0'))).to.deep.equal(['a2']);
    });

    it('hands a single-partition task its records in offset order, at most maxBatchRecords at a time', () => {
      const r = new TaskRouter({ maxBufferedPerPartition: 100, maxBatchRecords: 2, maxTaskIdleMs: 0, pause: () => undefined, resume: () => undefined });
      r.setAssignment(new Map([['1_0', [A]]]));
      r.add('a', 0, [record(A, 0, 30), record(A, 1, 10), record(A, 2, 20)], null);
      expect(names(r.take('1_0'))).to.deep.equal(['a0', 'a1']);
      expect(names(r.take('1_0'))).to.deep.equal(['a2']);
    });
  });

  describe('max.task.idle.ms', () => {
    it('with n > 0 waits up to n ms for an empty partition, then hands out what it has', () => {
      const { r, advance } = router({ maxTaskIdleMs: 500 });
      r.add('a', 0, [record(A, 0, 10)], null);
      expect(r.readiness('0_0')).to.deep.equal({ ready: false, retryInMs: 500 });
      advance(300);
      expect(r.readiness('0_0')).to.deep.equal({ ready: false, retryInMs: 200 });
      advance(200);
      expect(r.readiness('0_0')).to.deep.equal({ ready: true });
      expect(names(r.take('0_0'))).to.deep.equal(['a0']);
    });

    it('starts the wait again once every partition had records', () => {
      const { r, advance } = router({ maxTaskIdleMs: 500 });
      r.add('a', 0, [record(A, 0, 10)], null);
      r.readiness('0_0');
      advance(400);
      r.add('b', 0, [record(B, 0, 20)], null);
      expect(r.readiness('0_0')).to.deep.equal({ ready: true });
      expect(names(r.take('0_0'))).to.deep.equal(['a0']);
      r.add('b', 0, [record(B, 1, 30)], null);
      r.take('0_0');
      r.add('b', 0, [record(B, 2, 40)], null);
      expect(r.readiness('0_0')).to.deep.equal({ ready: false, retryInMs: 500 });
    });

    it('with 0 does not wait, unless the broker holds records of the empty partition not fetched yet', () => {
      const { r } = router({ maxTaskIdleMs: 0 });
      r.add('a', 0, [record(A, 0, 10)], null);
      expect(r.readiness('0_0')).to.deep.equal({ ready: true });
      // b was fetched up to offset 1, and its high watermark says offsets 1..4 exist
      r.add('b', 0, [record(B, 0, 5)], 5);
      r.take('0_0');
      r.add('a', 0, [record(A, 1, 20)], null);
      expect(r.readiness('0_0')).to.deep.equal({ ready: false, retryInMs: null });
      r.add('b', 0, [record(B, 1, 25)], 5);
      expect(r.readiness('0_0')).to.deep.equal({ ready: true });
    });

    it('with -1 never waits for an empty partition', () => {
      const { r } = router({ maxTaskIdleMs: -1 });
      r.add('b', 0, [record(B, 0, 5)], 5);
      r.take('0_0');
      r.add('a', 0, [record(A, 0, 10)], null);
      expect(r.readiness('0_0')).to.deep.equal({ ready: true });
    });

    it('is not ready, with nothing to wait for, when no partition has records', () => {
      const { r } = router({ maxTaskIdleMs: 500 });
      expect(r.readiness('0_0')).to.deep.equal({ ready: false, retryInMs: null });
    });
  });

  describe('back-pressure', () => {
    it('pauses a partition above the bound and resumes it once its buffer is at half the bound or below', () => {
      const { r, flow } = router({ maxBufferedPerPartition: 4, maxBatchRecords: 1, maxTaskIdleMs: -1 });
      r.add('a', 0, [0, 1, 2, 3].map((o) => record(A, o, o)), null);
      expect(flow).to.deep.equal([]);
      r.add('a', 0, [record(A, 4, 4)], null);
      expect(flow).to.deep.equal(['pause a']);
      r.add('a', 0, [record(A, 5, 5)], null);
      expect(flow, 'paused once').to.deep.equal(['pause a']);
      r.take('0_0');
      r.take('0_0');
      r.take('0_0');
      expect(flow, 'three buffered: still above half').to.deep.equal(['pause a']);
      r.take('0_0');
      expect(flow).to.deep.equal(['pause a', 'resume a']);
    });

    it('forgets a pause when the buffers are cleared (the consumer resumes every assigned partition after a rejoin)', () => {
      const { r, flow } = router({ maxBufferedPerPartition: 1, maxTaskIdleMs: -1 });
      r.add('a', 0, [record(A, 0, 0), record(A, 1, 1)], null);
      r.clear();
      r.add('a', 0, [record(A, 0, 0), record(A, 1, 1)], null);
      expect(flow).to.deep.equal(['pause a', 'pause a']);
    });
  });

  it('clears one task\'s buffers without dropping another task\'s fetched records', () => {
    const { r } = router({ maxTaskIdleMs: -1 });
    const C: TopicPartitionRef = { topic: 'c', partition: 0 };
    r.setAssignment(new Map([['0_0', [A, B]], ['1_0', [C]]]));
    r.add('a', 0, [record(A, 0, 1)], null);
    r.add('c', 0, [record(C, 0, 1), record(C, 1, 2)], null);
    r.clearTask('0_0', new Map([['a\u00000', 0]]));
    expect(r.bufferedCount('0_0')).to.equal(0);
    expect(names(r.take('1_0'))).to.deep.equal(['c0', 'c1']);
    r.add('a', 0, [record(A, 0, 1)], null);
    expect(names(r.take('0_0')), 'position reset to the given offset').to.deep.equal(['a0']);
  });
});
