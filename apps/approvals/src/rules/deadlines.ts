import { type PolicyContent, type StepKind } from '@qinglian/contracts';

const HOUR_MS = 3_600_000;
/** When neither the flow step nor the policy states a limit. */
export const DEFAULT_STEP_DAYS = 5;

/** 办理时限: the flow step's own limit wins; else the policy's for the step kind; else 5 days. */
export function stepTimeLimitDays(stepDays: number | null | undefined, kind: StepKind, policy: PolicyContent): number {
  if (stepDays !== null && stepDays !== undefined) return stepDays;
  return policy.stepTimeLimits.find((l) => l.kind === kind)?.days ?? DEFAULT_STEP_DAYS;
}

/** Due after `days` calendar days of 24 hours (not working days). */
export function dueAt(startedAt: Date, days: number): Date {
  return new Date(startedAt.getTime() + days * 24 * HOUR_MS);
}

/**
 * What the deadline sweeper does with an open step now, each once: 'overdue' from the due time on
 * (办理超时) unless already marked; 'remind' from `reminderHours` before it unless already reminded;
 * else 'none'. A step marked overdue is done with.
 */
export function deadlineState(now: Date, due: Date, reminderHours: number, remindedAt: Date | null, overdueAt: Date | null): 'none' | 'remind' | 'overdue' {
  if (overdueAt !== null) return 'none';
  if (now.getTime() >= due.getTime()) return 'overdue';
  if (remindedAt === null && now.getTime() >= due.getTime() - reminderHours * HOUR_MS) return 'remind';
  return 'none';
}

/** Whole hours left until the due time, rounded toward −∞ (negative once overdue: half an hour late is −1). */
export function remainingHours(now: Date, due: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / HOUR_MS);
}
