import { expect } from 'chai';
import { balancedQuotas, isCapacityBalanced, moveEvensLoad } from '../../../../src/coordination/assignment/capacity-balance';
import { distributeOverSlots } from '../../../../src/coordination/assignment/member-distribution';

describe('capacity balance', () => {
  it('calls equal-capacity holders balanced when their counts differ by at most one', () => {
    expect(isCapacityBalanced([{ count: 3, capacity: 1 }, { count: 2, capacity: 1 }])).to.equal(true);
    expect(isCapacityBalanced([{ count: 3, capacity: 1 }, { count: 1, capacity: 1 }])).to.equal(false);
    expect(moveEvensLoad(0, 1, 0, 1)).to.equal(false);
  });

  it('weighs counts by capacity', () => {
    expect(isCapacityBalanced([{ count: 1, capacity: 1 }, { count: 2, capacity: 2 }])).to.equal(true);
    expect(isCapacityBalanced([{ count: 2, capacity: 1 }, { count: 1, capacity: 2 }])).to.equal(false);
    expect(isCapacityBalanced([{ count: 0, capacity: 1 }, { count: 3, capacity: 2 }])).to.equal(false);
  });

  it('splits tasks into balanced quotas by capacity', () => {
    expect(balancedQuotas(12, [1, 2, 3])).to.deep.equal([2, 4, 6]);
    expect(balancedQuotas(4, [1, 1, 1])).to.deep.equal([2, 1, 1]);
    // ties go to the holder with fewer tasks already
    expect(balancedQuotas(1, [1, 1], [1, 0])).to.deep.equal([0, 1]);
  });
});

describe('distribution over members', () => {
  it('keeps a task with the member that had it while its share allows, and spreads the rest by weight', () => {
    const slots = [
      { id: 'm1', weight: 1, previous: new Set(['0_0', '0_1', '0_2']) },
      { id: 'm2', weight: 1, previous: new Set<string>() },
    ];
    const [active] = distributeOverSlots(slots, [['0_0', '0_1', '0_2', '0_3']]);
    expect(active).to.deep.equal([['0_0', '0_1'], ['0_2', '0_3']]);
  });

  it('balances later groups on top of the earlier ones', () => {
    const slots = [
      { id: 'm1', weight: 1, previous: new Set<string>() },
      { id: 'm2', weight: 1, previous: new Set<string>() },
    ];
    const [active, standby] = distributeOverSlots(slots, [['a', 'b', 'c'], ['x']]);
    expect(active).to.deep.equal([['a', 'c'], ['b']]);
    expect(standby).to.deep.equal([[], ['x']]);
  });
});
