// What a matter's page shows and offers, worked out from the MatterDto: the flow as steps with their
// passes, the open task, where a return may go, the 会前报备 checklist and whether the secretary may
// sign yet, the bodies that must decide and which have.
import { FILING_KINDS, FILING_RECORD_KINDS, type FilingKindName, type FilingRecordKind, type MatterStatusName } from '../i18n/approvals';
import type { Filing, Matter, MatterDecision, MatterStep, StepTask } from './types';

/** The passes through one step, oldest first (a returned step runs again). */
export function tasksOfStep(matter: Pick<Matter, 'tasks'>, order: number): StepTask[] {
  return matter.tasks.filter((t) => t.stepOrder === order).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** The task waiting to be acted on: the open pass of the current step. */
export function openTask(matter: Pick<Matter, 'tasks' | 'currentStep'>): StepTask | null {
  const open = matter.tasks.filter((t) => t.status === 'open' && (matter.currentStep === null || t.stepOrder === matter.currentStep));
  return open.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0] ?? null;
}

/** The earlier steps a 退回 may return to, latest first. */
export function returnTargets(matter: Pick<Matter, 'steps' | 'currentStep'>): MatterStep[] {
  const current = matter.currentStep;
  if (current === null) return [];
  return matter.steps.filter((s) => s.order < current).sort((a, b) => b.order - a.order);
}

export type StepState = 'wait' | 'process' | 'finish' | 'error';

/** How a step stands, for Ant Design Steps: done, running (red when overdue or refused), or to come. */
export function stepState(matter: Pick<Matter, 'tasks' | 'currentStep' | 'status'>, order: number, now: Date = new Date()): StepState {
  const tasks = tasksOfStep(matter, order);
  const last = tasks[tasks.length - 1];
  if (!last) return 'wait';
  switch (last.status) {
    case 'open':
      return new Date(last.dueAt).getTime() < now.getTime() ? 'error' : 'process';
    case 'rejected':
      return 'error';
    case 'approved':
    case 'decided':
      return 'finish';
    case 'returned':
    case 'withdrawn':
      return matter.currentStep === order ? 'process' : 'wait';
  }
}

/** The index for Steps' `current`: the current step's place in the list (the end when none runs). */
export function currentStepIndex(matter: Pick<Matter, 'steps' | 'currentStep'>): number {
  const sorted = [...matter.steps].sort((a, b) => a.order - b.order);
  const at = sorted.findIndex((s) => s.order === matter.currentStep);
  return at >= 0 ? at : sorted.length;
}

export interface FilingRow {
  readonly kind: FilingKindName;
  readonly done: boolean;
  /** The latest record of this kind. */
  readonly entry: Filing['entries'][number] | null;
}

/** The five items of 会前报备 in order, each done or not with its latest record. */
export function filingRows(filing: Filing): FilingRow[] {
  return FILING_KINDS.map((kind) => {
    const entries = filing.entries.filter((e) => e.kind === kind).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    const entry = entries[entries.length - 1] ?? null;
    const done = !filing.missing.includes(kind) || (kind === 'secretary-signature' && filing.copiedToDisciplineAt !== null);
    return { kind, done, entry };
  });
}

const BEFORE_MEETING: readonly MatterStatusName[] = ['in-progress', 'awaiting-meeting'];

/** Whether the filing may still take records: required, not yet signed, matter before its meeting. */
export function filingOpen(matter: Pick<Matter, 'filing' | 'status'>): boolean {
  return matter.filing.required && matter.filing.copiedToDisciplineAt === null && BEFORE_MEETING.includes(matter.status);
}

/** The records still missing before the secretary may sign. */
export function missingBeforeSign(filing: Filing): FilingRecordKind[] {
  return FILING_RECORD_KINDS.filter((k) => filing.missing.includes(k));
}

export type SignState =
  | { readonly show: false }
  | { readonly show: true; readonly enabled: true }
  | { readonly show: true; readonly enabled: false; readonly missing: FilingRecordKind[] };

/**
 * 书记签字: offered to a holder of filing-signature:write while the filing is open; enabled once the four records
 * are in and the service says the caller may sign (`can.sign`), else disabled with what is missing.
 */
export function signState(matter: Pick<Matter, 'filing' | 'status' | 'can'>, maySign: boolean): SignState {
  if (!maySign || !filingOpen(matter)) return { show: false };
  const missing = missingBeforeSign(matter.filing);
  if (missing.length > 0 || !matter.can.sign) return { show: true, enabled: false, missing };
  return { show: true, enabled: true };
}

/** Whether a record of `kind` may be made by someone with its permission. */
export function mayRecordFiling(matter: Pick<Matter, 'filing' | 'status'>, kind: FilingRecordKind): boolean {
  return filingOpen(matter) && matter.filing.missing.includes(kind);
}

/** The last passed decision: what an issued document is compared with. */
export function latestPassedDecision(matter: Pick<Matter, 'decisions'>): MatterDecision | null {
  const passed = matter.decisions.filter((d) => d.result === 'passed').sort((a, b) => a.sealedAt.localeCompare(b.sealedAt));
  return passed[passed.length - 1] ?? null;
}

export interface BodyProgress {
  readonly body: Matter['requiredBodies'][number];
  /** The latest decision of this body on the matter. */
  readonly decision: MatterDecision | null;
}

/** The bodies that must decide, in turn, each with its latest decision. */
export function bodiesProgress(matter: Pick<Matter, 'requiredBodies' | 'decisions'>): BodyProgress[] {
  return matter.requiredBodies.map((body) => {
    const mine = matter.decisions.filter((d) => d.body === body).sort((a, b) => a.sealedAt.localeCompare(b.sealedAt));
    return { body, decision: mine[mine.length - 1] ?? null };
  });
}
