import { DEFAULT_POLICY, type PolicyContent, StepKind } from '@qinglian/contracts';
import { DEFAULT_STEP_DAYS, deadlineState, dueAt, remainingHours, stepTimeLimitDays } from './deadlines';

const H = 3_600_000;
const policyWith = (over: Partial<PolicyContent>): PolicyContent => Object.assign(structuredClone(DEFAULT_POLICY), over);
const due = new Date('2026-12-10T00:00:00Z');
/** `h` hours before the due time (negative: after it) */
const before = (h: number): Date => new Date(due.getTime() - h * H);
const ms = (n: number): Date => new Date(due.getTime() + n);

describe('stepTimeLimitDays (办理时限)', () => {
  const partial = policyWith({ stepTimeLimits: [{ kind: StepKind.Review, days: 7 }] });
  it.each([
    // the step's own limit wins
    [2, StepKind.Review, DEFAULT_POLICY, 2],
    [30, StepKind.Meeting, DEFAULT_POLICY, 30],
    [1, StepKind.Submit, policyWith({ stepTimeLimits: [] }), 1],
    // else the policy's for the kind
    [null, StepKind.Submit, DEFAULT_POLICY, 3],
    [null, StepKind.Review, DEFAULT_POLICY, 3],
    [null, StepKind.Meeting, DEFAULT_POLICY, 15],
    [undefined, StepKind.Issue, DEFAULT_POLICY, 5],
    [undefined, StepKind.Report, DEFAULT_POLICY, 5],
    [null, StepKind.Review, partial, 7],
    // else five days
    [null, StepKind.Meeting, partial, DEFAULT_STEP_DAYS],
    [undefined, StepKind.Review, policyWith({ stepTimeLimits: [] }), 5],
  ] as const)('step %j, kind %s → %i days', (stepDays, kind, policy, days) => {
    expect(stepTimeLimitDays(stepDays, kind, policy)).toBe(days);
  });
});

describe('dueAt', () => {
  it.each([
    ['2026-12-01T08:00:00.000Z', 3, '2026-12-04T08:00:00.000Z'],
    ['2026-12-01T08:00:00.000Z', 0, '2026-12-01T08:00:00.000Z'],
    ['2026-12-30T23:59:59.999Z', 5, '2027-01-04T23:59:59.999Z'],
    ['2028-02-27T00:00:00.000Z', 2, '2028-02-29T00:00:00.000Z'],
    // calendar days of 24 hours, weekends included
    ['2026-12-04T09:00:00.000Z', 1, '2026-12-05T09:00:00.000Z'],
    ['2026-12-01T00:00:00.000Z', 15, '2026-12-16T00:00:00.000Z'],
  ])('%s + %i days → %s', (start, days, expected) => {
    expect(dueAt(new Date(start), days).toISOString()).toBe(expected);
  });
});

describe('deadlineState', () => {
  const never = null;
  it.each([
    // now, reminderHours, remindedAt, overdueAt, state
    ['long before', before(100), 24, never, never, 'none'],
    ['1 ms before the reminder window', ms(-24 * H - 1), 24, never, never, 'none'],
    ['exactly at the reminder time', before(24), 24, never, never, 'remind'],
    ['inside the window', before(1), 24, never, never, 'remind'],
    ['1 ms before due', ms(-1), 24, never, never, 'remind'],
    ['inside the window, reminded already', before(1), 24, before(10), never, 'none'],
    ['exactly at the due time', before(0), 24, never, never, 'overdue'],
    ['exactly at the due time, reminded already', before(0), 24, before(10), never, 'overdue'],
    ['after due, never reminded', before(-5), 24, never, never, 'overdue'],
    ['after due, marked overdue', before(-5), 24, before(10), before(-1), 'none'],
    ['after due, marked overdue, never reminded', before(-5), 24, never, before(-1), 'none'],
    ['a one-hour window, 1 ms before it', ms(-H - 1), 1, never, never, 'none'],
    ['a one-hour window, at its start', before(1), 1, never, never, 'remind'],
    ['a week-long window', before(168), 168, never, never, 'remind'],
    ['a window longer than the step, at its start', before(200), 168, never, never, 'none'],
  ] as const)('%s → %s', (_name, now, reminderHours, remindedAt, overdueAt, expected) => {
    expect(deadlineState(now, due, reminderHours, remindedAt, overdueAt)).toBe(expected);
  });
});

describe('remainingHours', () => {
  it.each([
    [before(30.5), 30],
    [before(24), 24],
    [ms(-1), 0],
    [before(0), 0],
    [ms(1), -1],
    [before(-0.5), -1],
    [before(-1), -1],
    [ms(H + 1), -2],
    [before(-48), -48],
  ])('%s → %i h', (now, hours) => {
    expect(remainingHours(now, due)).toBe(hours);
  });
});
