import { fromPercent, meetingBodiesFor, policyBody, policyFormValues, requiredCount, toPercent } from './policy-form';
import type { PolicyContent } from './types';

const DEFAULT: PolicyContent = {
  matterTypes: [
    { type: 'majorDecision', thresholdAmount: null, bodies: ['party-committee', 'board'] },
    { type: 'personnel', thresholdAmount: null, bodies: ['party-committee'] },
    { type: 'majorProject', thresholdAmount: 5_000_000, bodies: ['party-committee', 'board'] },
    { type: 'largeFunds', thresholdAmount: 1_000_000, bodies: ['party-committee', 'general-manager-office'] },
  ],
  quorum: { fraction: 0.5, strict: true },
  majority: { base: 'all-members', fraction: 0.5, strict: true },
  stepTimeLimits: [
    { kind: 'submit', days: 3 },
    { kind: 'meeting', days: 15 },
  ],
  reminderHours: 24,
  splittingWindowDays: 90,
};

describe('policy form', () => {
  it('round-trips the policy through the form', () => {
    const values = policyFormValues(DEFAULT);
    expect(values.quorumPercent).toBe(50);
    expect(values.majorityBase).toBe('all-members');
    expect(policyBody(values)).toEqual(DEFAULT);
  });

  it('turns an empty threshold into null (always) and percents into fractions', () => {
    const values = policyFormValues(DEFAULT);
    const body = policyBody({ ...values, matterTypes: values.matterTypes.map((t) => ({ ...t, thresholdAmount: undefined })), quorumPercent: 66.67 });
    expect(body.matterTypes.every((t) => t.thresholdAmount === null)).toBe(true);
    expect(body.quorum.fraction).toBe(0.6667);
    expect(toPercent(0.6667)).toBe(66.67);
    expect(fromPercent(50)).toBe(0.5);
  });

  it('tells which bodies must decide a matter of a type and amount', () => {
    expect(meetingBodiesFor(DEFAULT, 'largeFunds', 3_200_000)).toEqual(['party-committee', 'general-manager-office']);
    expect(meetingBodiesFor(DEFAULT, 'largeFunds', 1_000_000)).toEqual(['party-committee', 'general-manager-office']);
    expect(meetingBodiesFor(DEFAULT, 'largeFunds', 999_999.99)).toBeNull();
    expect(meetingBodiesFor(DEFAULT, 'largeFunds', null)).toBeNull();
    expect(meetingBodiesFor(DEFAULT, 'personnel', null)).toEqual(['party-committee']);
    expect(meetingBodiesFor(DEFAULT, null, 9e9)).toBeNull();
    expect(meetingBodiesFor(undefined, 'personnel', null)).toBeNull();
  });

  it('counts the members a rule asks for', () => {
    expect(requiredCount(7, { fraction: 0.5, strict: true })).toBe(4);
    expect(requiredCount(8, { fraction: 0.5, strict: true })).toBe(5);
    expect(requiredCount(8, { fraction: 0.5, strict: false })).toBe(4);
    expect(requiredCount(9, { fraction: 2 / 3, strict: false })).toBe(6);
  });
});
