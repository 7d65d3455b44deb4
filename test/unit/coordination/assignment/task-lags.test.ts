import { expect } from 'chai';
import { computeTaskLags, isCaughtUp, lagRank, LATEST_OFFSET, sumEndOffsets, UNKNOWN_LAG } from '../../../../src/coordination/assignment/task-lags';
import type { TaskDefinition } from '../../../../src/coordination/assignment/topology-tasks';

const task = (id: string, changelogs: string[]): TaskDefinition => ({
  id,
  subtopology: Number(id.split('_')[0]),
  partition: Number(id.split('_')[1]),
  stateful: changelogs.length > 0,
  inputPartitions: [],
  changelogPartitions: changelogs.map((topic) => ({ topic, partition: Number(id.split('_')[1]) })),
});

describe('task lags', () => {
  it('sums the end offsets of each stateful task\'s changelog partitions, leaving out tasks with an unknown end offset', () => {
    const ends = new Map([
      ['a-changelog:0', 100],
      ['b-changelog:0', 20],
      ['a-changelog:1', 5],
    ]);
    const sums = sumEndOffsets([task('0_0', ['a-changelog', 'b-changelog']), task('0_1', ['a-changelog', 'b-changelog']), task('1_0', [])], (t, p) =>
      ends.get(`${t}:${p}`),
    );
    expect([...sums]).to.deep.equal([['0_0', 120]]);
  });

  it('computes lags as Java does: no state lags by the whole sum, running tasks stay LATEST_OFFSET, a checkpoint past the end lags by the whole sum', () => {
    const lags = computeTaskLags(
      ['0_0', '0_1', '0_2', '0_3', '0_4'],
      new Map([
        ['0_0', 90],
        ['0_1', LATEST_OFFSET],
        ['0_2', 500],
      ]),
      new Map([
        ['0_0', 100],
        ['0_1', 100],
        ['0_2', 100],
        ['0_3', 100],
      ]),
    );
    expect(Object.fromEntries(lags)).to.deep.equal({ '0_0': 10, '0_1': LATEST_OFFSET, '0_2': 100, '0_3': 100, '0_4': UNKNOWN_LAG });
  });

  it('counts a lag as caught up within acceptable.recovery.lag, a running task always, an unknown lag never (unless the bound is unbounded)', () => {
    expect(isCaughtUp(10, 10)).to.equal(true);
    expect(isCaughtUp(11, 10)).to.equal(false);
    expect(isCaughtUp(LATEST_OFFSET, 0)).to.equal(true);
    expect(isCaughtUp(UNKNOWN_LAG, 10)).to.equal(false);
    expect(isCaughtUp(undefined, 10)).to.equal(false);
    expect(isCaughtUp(UNKNOWN_LAG, Number.MAX_SAFE_INTEGER)).to.equal(true);
  });

  it('ranks running first, then by lag, unknown last', () => {
    expect([UNKNOWN_LAG, 5, LATEST_OFFSET, 0].map(lagRank).sort((a, b) => a - b)).to.deep.equal([-1, 0, 5, Number.POSITIVE_INFINITY]);
  });
});
