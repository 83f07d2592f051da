import { type FractionRule } from '@qinglian/contracts';

/**
 * A policy fraction has at most 4 decimals (FractionRule: maxDecimalPlaces 4), so it is the exact
 * rational k / 10 000. Counting with those integers keeps float error out: 0.5 × 7 is 3.5, 0.7 × 10
 * is 7 and 0.29 × 100 is 29 — never 6.999… or 28.999….
 */
const SCALE = 10_000;
/** Largest denominator tried for a fraction given with more decimals (2 / 3 computed in code). */
const MAX_DENOMINATOR = 1_000_000;

interface Ratio {
  readonly num: number;
  readonly den: number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The fraction as an exact ratio of integers. At most 4 decimals (what a policy holds): k / 10 000.
 * More (2 / 3 written in code): the continued-fraction convergent it is a float of, so that two thirds
 * of 9 is 6 exactly, not 6.0000001.
 */
function ratio(fraction: number): Ratio {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new RangeError(`fraction must be between 0 and 1, got ${fraction}`);
  const scaled = fraction * SCALE;
  const k = Math.round(scaled);
  if (Math.abs(scaled - k) < 1e-6) {
    const g = gcd(k, SCALE);
    return { num: k / g, den: SCALE / g };
  }
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let x = fraction;
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(x);
    const [h2, k2] = [a * h1 + h0, a * k1 + k0];
    if (k2 > MAX_DENOMINATOR) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    const rest = x - a;
    if (Math.abs(fraction - h1 / k1) < 1e-12 || rest < 1e-12) break;
    x = 1 / rest;
  }
  return { num: h1, den: k1 };
}

/**
 * The smallest count n that satisfies the rule over `base`:
 * - strict (超过半数, “more than”): n > fraction × base;
 * - not strict (半数以上 counting the half, 含本数 — the seed's wording “半数以上领导班子成员同意” read
 *   the way PRC drafting reads 以上): n ≥ fraction × base.
 *
 * With base 0 that is 1 (strict) or 0 (not strict); nothing is met over an empty base anyway
 * (quorumMet and decide say so).
 */
export function requiredCount(base: number, rule: FractionRule): number {
  if (!Number.isSafeInteger(base) || base < 0) throw new RangeError(`base must be a non-negative integer, got ${base}`);
  const { num, den } = ratio(rule.fraction);
  const product = num * base; // n × den compared with num × base, all integers
  if (!Number.isSafeInteger(product)) throw new RangeError(`base ${base} is too large`);
  const rest = product % den;
  const floor = (product - rest) / den;
  if (rule.strict) return floor + 1;
  return rest === 0 ? floor : floor + 1;
}

/**
 * 开会人数: whether `present` of `members` make a quorum under the policy (by default 超过半数到会).
 * Never met with no members or nobody present, whatever the fraction.
 */
export function quorumMet(members: number, present: number, rule: FractionRule): { required: number; met: boolean } {
  if (!Number.isSafeInteger(members) || members < 0) throw new RangeError(`members must be a non-negative integer, got ${members}`);
  if (!Number.isSafeInteger(present) || present < 0) throw new RangeError(`present must be a non-negative integer, got ${present}`);
  if (present > members) throw new RangeError(`present (${present}) cannot exceed members (${members})`);
  const required = requiredCount(members, rule);
  return { required, met: members > 0 && present > 0 && present >= required };
}
