import { DecisionResult, MajorityBase, type MajorityRule, Position } from '@qinglian/contracts';
import { requiredCount } from './quorum';

export interface Tally {
  readonly agree: number;
  readonly disagree: number;
  readonly defer: number;
  readonly abstain: number;
}

export function tally(positions: readonly Position[]): Tally {
  const count = (p: Position) => positions.filter((x) => x === p).length;
  return { agree: count(Position.Agree), disagree: count(Position.Disagree), defer: count(Position.Defer), abstain: count(Position.Abstain) };
}

/**
 * The result by the policy (半数以上同意): the base is all members, or those present, less the
 * recused (回避的成员不计入); passed when the agreeing reach the required count. Otherwise 缓议 when
 * there are defer positions at least as many as disagree positions, else 未通过.
 */
export function decide(
  input: { members: number; present: number; recused: number; positions: readonly Position[] },
  rule: MajorityRule,
): Tally & { result: DecisionResult; base: number; required: number } {
  const voters = input.present - input.recused;
  if (input.positions.length > voters) throw new RangeError(`${input.positions.length} positions from ${voters} present, non-recused members`);
  const base = (rule.base === MajorityBase.AllMembers ? input.members : input.present) - input.recused;
  if (base < 0) throw new RangeError('more recused members than the base');
  const required = requiredCount(base, rule);
  const t = tally(input.positions);
  const result = base > 0 && t.agree >= required ? DecisionResult.Passed : t.defer > 0 && t.defer >= t.disagree ? DecisionResult.Deferred : DecisionResult.Rejected;
  return { ...t, result, base, required };
}
