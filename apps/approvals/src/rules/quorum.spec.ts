import { DEFAULT_POLICY, type FractionRule } from '@qinglian/contracts';
import { quorumMet, requiredCount } from './quorum';

/**
 * Reference by counting, in exact rationals num/den: walk n = 0, 1, 2… and stop at the first n whose
 * share of the base satisfies the rule (n/base > num/den strictly, or ≥), cross-multiplied.
 */
function reference(base: number, num: number, den: number, strict: boolean): number {
  let n = 0;
  while (strict ? n * den <= num * base : n * den < num * base) n++;
  return n;
}

const MEMBERS = Array.from({ length: 15 }, (_, i) => i + 1);

describe('requiredCount', () => {
  // name, fraction as a policy or code holds it, exact ratio the reference counts with
  const fractions: [string, number, number, number][] = [
    ['1/2', 0.5, 1, 2],
    ['2/3', 2 / 3, 2, 3],
    ['0.6667 (66.67%, as the policy form writes it)', 0.6667, 6667, 10_000],
    ['1/3', 1 / 3, 1, 3],
    ['3/4', 0.75, 3, 4],
    ['0.7', 0.7, 7, 10],
  ];
  const table = fractions.flatMap(([name, fraction, num, den]) =>
    [true, false].flatMap((strict) => MEMBERS.map((base) => ({ name, fraction, strict, base, expected: reference(base, num, den, strict) }))),
  );

  it.each(table)('$name, strict $strict, of $base members → $expected', ({ fraction, strict, base, expected }) => {
    expect(requiredCount(base, { fraction, strict })).toBe(expected);
  });

  // The same counts written out by hand, so the reference itself is checked.
  it.each([
    ['超过半数 (> 1/2)', { fraction: 0.5, strict: true }, [1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8]],
    ['半数以上含本数 (≥ 1/2)', { fraction: 0.5, strict: false }, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8]],
    ['超过三分之二 (> 2/3)', { fraction: 2 / 3, strict: true }, [1, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 9, 10, 11]],
    ['三分之二以上含本数 (≥ 2/3)', { fraction: 2 / 3, strict: false }, [1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 10, 10]],
  ] as const)('%s of 1..15 members', (_name, rule, counts) => {
    expect(MEMBERS.map((base) => requiredCount(base, rule))).toEqual(counts);
  });

  it.each([
    // base, fraction, strict, expected — products that float arithmetic gets wrong
    [7, 0.5, true, 4], // 3.5
    [7, 0.5, false, 4],
    [9, 2 / 3, false, 6], // 6 exactly, not 6.0000001
    [9, 2 / 3, true, 7],
    [10, 0.7, false, 7], // 0.7 × 10 = 7.000000000000001
    [10, 0.7, true, 8],
    [10, 0.3, false, 3], // 0.3 × 10 = 3.0000000000000004
    [10, 0.3, true, 4],
    [100, 0.29, false, 29], // 0.29 × 100 = 28.999999999999996
    [100, 0.29, true, 30],
    [100, 0.57, false, 57], // 0.57 × 100 = 56.99999999999999
    [3, 0.1, true, 1],
    [3, 0.1, false, 1],
    [10_000, 0.0001, false, 1],
    [10_000, 0.0001, true, 2],
    [9, 0.6667, false, 7], // 66.67 % of 9 is 6.0003
    [3, 0.6667, false, 3],
    [3, 0.6666, true, 2], // 1.9998
  ] as const)('%i × %d, strict %s → %i (no floating-point error)', (base, fraction, strict, expected) => {
    expect(requiredCount(base, { fraction, strict })).toBe(expected);
  });

  it.each([
    [0, true, 1],
    [0, false, 0],
  ] as const)('an empty base: %i members, strict %s → %i', (base, strict, expected) => {
    expect(requiredCount(base, { fraction: 0.5, strict })).toBe(expected);
  });

  it.each([
    [1, { fraction: 0, strict: true }, 1],
    [5, { fraction: 0, strict: true }, 1],
    [5, { fraction: 0, strict: false }, 0],
    [5, { fraction: 1, strict: false }, 5],
    [5, { fraction: 1, strict: true }, 6],
  ] as const)('the extreme fractions: %i members, %j → %i', (base, rule, expected) => {
    expect(requiredCount(base, rule)).toBe(expected);
  });

  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the base %d', (base) => {
    expect(() => requiredCount(base, { fraction: 0.5, strict: true })).toThrow(RangeError);
  });

  it.each([-0.1, 1.0001, Number.NaN, Number.POSITIVE_INFINITY])('refuses the fraction %d', (fraction) => {
    expect(() => requiredCount(5, { fraction, strict: false })).toThrow(RangeError);
  });
});

describe('quorumMet (开会人数)', () => {
  const rules: [string, FractionRule, number, number][] = [
    ['超过半数到会 (the default)', DEFAULT_POLICY.quorum, 1, 2],
    ['半数以上到会', { fraction: 0.5, strict: false }, 1, 2],
    ['超过三分之二到会', { fraction: 2 / 3, strict: true }, 2, 3],
    ['三分之二以上到会', { fraction: 2 / 3, strict: false }, 2, 3],
  ];
  // every member count 1..15 with every attendance 0..members
  const table = rules.flatMap(([name, rule, num, den]) =>
    MEMBERS.flatMap((members) =>
      Array.from({ length: members + 1 }, (_, present) => {
        const required = reference(members, num, den, rule.strict);
        return { name, rule, members, present, required, met: present > 0 && present >= required };
      }),
    ),
  );

  it.each(table)('$name: $present of $members present → required $required, met $met', ({ rule, members, present, required, met }) => {
    expect(quorumMet(members, present, rule)).toEqual({ required, met });
  });

  it('uses the default of more than half: 4 of 7, 5 of 9, 5 of 8', () => {
    expect(quorumMet(7, 4, DEFAULT_POLICY.quorum)).toEqual({ required: 4, met: true });
    expect(quorumMet(7, 3, DEFAULT_POLICY.quorum)).toEqual({ required: 4, met: false });
    expect(quorumMet(8, 4, DEFAULT_POLICY.quorum)).toEqual({ required: 5, met: false });
    expect(quorumMet(9, 5, DEFAULT_POLICY.quorum)).toEqual({ required: 5, met: true });
  });

  it.each([
    [0, 0, { fraction: 0.5, strict: false }],
    [0, 0, { fraction: 0, strict: false }],
    [3, 0, { fraction: 0, strict: false }],
    [3, 0, { fraction: 0, strict: true }],
  ] as const)('is never met with %i members and %i present (%j)', (members, present, rule) => {
    expect(quorumMet(members, present, rule).met).toBe(false);
  });

  it.each([
    [3, 4],
    [0, 1],
    [-1, 0],
    [3, -1],
    [3.5, 2],
    [3, 1.5],
  ])('refuses %d members with %d present', (members, present) => {
    expect(() => quorumMet(members, present, DEFAULT_POLICY.quorum)).toThrow(RangeError);
  });
});
