import { DEFAULT_POLICY, MatterType, MeetingBody, type PolicyContent } from '@qinglian/contracts';
import { requiredBodies, requiresMeeting, typeRule } from './requires-meeting';

const policyWith = (over: Partial<PolicyContent>): PolicyContent => Object.assign(structuredClone(DEFAULT_POLICY), over);
/** A tenant's own policy: every type thresholded, large funds from 0. */
const custom = policyWith({
  matterTypes: [
    { type: MatterType.MajorDecision, thresholdAmount: 10_000_000, bodies: [MeetingBody.Board] },
    { type: MatterType.Personnel, thresholdAmount: null, bodies: [MeetingBody.PartyCommittee, MeetingBody.CommissionAffairs] },
    { type: MatterType.MajorProject, thresholdAmount: 2_000_000.5, bodies: [MeetingBody.GeneralManagerOffice] },
    { type: MatterType.LargeFunds, thresholdAmount: 0, bodies: [MeetingBody.PartyCommittee, MeetingBody.GeneralManagerOffice] },
  ],
});

describe('typeRule', () => {
  it.each(Object.values(MatterType))('finds the rule for %s', (type) => {
    expect(typeRule(type, DEFAULT_POLICY)).toBe(DEFAULT_POLICY.matterTypes.find((t) => t.type === type));
  });

  it.each(Object.values(MatterType))('fails loudly on a policy without %s', (type) => {
    expect(() => typeRule(type, policyWith({ matterTypes: DEFAULT_POLICY.matterTypes.filter((t) => t.type !== type) }))).toThrow(type);
  });
});

describe('requiresMeeting and requiredBodies (“三重一大”)', () => {
  const PC = MeetingBody.PartyCommittee;
  const B = MeetingBody.Board;
  const GM = MeetingBody.GeneralManagerOffice;
  it.each([
    // 一般事项 never, whatever the amount
    ['一般事项', DEFAULT_POLICY, null, null, []],
    ['一般事项 of 50 million', DEFAULT_POLICY, null, 50_000_000, []],
    ['一般事项 of 0', DEFAULT_POLICY, null, 0, []],
    // no threshold: always
    ['重大问题决策 without an amount', DEFAULT_POLICY, MatterType.MajorDecision, null, [PC, B]],
    ['重大问题决策 of 0', DEFAULT_POLICY, MatterType.MajorDecision, 0, [PC, B]],
    ['重要人事任免', DEFAULT_POLICY, MatterType.Personnel, null, [PC]],
    ['重要人事任免 with an amount', DEFAULT_POLICY, MatterType.Personnel, 1, [PC]],
    // thresholds, inclusive
    ['大额资金 one cent under 1 million', DEFAULT_POLICY, MatterType.LargeFunds, 999_999.99, []],
    ['大额资金 at 1 million', DEFAULT_POLICY, MatterType.LargeFunds, 1_000_000, [PC]],
    ['大额资金 over 1 million', DEFAULT_POLICY, MatterType.LargeFunds, 3_200_000, [PC]],
    ['大额资金 without an amount', DEFAULT_POLICY, MatterType.LargeFunds, null, []],
    ['大额资金 of 0', DEFAULT_POLICY, MatterType.LargeFunds, 0, []],
    ['重大项目 one yuan under 5 million', DEFAULT_POLICY, MatterType.MajorProject, 4_999_999, [] ],
    ['重大项目 at 5 million', DEFAULT_POLICY, MatterType.MajorProject, 5_000_000, [PC, B]],
    ['重大项目 without an amount', DEFAULT_POLICY, MatterType.MajorProject, null, []],
    // a tenant's own policy
    ['custom 重大问题决策 under 10 million', custom, MatterType.MajorDecision, 9_999_999.99, []],
    ['custom 重大问题决策 at 10 million', custom, MatterType.MajorDecision, 10_000_000, [B]],
    ['custom 重要人事任免', custom, MatterType.Personnel, null, [PC, MeetingBody.CommissionAffairs]],
    ['custom 重大项目 just under a threshold with cents', custom, MatterType.MajorProject, 2_000_000.49, []],
    ['custom 重大项目 at a threshold with cents', custom, MatterType.MajorProject, 2_000_000.5, [GM]],
    ['custom 大额资金 at a threshold of 0', custom, MatterType.LargeFunds, 0, [PC, GM]],
    ['custom 大额资金 without an amount (threshold 0)', custom, MatterType.LargeFunds, null, []],
  ] as const)('%s → %j', (_name, policy, type, amount, bodies) => {
    expect(requiresMeeting(type, amount, policy)).toBe(bodies.length > 0);
    expect(requiredBodies(type, amount, policy)).toEqual(bodies);
  });

  it('hands out a copy of the bodies, not the policy’s own array', () => {
    const bodies = requiredBodies(MatterType.MajorProject, 6_000_000, DEFAULT_POLICY);
    bodies.push(MeetingBody.GeneralManagerOffice);
    expect(requiredBodies(MatterType.MajorProject, 6_000_000, DEFAULT_POLICY)).toEqual([PC, B]);
  });

  it('fails loudly when the policy lacks the type, but not for 一般事项', () => {
    const empty = policyWith({ matterTypes: [] });
    expect(() => requiresMeeting(MatterType.LargeFunds, 1, empty)).toThrow(/largeFunds/);
    expect(() => requiredBodies(MatterType.Personnel, null, empty)).toThrow(/personnel/);
    expect(requiresMeeting(null, 1, empty)).toBe(false);
    expect(requiredBodies(null, 1, empty)).toEqual([]);
  });
});
