// 决策规则 (PolicyContent) ↔ the edit form, how a rule reads, and what the current rules say about a
// matter being started (须集体决策?).
import type { MajorityBaseName, MatterTypeName } from '../i18n/approvals';
import type { MeetingBodyName, StepKindName } from '../i18n/messages';
import type { PolicyContent } from './types';

export interface PolicyFormValues {
  readonly matterTypes: readonly {
    readonly type: MatterTypeName;
    /** 金额标准（元）; empty: always “三重一大” */
    readonly thresholdAmount?: number | null;
    readonly bodies: readonly MeetingBodyName[];
  }[];
  /** Percent (50 = 0.5). */
  readonly quorumPercent: number;
  readonly quorumStrict: boolean;
  readonly majorityBase: MajorityBaseName;
  readonly majorityPercent: number;
  readonly majorityStrict: boolean;
  readonly stepTimeLimits: readonly { readonly kind: StepKindName; readonly days: number }[];
  readonly reminderHours: number;
  readonly splittingWindowDays: number;
}

/** 0.5 → 50; shown to two decimals at most. */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 10_000) / 100;
}

/** 50 → 0.5, kept to four decimals (the API's precision). */
export function fromPercent(percent: number): number {
  return Math.round(percent * 100) / 10_000;
}

export function policyFormValues(content: PolicyContent): PolicyFormValues {
  return {
    matterTypes: content.matterTypes.map((t) => ({ type: t.type, thresholdAmount: t.thresholdAmount ?? null, bodies: [...t.bodies] })),
    quorumPercent: toPercent(content.quorum.fraction),
    quorumStrict: content.quorum.strict,
    majorityBase: content.majority.base,
    majorityPercent: toPercent(content.majority.fraction),
    majorityStrict: content.majority.strict,
    stepTimeLimits: content.stepTimeLimits.map((l) => ({ kind: l.kind, days: l.days })),
    reminderHours: content.reminderHours,
    splittingWindowDays: content.splittingWindowDays,
  };
}

/** PUT /approvals/policy: the form as a PolicyContent. */
export function policyBody(values: PolicyFormValues): PolicyContent {
  return {
    matterTypes: values.matterTypes.map((t) => ({
      type: t.type,
      thresholdAmount: typeof t.thresholdAmount === 'number' ? t.thresholdAmount : null,
      bodies: [...t.bodies],
    })),
    quorum: { fraction: fromPercent(values.quorumPercent), strict: values.quorumStrict },
    majority: { base: values.majorityBase, fraction: fromPercent(values.majorityPercent), strict: values.majorityStrict },
    stepTimeLimits: values.stepTimeLimits.map((l) => ({ kind: l.kind, days: l.days })),
    reminderHours: values.reminderHours,
    splittingWindowDays: values.splittingWindowDays,
  };
}

/**
 * The bodies that must decide a matter of this type and amount under `content`, in turn; null when
 * the matter need not go to a meeting (一般事项, or below the type's 金额标准). The service decides; this
 * is what the form tells the proposer beforehand.
 */
export function meetingBodiesFor(content: PolicyContent | undefined, matterType: MatterTypeName | null | undefined, amount: number | null | undefined): MeetingBodyName[] | null {
  if (!content || !matterType) return null;
  const rule = content.matterTypes.find((t) => t.type === matterType);
  if (!rule) return null;
  const threshold = rule.thresholdAmount ?? null;
  if (threshold === null) return [...rule.bodies];
  return typeof amount === 'number' && amount >= threshold ? [...rule.bodies] : null;
}

/**
 * The number of members a rule asks for: `fraction` of `base`, strictly more (超过) or at least (不少于).
 * E.g. more than half of 7 → 4; at least half of 8 → 4.
 */
export function requiredCount(base: number, rule: { readonly fraction: number; readonly strict: boolean }): number {
  const exact = base * rule.fraction;
  if (rule.strict) return Math.floor(exact + 1e-9) + 1;
  return Math.ceil(exact - 1e-9);
}
