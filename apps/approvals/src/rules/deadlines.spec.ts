import { DEFAULT_POLICY, MatterType, type PolicyContent, StepKind } from '@qinglian/contracts';
import { deadlineState, dueAt, remainingHours, stepTimeLimitDays } from './deadlines';
import { nextStep, returnRefusal } from './flow-moves';
import { requiredBodies, requiresMeeting, typeRule } from './requires-meeting';

const H = 3_600_000;
const policyWith = (over: Partial<PolicyContent>): PolicyContent => Object.assign(structuredClone(DEFAULT_POLICY), over);
const due = new Date('2026-12-10T00:00:00Z');
const at = (hoursBeforeDue: number) => new Date(due.getTime() - hoursBeforeDue * H);

describe('step time limits', () => {
  it('takes the step’s own limit, else the policy’s for the kind, else five days', () => {
    expect(stepTimeLimitDays(2, StepKind.Review, DEFAULT_POLICY)).toBe(2);
    expect(stepTimeLimitDays(null, StepKind.Meeting, DEFAULT_POLICY)).toBe(15);
    expect(stepTimeLimitDays(undefined, StepKind.Review, policyWith({ stepTimeLimits: [] }))).toBe(5);
  });

  it('counts calendar days', () => {
    expect(dueAt(new Date('2026-12-01T08:00:00Z'), 3).toISOString()).toBe('2026-12-04T08:00:00.000Z');
  });

  it.each([
    [25, null, null, 'none'],
    [24, null, null, 'remind'],
    [1, null, null, 'remind'],
    [1, at(10), null, 'none'],
    [0, at(10), null, 'overdue'],
    [0, null, null, 'overdue'],
    [-5, at(10), at(1), 'none'],
  ] as const)('%i h before the due time, reminded %j, overdue %j → %s', (before, reminded, overdue, state) => {
    expect(deadlineState(at(before), due, 24, reminded, overdue)).toBe(state);
  });

  it('answers the hours left, negative when late', () => {
    expect(remainingHours(at(30.5), due)).toBe(30);
    expect(remainingHours(at(-0.5), due)).toBe(-1);
  });
});

describe('flow moves', () => {
  it('returns only to an earlier step', () => {
    expect(returnRefusal(3, 1)).toBeNull();
    expect(returnRefusal(3, 2)).toBeNull();
    expect(returnRefusal(3, 3)).toMatch(/toStep/);
    expect(returnRefusal(3, 0)).toMatch(/toStep/);
    expect(returnRefusal(3, undefined)).toMatch(/toStep/);
    expect(returnRefusal(3, 1.5)).toMatch(/toStep/);
  });

  it('moves to the next step until the last', () => {
    expect(nextStep(1, 5)).toBe(2);
    expect(nextStep(5, 5)).toBeNull();
  });
});

describe('which matters need a meeting (“三重一大”)', () => {
  it.each([
    [null, 50_000_000, false],
    [MatterType.LargeFunds, 999_999.99, false],
    [MatterType.LargeFunds, 1_000_000, true],
    [MatterType.LargeFunds, null, false],
    [MatterType.MajorProject, 4_999_999, false],
    [MatterType.MajorProject, 5_000_000, true],
    [MatterType.Personnel, null, true],
    [MatterType.MajorDecision, 0, true],
  ] as const)('%s of %j → %s', (type, amount, needed) => {
    expect(requiresMeeting(type, amount, DEFAULT_POLICY)).toBe(needed);
    expect(requiredBodies(type, amount, DEFAULT_POLICY).length > 0).toBe(needed);
  });

  it('names the bodies in turn, and fails loudly on a policy without the type', () => {
    expect(requiredBodies(MatterType.MajorProject, 6_000_000, DEFAULT_POLICY)).toEqual(['party-committee', 'board']);
    expect(() => typeRule(MatterType.LargeFunds, policyWith({ matterTypes: [] }))).toThrow(/largeFunds/);
  });
});
