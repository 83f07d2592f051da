import { type MatterType, type MatterTypeRule, type MeetingBody, type PolicyContent } from '@qinglian/contracts';

export function typeRule(type: MatterType, policy: PolicyContent): MatterTypeRule {
  const rule = policy.matterTypes.find((t) => t.type === type);
  if (!rule) throw new Error(`policy has no rule for matter type ${type}`);
  return rule;
}

/** “三重一大”: a type decided collectively always (no threshold) or from its amount threshold on. 一般事项 never. */
export function requiresMeeting(type: MatterType | null, amount: number | null, policy: PolicyContent): boolean {
  if (type === null) return false;
  const threshold = typeRule(type, policy).thresholdAmount ?? null;
  if (threshold === null) return true;
  return amount !== null && amount >= threshold;
}

export function requiredBodies(type: MatterType | null, amount: number | null, policy: PolicyContent): MeetingBody[] {
  return type !== null && requiresMeeting(type, amount, policy) ? [...typeRule(type, policy).bodies] : [];
}
