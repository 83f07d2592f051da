import { DecisionResult, MajorityBase, type MajorityRule, Position } from '@qinglian/contracts';
import { requiredCount } from './quorum';

export interface Tally {
  readonly agree: number;
  readonly disagree: number;
  readonly defer: number;
  readonly abstain: number;
}

const TALLY_KEYS: Readonly<Record<Position, keyof Tally>> = {
  [Position.Agree]: 'agree',
  [Position.Disagree]: 'disagree',
  [Position.Defer]: 'defer',
  [Position.Abstain]: 'abstain',
};

/** How many stated each position (同意 / 不同意 / 缓议 / 弃权). */
export function tally(positions: readonly Position[]): Tally {
  const t = { agree: 0, disagree: 0, defer: 0, abstain: 0 };
  for (const p of positions) {
    if (!Object.hasOwn(TALLY_KEYS, p)) throw new RangeError(`unknown position ${p}`);
    t[TALLY_KEYS[p]]++;
  }
  return t;
}

export interface Decision extends Tally {
  readonly result: DecisionResult;
  /** the members the majority is counted of */
  readonly base: number;
  /** agreeing positions needed to pass */
  readonly required: number;
}

function count(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/**
 * The result of an agenda item by the policy (“半数以上领导班子成员、党组成员同意”, IM-4).
 *
 * - Base: all members (应到, MajorityBase.AllMembers) or those present (到会), less the recused: a
 *   member who recused (回避, IM-3) neither counts in the base nor states. `recused` counts recused
 *   members who are present (recusalRefusal refuses absent members).
 * - 通过 when the agreeing reach requiredCount(base) — strictly more than the fraction (超过半数) or at
 *   least it (半数以上含本数) as the policy says — over a base that is not empty.
 * - Otherwise 缓议 when someone asked to defer and deferring positions are at least as many as
 *   disagreeing ones; else 未通过. Abstaining (弃权) only fails to agree.
 */
export function decide(input: { members: number; present: number; recused: number; positions: readonly Position[] }, rule: MajorityRule): Decision {
  const { members, present, recused, positions } = input;
  count('members', members);
  count('present', present);
  count('recused', recused);
  if (present > members) throw new RangeError(`present (${present}) cannot exceed members (${members})`);
  if (recused > present) throw new RangeError(`recused (${recused}) cannot exceed present (${present})`);
  const voters = present - recused;
  if (positions.length > voters) throw new RangeError(`${positions.length} positions from ${voters} present, non-recused members`);
  const base = (rule.base === MajorityBase.AllMembers ? members : present) - recused;
  const required = requiredCount(base, rule);
  const t = tally(positions);
  let result: DecisionResult;
  if (base > 0 && t.agree >= required) result = DecisionResult.Passed;
  else if (t.defer > 0 && t.defer >= t.disagree) result = DecisionResult.Deferred;
  else result = DecisionResult.Rejected;
  return { result, ...t, base, required };
}
