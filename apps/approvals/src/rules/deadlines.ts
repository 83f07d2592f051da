import { type PolicyContent, type StepKind } from '@qinglian/contracts';

const HOUR_MS = 3_600_000;

/** The flow step's own limit wins; else the policy's for the kind; else 5 days. */
export function stepTimeLimitDays(stepDays: number | null | undefined, kind: StepKind, policy: PolicyContent): number {
  if (stepDays !== null && stepDays !== undefined) return stepDays;
  return policy.stepTimeLimits.find((l) => l.kind === kind)?.days ?? 5;
}

export function dueAt(startedAt: Date, days: number): Date {
  return new Date(startedAt.getTime() + days * 24 * HOUR_MS);
}

/** What the deadline sweeper does with an open step now: nothing, a reminder, or the overdue alert — each once. */
export function deadlineState(now: Date, due: Date, reminderHours: number, remindedAt: Date | null, overdueAt: Date | null): 'none' | 'remind' | 'overdue' {
  if (overdueAt !== null) return 'none';
  if (now.getTime() >= due.getTime()) return 'overdue';
  if (remindedAt === null && now.getTime() >= due.getTime() - reminderHours * HOUR_MS) return 'remind';
  return 'none';
}

export function remainingHours(now: Date, due: Date): number {
  return Math.floor((due.getTime() - now.getTime()) / HOUR_MS);
}
