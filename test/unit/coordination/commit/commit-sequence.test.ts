import { expect } from 'chai';
import { commitTask, type CommitIo, type CommittableTask, type TopicPartitionOffset } from '../../../../src/coordination/commit/commit-sequence';
import type { ProducedOffset, ProducibleRecord } from '../../../../src/coordination/producer/record-producer';

const CHANGELOG = 'app-store-changelog';

function output(topic: string, partition: number): ProducibleRecord {
  return { topic, partition, timestamp: 0, key: Buffer.from('k'), value: Buffer.from('v'), headers: [] };
}

type Step = 'flush' | 'send' | 'commitOffsets' | 'writeCheckpoint';

/**
 * A task and its Kafka side, recording every step. `failAt` makes that step reject; the state
 * fields show what a failure there leaves behind.
 */
function fakes(failAt?: Step) {
  const steps: string[] = [];
  const boom = (step: Step): Error => new Error(`${step} failed`);
  let nextOffset = 10;
  const state = {
    /** Sends of outputs made before the commit, still in flight. */
    sends: [] as Promise<readonly ProducedOffset[]>[],
    consumed: [{ topic: 'in', partition: 0, offset: 42 }] as TopicPartitionOffset[],
    committedOffsets: [] as TopicPartitionOffset[],
    checkpoint: undefined as readonly ProducedOffset[] | undefined,
    flushedRecordsSent: false,
  };
  const io: CommitIo = {
    send: async (records) => {
      steps.push(`send ${records.length}`);
      if (failAt === 'send') throw boom('send');
      state.flushedRecordsSent = true;
      return records.map((r) => ({ topic: r.topic, partition: r.partition ?? 0, offset: nextOffset++ }));
    },
    commitOffsets: async (offsets) => {
      steps.push(`commitOffsets ${offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(',')}`);
      if (failAt === 'commitOffsets') throw boom('commitOffsets');
      state.committedOffsets.push(...offsets);
    },
  };
  const task: CommittableTask = {
    taskId: '1_0',
    changelogTopics: new Set([CHANGELOG]),
    flush: async () => {
      steps.push('flush');
      if (failAt === 'flush') throw boom('flush');
      return [output(CHANGELOG, 0), output('out', 0)];
    },
    takeSends: () => {
      steps.push('takeSends');
      return state.sends.splice(0);
    },
    consumedOffsets: () => state.consumed,
    writeCheckpoint: async (offsets) => {
      steps.push(`writeCheckpoint ${offsets.map((o) => `${o.topic}-${o.partition}@${o.offset}`).join(',')}`);
      if (failAt === 'writeCheckpoint') throw boom('writeCheckpoint');
      state.checkpoint = offsets;
    },
  };
  return { task, io, steps, state };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the commit to fail');
}

describe('commitTask (the commit sequence)', () => {
  it('flushes, produces and awaits every ack, commits the input offsets, then writes the checkpoint at the last changelog offsets', async () => {
    const { task, io, steps, state } = fakes();
    state.sends.push(Promise.resolve([{ topic: CHANGELOG, partition: 0, offset: 7 }, { topic: CHANGELOG, partition: 1, offset: 3 }, { topic: 'out', partition: 0, offset: 99 }]));
    await commitTask(task, io);
    expect(steps).to.deep.equal(['flush', 'takeSends', 'send 2', 'commitOffsets in-0@42', `writeCheckpoint ${CHANGELOG}-0@10,${CHANGELOG}-1@3`]);
    expect(state.checkpoint, 'output topics are not checkpointed').to.have.length(2);
  });

  it('commits no input offset before every send of the task is acknowledged', async () => {
    const { task, io, steps, state } = fakes();
    let ack!: (offsets: readonly ProducedOffset[]) => void;
    state.sends.push(new Promise((resolve) => (ack = resolve)));
    const commit = commitTask(task, io);
    await new Promise((resolve) => setImmediate(resolve));
    expect(steps).to.deep.equal(['flush', 'takeSends', 'send 2']);
    ack([{ topic: CHANGELOG, partition: 0, offset: 20 }]);
    await commit;
    expect(steps.slice(3)).to.deep.equal(['commitOffsets in-0@42', `writeCheckpoint ${CHANGELOG}-0@20`]);
  });

  it('skips the offset commit when the task consumed nothing since the last commit (a punctuation-only commit)', async () => {
    const { task, io, steps, state } = fakes();
    state.consumed = [];
    await commitTask(task, io);
    expect(steps).to.deep.equal(['flush', 'takeSends', 'send 2', `writeCheckpoint ${CHANGELOG}-0@10`]);
  });

  describe('a failure at one step leaves what the step comments say', () => {
    it('1. flush: nothing produced, no offsets committed, LevelDB at its old checkpoint, the earlier sends still the task\'s', async () => {
      const { task, io, steps, state } = fakes('flush');
      state.sends.push(Promise.resolve([]));
      expect((await rejection(commitTask(task, io))).message).to.equal('flush failed');
      expect(steps).to.deep.equal(['flush']);
      expect(state.sends, 'left for the next commit to await').to.have.length(1);
      expect(state.committedOffsets).to.deep.equal([]);
      expect(state.checkpoint).to.equal(undefined);
    });

    it('2. produce: no input offsets committed and LevelDB at its old checkpoint (the inputs are processed again)', async () => {
      const { task, io, steps, state } = fakes('send');
      expect((await rejection(commitTask(task, io))).message).to.equal('send failed');
      expect(steps).to.deep.equal(['flush', 'takeSends', 'send 2']);
      expect(state.committedOffsets).to.deep.equal([]);
      expect(state.checkpoint).to.equal(undefined);
    });

    it('2. produce, an earlier send of the task failing: the same', async () => {
      const { task, io, steps, state } = fakes();
      state.sends.push(Promise.reject(new Error('record too large')));
      expect((await rejection(commitTask(task, io))).message).to.equal('record too large');
      expect(steps).to.deep.equal(['flush', 'takeSends', 'send 2']);
      expect(state.committedOffsets).to.deep.equal([]);
      expect(state.checkpoint).to.equal(undefined);
    });

    it('3. offset commit: the outputs and changelog records are in Kafka, LevelDB at its old checkpoint, the consumed offsets kept for the next commit', async () => {
      const { task, io, steps, state } = fakes('commitOffsets');
      expect((await rejection(commitTask(task, io))).message).to.equal('commitOffsets failed');
      expect(state.flushedRecordsSent).to.equal(true);
      expect(steps.at(-1)).to.equal('commitOffsets in-0@42');
      expect(state.checkpoint).to.equal(undefined);
      expect(task.consumedOffsets()).to.deep.equal([{ topic: 'in', partition: 0, offset: 42 }]);
    });

    it('4. checkpoint: the input offsets are committed and LevelDB keeps its old checkpoint (restore replays the changelog tail)', async () => {
      const { task, io, state } = fakes('writeCheckpoint');
      expect((await rejection(commitTask(task, io))).message).to.equal('writeCheckpoint failed');
      expect(state.committedOffsets).to.deep.equal([{ topic: 'in', partition: 0, offset: 42 }]);
      expect(state.checkpoint).to.equal(undefined);
    });
  });
});
