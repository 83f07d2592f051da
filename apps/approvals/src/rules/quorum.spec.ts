import { quorumMet, requiredCount } from './quorum';

/** Reference by counting: the smallest n with n/base > fraction (strict) or ≥ fraction, in exact rationals. */
function reference(base: number, num: number, den: number, strict: boolean): number {
  for (let n = 0; n <= base + 1; n++) if (strict ? n * den > num * base : n * den >= num * base) return n;
  return base + 1;
}

describe('requiredCount', () => {
  const cases: [string, number, number, number][] = [
    ['1/2', 0.5, 1, 2],
    ['2/3', 0.6667, 2, 3],
    ['1/3', 0.3333, 1, 3],
    ['3/4', 0.75, 3, 4],
  ];
  for (const [name, fraction, num, den] of cases) {
    for (const strict of [true, false]) {
      it.each(Array.from({ length: 15 }, (_, i) => i + 1))(`${name}, ${strict ? '超过' : '不少于'}, of %i members`, (base) => {
        // 2/3 is written 0.6667 in a policy; the reference uses the exact 2/3 except where 0.6667 × base lands on the other side.
        const expected = fraction === 0.6667 || fraction === 0.3333 ? reference(base, Math.round(fraction * 10000), 10000, strict) : reference(base, num, den, strict);
        expect(requiredCount(base, { fraction, strict })).toBe(expected);
      });
    }
  }

  it('more than half of 7 is 4, of 8 is 5; half or more of 8 is 4', () => {
    expect(requiredCount(7, { fraction: 0.5, strict: true })).toBe(4);
    expect(requiredCount(8, { fraction: 0.5, strict: true })).toBe(5);
    expect(requiredCount(8, { fraction: 0.5, strict: false })).toBe(4);
    expect(requiredCount(9, { fraction: 0.5, strict: false })).toBe(5);
  });

  it('does not fall into floating-point error (0.7 × 10 is not 6.999…)', () => {
    expect(requiredCount(10, { fraction: 0.7, strict: false })).toBe(7);
    expect(requiredCount(10, { fraction: 0.7, strict: true })).toBe(8);
    expect(requiredCount(3, { fraction: 0.1, strict: true })).toBe(1);
  });

  it('refuses a negative or fractional base', () => {
    expect(() => requiredCount(-1, { fraction: 0.5, strict: true })).toThrow(RangeError);
    expect(() => requiredCount(2.5, { fraction: 0.5, strict: true })).toThrow(RangeError);
  });
});

describe('quorumMet', () => {
  const rule = { fraction: 0.5, strict: true };
  it.each([
    [7, 4, true],
    [7, 3, false],
    [9, 5, true],
    [9, 4, false],
    [1, 1, true],
    [2, 1, false],
    [2, 2, true],
  ])('%i members, %i present → met %s', (members, present, met) => {
    expect(quorumMet(members, present, rule)).toEqual({ required: requiredCount(members, rule), met });
  });

  it('is never met with no members or nobody present', () => {
    expect(quorumMet(0, 0, { fraction: 0.5, strict: false }).met).toBe(false);
    expect(quorumMet(3, 0, { fraction: 0, strict: false }).met).toBe(false);
  });

  it('refuses more present than members, or negative counts', () => {
    expect(() => quorumMet(3, 4, rule)).toThrow(RangeError);
    expect(() => quorumMet(-1, 0, rule)).toThrow(RangeError);
  });
});
