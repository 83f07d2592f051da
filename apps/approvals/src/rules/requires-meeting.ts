import { type MatterType, type MatterTypeRule, type MeetingBody, type PolicyContent } from '@qinglian/contracts';

/** The policy's rule for a “三重一大” type; a policy always holds all four, so a missing one is a bug. */
export function typeRule(type: MatterType, policy: PolicyContent): MatterTypeRule {
  const rule = policy.matterTypes.find((t) => t.type === type);
  if (!rule) throw new Error(`policy has no rule for matter type ${type}`);
  return rule;
}

/**
 * Whether a matter must be decided collectively (“三重一大”集体决策, IM-1): a type without a threshold
 * always; a type with one from that amount on (金额标准, inclusive); 一般事项 (no type) never. A matter
 * of a thresholded type with no amount stated is not taken to reach it.
 */
export function requiresMeeting(type: MatterType | null, amount: number | null, policy: PolicyContent): boolean {
  if (type === null) return false;
  const threshold = typeRule(type, policy).thresholdAmount ?? null;
  if (threshold === null) return true;
  return amount !== null && amount >= threshold;
}

/** The bodies that decide the matter, in turn (e.g. 党委会前置研究, then 董事会); [] when no meeting is needed. */
export function requiredBodies(type: MatterType | null, amount: number | null, policy: PolicyContent): MeetingBody[] {
  if (type === null || !requiresMeeting(type, amount, policy)) return [];
  return [...typeRule(type, policy).bodies];
}
