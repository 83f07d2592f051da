import { DEFAULT_POLICY, DecisionResult, MajorityBase, type MajorityRule, Position } from '@qinglian/contracts';
import { decide, tally } from './majority';

const A = Position.Agree;
const D = Position.Disagree;
const F = Position.Defer;
const X = Position.Abstain;
const P = DecisionResult.Passed;
const R = DecisionResult.Rejected;
const Df = DecisionResult.Deferred;
/** The default: more than half of all members (超过全体成员半数同意). */
const allMembers: MajorityRule = { base: MajorityBase.AllMembers, fraction: 0.5, strict: true };
const present: MajorityRule = { base: MajorityBase.Present, fraction: 0.5, strict: true };
const allMembersHalf: MajorityRule = { base: MajorityBase.AllMembers, fraction: 0.5, strict: false };
const presentHalf: MajorityRule = { base: MajorityBase.Present, fraction: 0.5, strict: false };
const twoThirds: MajorityRule = { base: MajorityBase.AllMembers, fraction: 2 / 3, strict: false };

const repeat = (p: Position, n: number): Position[] => Array.from({ length: n }, () => p);
const positions = (agree: number, disagree: number, defer: number, abstain: number): Position[] => [
  ...repeat(A, agree),
  ...repeat(D, disagree),
  ...repeat(F, defer),
  ...repeat(X, abstain),
];

describe('tally', () => {
  it.each([
    [[], { agree: 0, disagree: 0, defer: 0, abstain: 0 }],
    [[A], { agree: 1, disagree: 0, defer: 0, abstain: 0 }],
    [[D], { agree: 0, disagree: 1, defer: 0, abstain: 0 }],
    [[F], { agree: 0, disagree: 0, defer: 1, abstain: 0 }],
    [[X], { agree: 0, disagree: 0, defer: 0, abstain: 1 }],
    [[A, A, D, F, X, X], { agree: 2, disagree: 1, defer: 1, abstain: 2 }],
    [[X, F, D, A, X, F, D, A, A], { agree: 3, disagree: 2, defer: 2, abstain: 2 }],
  ] as const)('%j → %j', (given, expected) => {
    expect(tally(given)).toEqual(expected);
  });

  it('refuses a value that is not a position', () => {
    expect(() => tally(['maybe' as unknown as Position])).toThrow(RangeError);
  });
});

describe('decide (半数以上同意)', () => {
  it.each([
    // members, present, recused, positions, rule, result, base, required
    ['all 7 agree', 7, 7, 0, positions(7, 0, 0, 0), allMembers, P, 7, 4],
    ['4 of 7 agree', 7, 7, 0, positions(4, 3, 0, 0), allMembers, P, 7, 4],
    ['3 of 7 agree, 1 abstains', 7, 7, 0, positions(3, 3, 0, 1), allMembers, R, 7, 4],
    // the demo meeting: 7 members, 6 present, 1 recused — base 6, more than half is 4
    ['demo: 4 agree of base 6', 7, 6, 1, positions(4, 1, 0, 0), allMembers, P, 6, 4],
    ['demo: 3 agree of base 6', 7, 6, 1, positions(3, 1, 0, 1), allMembers, R, 6, 4],
    ['demo, present base: 3 agree of 5', 7, 6, 1, positions(3, 1, 0, 1), present, P, 5, 3],
    // absent members count in the base of all members, not in the base of those present
    ['3 of 9 members, 5 present', 9, 5, 0, positions(3, 2, 0, 0), allMembers, R, 9, 5],
    ['3 of 5 present', 9, 5, 0, positions(3, 2, 0, 0), present, P, 5, 3],
    ['5 of 9, all agreeing present', 9, 5, 0, positions(5, 0, 0, 0), allMembers, P, 9, 5],
    // recusals lower the base under both bases
    ['2 recused of 9: 4 agree of base 7', 9, 9, 2, positions(4, 3, 0, 0), allMembers, P, 7, 4],
    ['2 recused of 9: 3 agree of base 7', 9, 9, 2, positions(3, 4, 0, 0), allMembers, R, 7, 4],
    ['2 recused, 7 present: base 5', 9, 7, 2, positions(3, 2, 0, 0), present, P, 5, 3],
    ['2 recused, 7 present, all-members base 7', 9, 7, 2, positions(3, 2, 0, 0), allMembers, R, 7, 4],
    // ties: an even split is not “more than half”, but is “half or more”
    ['tie 4–4, strict', 8, 8, 0, positions(4, 4, 0, 0), allMembers, R, 8, 5],
    ['tie 4–4, half counts', 8, 8, 0, positions(4, 4, 0, 0), allMembersHalf, P, 8, 4],
    ['tie 3–3 of 6 present, strict', 8, 6, 0, positions(3, 3, 0, 0), present, R, 6, 4],
    ['tie 3–3 of 6 present, half counts', 8, 6, 0, positions(3, 3, 0, 0), presentHalf, P, 6, 3],
    ['tie 2–2 with a recusal', 5, 5, 1, positions(2, 2, 0, 0), allMembers, R, 4, 3],
    ['tie 2–2 with a recusal, half counts', 5, 5, 1, positions(2, 2, 0, 0), allMembersHalf, P, 4, 2],
    // not passed: 缓议 when someone defers and defer ≥ disagree, else 未通过
    ['defer 2 > disagree 1', 5, 5, 0, positions(2, 1, 2, 0), allMembers, Df, 5, 3],
    ['defer 1 = disagree 1', 5, 5, 0, positions(2, 1, 1, 1), allMembers, Df, 5, 3],
    ['defer 1 < disagree 2', 5, 5, 0, positions(2, 2, 1, 0), allMembers, R, 5, 3],
    ['no defer, no disagree, abstentions', 5, 5, 0, positions(2, 0, 0, 3), allMembers, R, 5, 3],
    ['all defer', 3, 3, 0, positions(0, 0, 3, 0), allMembers, Df, 3, 2],
    ['all disagree', 3, 3, 0, positions(0, 3, 0, 0), allMembers, R, 3, 2],
    ['passing wins over deferring', 7, 7, 0, positions(4, 0, 3, 0), allMembers, P, 7, 4],
    // all abstain
    ['all abstain', 5, 5, 0, positions(0, 0, 0, 5), allMembers, R, 5, 3],
    ['all abstain, present base', 5, 4, 0, positions(0, 0, 0, 4), present, R, 4, 3],
    ['1 agrees, the rest abstain', 5, 5, 0, positions(1, 0, 0, 4), allMembers, R, 5, 3],
    // two thirds (a policy may ask more)
    ['6 of 9, ≥ 2/3', 9, 9, 0, positions(6, 3, 0, 0), twoThirds, P, 9, 6],
    ['5 of 9, ≥ 2/3', 9, 9, 0, positions(5, 4, 0, 0), twoThirds, R, 9, 6],
    // a single member
    ['a single member agrees', 1, 1, 0, positions(1, 0, 0, 0), allMembers, P, 1, 1],
    ['a single member abstains', 1, 1, 0, positions(0, 0, 0, 1), allMembers, R, 1, 1],
    // nobody left to decide
    ['everyone present recused, all-members base', 3, 2, 2, [], allMembers, R, 1, 1],
    ['everyone recused, all-members base', 2, 2, 2, [], allMembers, R, 0, 1],
    ['everyone present recused, present base', 3, 2, 2, [], present, R, 0, 1],
    ['everyone recused, half counts: required 0 is not a pass', 2, 2, 2, [], allMembersHalf, R, 0, 0],
    ['everyone recused, deferring nobody is not 缓议', 2, 2, 2, [], presentHalf, R, 0, 0],
  ] as const)('%s', (_name, members, presentCount, recused, given, rule, result, base, required) => {
    const out = decide({ members, present: presentCount, recused, positions: given }, rule);
    expect(out).toEqual({ result, ...tally(given), base, required });
  });

  it('uses the default policy: more than half of all members, less the recused', () => {
    expect(decide({ members: 7, present: 6, recused: 1, positions: positions(4, 1, 0, 0) }, DEFAULT_POLICY.majority)).toEqual({
      result: P,
      agree: 4,
      disagree: 1,
      defer: 0,
      abstain: 0,
      base: 6,
      required: 4,
    });
  });

  it.each([
    ['more positions than present, non-recused members', { members: 5, present: 3, recused: 1, positions: positions(3, 0, 0, 0) }],
    ['positions from a meeting where everyone recused', { members: 2, present: 2, recused: 2, positions: [A] }],
    ['more recused than present', { members: 5, present: 2, recused: 3, positions: [] }],
    ['more present than members', { members: 5, present: 6, recused: 0, positions: [] }],
    ['negative members', { members: -1, present: 0, recused: 0, positions: [] }],
    ['fractional present', { members: 5, present: 2.5, recused: 0, positions: [] }],
    ['negative recused', { members: 5, present: 5, recused: -1, positions: [] }],
  ])('throws RangeError on %s', (_name, input) => {
    expect(() => decide(input, allMembers)).toThrow(RangeError);
  });

  /**
   * Every meeting of 1..9 members: every attendance, every number recused and every tally of
   * positions (also incomplete ones), against a reference that compares agree/base with the fraction
   * directly in integers.
   */
  const rules: [string, MajorityRule, number, number][] = [
    ['> 1/2 of all members', allMembers, 1, 2],
    ['≥ 1/2 of all members', allMembersHalf, 1, 2],
    ['> 1/2 of those present', present, 1, 2],
    ['≥ 1/2 of those present', presentHalf, 1, 2],
    ['≥ 2/3 of all members', twoThirds, 2, 3],
  ];
  const sizes = Array.from({ length: 9 }, (_, i) => i + 1);
  it.each(rules.flatMap(([name, rule, num, den]) => sizes.map((members) => ({ name, rule, num, den, members }))))(
    '$name, $members members: every attendance, recusal and tally agrees with the reference',
    ({ rule, num, den, members }) => {
      const wrong: string[] = [];
      let cases = 0;
      for (let p = 0; p <= members; p++)
        for (let r = 0; r <= p; r++)
          for (let a = 0; a <= p - r; a++)
            for (let d = 0; a + d <= p - r; d++)
              for (let f = 0; a + d + f <= p - r; f++)
                for (let x = 0; a + d + f + x <= p - r; x++) {
                  cases++;
                  const base = (rule.base === MajorityBase.AllMembers ? members : p) - r;
                  const agreeEnough = rule.strict ? a * den > num * base : a * den >= num * base;
                  const expected = base > 0 && agreeEnough ? P : f > 0 && f >= d ? Df : R;
                  const out = decide({ members, present: p, recused: r, positions: positions(a, d, f, x) }, rule);
                  // required: the fewest agreeing that would pass this base
                  let required = 0;
                  while (rule.strict ? required * den <= num * base : required * den < num * base) required++;
                  if (out.result !== expected || out.base !== base || out.required !== required || out.agree !== a || out.disagree !== d || out.defer !== f || out.abstain !== x)
                    wrong.push(`p=${p} r=${r} a=${a} d=${d} f=${f} x=${x}: ${JSON.stringify(out)} expected ${expected} base ${base} required ${required}`);
                }
      expect(wrong).toEqual([]);
      // C(members + 6, 6) cases: attendance × recusals × tallies
      let choose = 1;
      for (let i = 1; i <= 6; i++) choose = (choose * (members + i)) / i;
      expect(cases).toBe(choose);
    },
  );
});
