import { DecisionResult, MajorityBase, Position } from '@qinglian/contracts';
import { decide, tally } from './majority';

const A = Position.Agree;
const D = Position.Disagree;
const F = Position.Defer;
const X = Position.Abstain;
const allMembers = { base: MajorityBase.AllMembers, fraction: 0.5, strict: true };
const present = { base: MajorityBase.Present, fraction: 0.5, strict: true };

describe('tally', () => {
  it('counts each position', () => {
    expect(tally([A, A, D, F, X, X])).toEqual({ agree: 2, disagree: 1, defer: 1, abstain: 2 });
    expect(tally([])).toEqual({ agree: 0, disagree: 0, defer: 0, abstain: 0 });
  });
});

describe('decide', () => {
  it.each([
    // members, present, recused, positions, rule, result, base, required
    [7, 7, 0, [A, A, A, A, D, D, D], allMembers, DecisionResult.Passed, 7, 4],
    [7, 7, 0, [A, A, A, D, D, D, X], allMembers, DecisionResult.Rejected, 7, 4],
    // the demo meeting: 7 members, 6 present, 1 recused: base 6, more than half is 4
    [7, 6, 1, [A, A, A, D, A], allMembers, DecisionResult.Passed, 6, 4],
    [7, 6, 1, [A, A, A, D, X], allMembers, DecisionResult.Rejected, 6, 4],
    // absent members count in the base of all members, not in the base of those present
    [9, 5, 0, [A, A, A, D, D], allMembers, DecisionResult.Rejected, 9, 5],
    [9, 5, 0, [A, A, A, D, D], present, DecisionResult.Passed, 5, 3],
    // an even split is not “more than half”
    [8, 8, 0, [A, A, A, A, D, D, D, D], allMembers, DecisionResult.Rejected, 8, 5],
    [8, 8, 0, [A, A, A, A, D, D, D, D], { ...allMembers, strict: false }, DecisionResult.Passed, 8, 4],
    // not passed: 缓议 when defer ≥ disagree (and there is one), else 未通过
    [5, 5, 0, [A, A, F, F, D], allMembers, DecisionResult.Deferred, 5, 3],
    [5, 5, 0, [A, A, F, D, D], allMembers, DecisionResult.Rejected, 5, 3],
    [5, 5, 0, [A, X, X, X, X], allMembers, DecisionResult.Rejected, 5, 3],
    [5, 5, 0, [X, X, X, X, X], allMembers, DecisionResult.Rejected, 5, 3],
    [3, 3, 0, [F, F, F], allMembers, DecisionResult.Deferred, 3, 2],
  ] as const)('%i members, %i present, %i recused, %j → %s', (members, presentCount, recused, positions, rule, result, base, required) => {
    const out = decide({ members, present: presentCount, recused, positions }, rule);
    expect(out).toMatchObject({ result, base, required });
    expect(out.agree + out.disagree + out.defer + out.abstain).toBe(positions.length);
  });

  it('passes nothing when everyone is recused', () => {
    expect(decide({ members: 2, present: 2, recused: 2, positions: [] }, allMembers)).toMatchObject({ result: DecisionResult.Rejected, base: 0 });
  });

  it('refuses more positions than present, non-recused members', () => {
    expect(() => decide({ members: 5, present: 3, recused: 1, positions: [A, A, A] }, allMembers)).toThrow(RangeError);
  });
});
