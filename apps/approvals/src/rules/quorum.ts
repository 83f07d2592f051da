import { type FractionRule } from '@qinglian/contracts';

/** Fractions have at most 4 decimals: compare in integers scaled by 10 000 (0.5 × 7 never becomes 3.4999…). */
const SCALE = 10_000;

/**
 * The smallest count that satisfies “more than `fraction` of `base`” (超过半数, strict) or “at least
 * `fraction` of `base`” (半数以上 counting the half, not strict).
 */
export function requiredCount(base: number, rule: FractionRule): number {
  if (!Number.isInteger(base) || base < 0) throw new RangeError(`base must be a non-negative integer, got ${base}`);
  const f = Math.round(rule.fraction * SCALE);
  // n × SCALE > f × base (strict) or ≥ (not strict)
  const floor = Math.floor((f * base) / SCALE);
  const exact = (f * base) % SCALE === 0;
  if (rule.strict) return floor + 1;
  return exact ? floor : floor + 1;
}

export function quorumMet(members: number, present: number, rule: FractionRule): { required: number; met: boolean } {
  if (!Number.isInteger(members) || members < 0 || !Number.isInteger(present) || present < 0) throw new RangeError('members and present must be non-negative integers');
  if (present > members) throw new RangeError(`present (${present}) cannot exceed members (${members})`);
  const required = requiredCount(members, rule);
  return { required, met: members > 0 && present >= required && present > 0 };
}
