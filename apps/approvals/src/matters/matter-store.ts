import {
  type AssigneeDto,
  type AttachmentDto,
  type CallerContext,
  DecisionResult,
  type DecisionTermsDto,
  type EvaluationDto,
  type ExecutionReportDto,
  FilingKind,
  type FilingDto,
  type FilingEntryDto,
  type IssuanceDto,
  type MatterDecisionSummaryDto,
  type MatterDto,
  MatterStatus,
  type MatterStepDto,
  type MatterSummaryDto,
  type MatterRefV1,
  type MatterType,
  type MeetingBody,
  type StepAction,
  StepKind,
  StepKindLabels,
  type StepTaskDto,
  TaskStatus,
  type TermDifferenceDto,
} from '@qinglian/contracts';
import { hasPermission, Permission } from '@qinglian/auth';
import { DomainError } from '@qinglian/runtime';
import { type EntityManager } from 'typeorm';
import { iso, toAmount } from '../platform/people';

export interface MatterRow {
  id: string;
  no: string;
  title: string;
  description: string;
  matter_type: MatterType | null;
  amount: string | null;
  counterparty: string | null;
  project: string | null;
  scope: string | null;
  conditions: string | null;
  requires_meeting: boolean;
  required_bodies: MeetingBody[];
  policy_version_no: number;
  power_item_id: string;
  power_item_code: string;
  power_item_name: string;
  power_item_version_no: number;
  handling_unit_code: string;
  steps: MatterStepDto[];
  status: MatterStatus;
  current_step: number | null;
  proposer_subject: string;
  proposer_name: string;
  filed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface TaskRow {
  id: string;
  matter_id: string;
  step_order: number;
  assignees: AssigneeDto[];
  assignee_role: string | null;
  assignment_note: string | null;
  status: TaskStatus;
  started_at: Date;
  due_at: Date;
  reminded_at: Date | null;
  overdue_at: Date | null;
  action: StepAction | 'withdraw' | null;
  opinion: string | null;
  returned_to: number | null;
  actor_subject: string | null;
  actor_name: string | null;
  acted_at: Date | null;
}

/** The finished-or-not states: nothing more happens to a matter in these. */
export const TERMINAL: readonly MatterStatus[] = [MatterStatus.Closed, MatterStatus.Rejected, MatterStatus.Withdrawn];

export const FILING_ORDER: readonly FilingKind[] = [FilingKind.ComplianceReview, FilingKind.Research, FilingKind.Consultation, FilingKind.RiskAssessment, FilingKind.SecretarySignature];

export async function loadMatter(em: EntityManager, id: string, lock = false): Promise<MatterRow> {
  const rows = await em.query<MatterRow[]>(`SELECT * FROM approvals.matter WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!rows[0]) throw DomainError.notFound('matter', id);
  return rows[0];
}

export function termsOf(m: MatterRow): DecisionTermsDto {
  return { amount: toAmount(m.amount), counterparty: m.counterparty, project: m.project, scope: m.scope, conditions: m.conditions };
}

export function matterRef(m: MatterRow): MatterRefV1 {
  return {
    matterId: m.id,
    matterNo: m.no,
    title: m.title,
    matterType: m.matter_type,
    amount: toAmount(m.amount),
    counterparty: m.counterparty,
    powerItemId: m.power_item_id,
    powerItemCode: m.power_item_code,
  };
}

export function stepName(step: MatterStepDto | undefined): string {
  return step ? step.name : '';
}

export async function openTask(em: EntityManager, matterId: string, lock = false): Promise<TaskRow | undefined> {
  return (await tasksOf(em, matterId, lock)).find((t) => t.status === TaskStatus.Open);
}

export async function tasksOf(em: EntityManager, matterId: string, lock = false): Promise<TaskRow[]> {
  return em.query<TaskRow[]>(
    `SELECT t.id, t.matter_id, t.step_order, t.assignees, t.assignee_role, t.assignment_note, t.status, t.started_at, t.due_at, t.reminded_at, t.overdue_at,
            o.action, o.opinion, o.returned_to, o.actor_subject, o.actor_name, o.acted_at
       FROM approvals.step_task t LEFT JOIN approvals.step_opinion o ON o.task_id = t.id
      WHERE t.matter_id = $1
      ORDER BY t.started_at, t.step_order${lock ? ' FOR UPDATE OF t' : ''}`,
    [matterId],
  );
}

export function mayAct(caller: CallerContext, task: Pick<TaskRow, 'assignees' | 'assignee_role'>): boolean {
  return task.assignees.some((a) => a.subject === caller.userId) || (task.assignee_role !== null && caller.roles.includes(task.assignee_role));
}

export interface DecisionRow {
  id: string;
  meeting_id: string;
  body: MeetingBody;
  result: DecisionResult;
  terms: DecisionTermsDto;
  hash: string;
  sealed_at: Date;
  held_on: string;
}

export async function decisionsOf(em: EntityManager, matterId: string): Promise<DecisionRow[]> {
  return em.query<DecisionRow[]>(
    `SELECT d.id, d.meeting_id, d.body, d.result, d.content->'terms' AS terms, d.hash, d.sealed_at, to_char(m.held_on, 'YYYY-MM-DD') AS held_on
       FROM approvals.decision_record d JOIN approvals.meeting m ON m.id = d.meeting_id
      WHERE d.matter_id = $1 ORDER BY d.sealed_at`,
    [matterId],
  );
}

/** The decision that binds what follows: the last passed one. */
export function bindingDecision(decisions: readonly DecisionRow[]): DecisionRow | undefined {
  return [...decisions].reverse().find((d) => d.result === DecisionResult.Passed);
}

/** Bodies that still have to decide, in turn. */
export function bodiesStillToDecide(m: MatterRow, decisions: readonly Pick<DecisionRow, 'body' | 'result'>[]): MeetingBody[] {
  const passed = new Set(decisions.filter((d) => d.result === DecisionResult.Passed).map((d) => d.body));
  return m.required_bodies.filter((b) => !passed.has(b));
}

export async function filingEntries(em: EntityManager, matterId: string): Promise<FilingEntryDto[]> {
  const rows = await em.query<{ id: string; kind: FilingKind; opinion: string; attachment_ids: string[]; recorded_by: string; recorded_by_name: string; recorded_at: Date }[]>(
    `SELECT id, kind, opinion, attachment_ids, recorded_by, recorded_by_name, recorded_at FROM approvals.filing_entry WHERE matter_id = $1 ORDER BY recorded_at`,
    [matterId],
  );
  return rows.map((r) => ({ id: r.id, kind: r.kind, opinion: r.opinion, attachmentIds: r.attachment_ids, recordedBy: r.recorded_by, recordedByName: r.recorded_by_name, recordedAt: r.recorded_at.toISOString() }));
}

export function filingOf(m: MatterRow, entries: FilingEntryDto[]): FilingDto {
  const have = new Set(entries.map((e) => e.kind));
  const missing = m.requires_meeting ? FILING_ORDER.filter((k) => !have.has(k)) : [];
  return { required: m.requires_meeting, entries, missing, copiedToDisciplineAt: iso(m.filed_at), complete: m.requires_meeting && missing.length === 0 };
}

export function summaryOf(m: MatterRow, dueAt: Date | null, alertCount: number): MatterSummaryDto {
  const step = m.current_step === null ? undefined : m.steps[m.current_step - 1];
  return {
    id: m.id,
    no: m.no,
    title: m.title,
    matterType: m.matter_type,
    amount: toAmount(m.amount),
    counterparty: m.counterparty,
    requiresMeeting: m.requires_meeting,
    status: m.status,
    currentStep: m.current_step,
    currentStepName: step ? stepName(step) : null,
    dueAt: iso(dueAt),
    proposerName: m.proposer_name,
    powerItemCode: m.power_item_code,
    powerItemName: m.power_item_name,
    createdAt: m.created_at.toISOString(),
    alertCount,
  };
}

function taskDto(m: MatterRow, t: TaskRow): StepTaskDto {
  return {
    id: t.id,
    stepOrder: t.step_order,
    stepName: stepName(m.steps[t.step_order - 1]),
    kind: m.steps[t.step_order - 1]?.kind ?? StepKind.Review,
    status: t.status,
    assignees: t.assignees,
    assigneeRole: t.assignee_role,
    assignmentNote: t.assignment_note,
    startedAt: t.started_at.toISOString(),
    dueAt: t.due_at.toISOString(),
    remindedAt: iso(t.reminded_at),
    overdueAt: iso(t.overdue_at),
    actedAt: iso(t.acted_at),
    action: t.action === 'withdraw' || t.action === null ? null : t.action,
    opinion: t.opinion,
    actorSubject: t.actor_subject,
    actorName: t.actor_name,
    returnedTo: t.returned_to,
  };
}

/** Nobody but the proposer has acted yet: the proposer may still take the matter back (撤回). */
export function isWithdrawable(m: MatterRow, tasks: readonly TaskRow[]): boolean {
  if (m.status !== MatterStatus.InProgress) return false;
  const acted = tasks.filter((t) => t.action !== null && t.action !== 'withdraw');
  return acted.every((t) => t.step_order === 1 && t.actor_subject === m.proposer_subject && m.steps[0]?.kind === StepKind.Submit);
}

/** Everything the detail page shows, read in the caller's transaction. */
export async function matterDto(em: EntityManager, caller: CallerContext, m: MatterRow): Promise<MatterDto> {
  const [tasks, entries, attachments, decisions, issuances, reports, evaluations, alertCount] = await Promise.all([
    tasksOf(em, m.id),
    filingEntries(em, m.id),
    attachmentsOf(em, m.id),
    decisionsOf(em, m.id),
    em.query<{ id: string; doc_no: string; title: string; issued_on: string; terms: DecisionTermsDto; differences: TermDifferenceDto[]; recorded_by: string; recorded_by_name: string; recorded_at: Date }[]>(
      `SELECT id, doc_no, title, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, terms, differences, recorded_by, recorded_by_name, recorded_at FROM approvals.issuance WHERE matter_id = $1 ORDER BY recorded_at`,
      [m.id],
    ),
    em.query<{ id: string; reported_on: string; progress_percent: number; amount_spent: string | null; counterparty: string | null; note: string; divergences: TermDifferenceDto[]; recorded_by: string; recorded_by_name: string; recorded_at: Date }[]>(
      `SELECT id, to_char(reported_on, 'YYYY-MM-DD') AS reported_on, progress_percent, amount_spent, counterparty, note, divergences, recorded_by, recorded_by_name, recorded_at FROM approvals.execution_report WHERE matter_id = $1 ORDER BY recorded_at`,
      [m.id],
    ),
    em.query<{ evaluated_on: string; rating: EvaluationDto['rating']; summary: string; indicators: EvaluationDto['indicators']; recorded_by: string; recorded_by_name: string; recorded_at: Date }[]>(
      `SELECT to_char(evaluated_on, 'YYYY-MM-DD') AS evaluated_on, rating, summary, indicators, recorded_by, recorded_by_name, recorded_at FROM approvals.evaluation WHERE matter_id = $1`,
      [m.id],
    ),
    em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM approvals.alert WHERE matter_id = $1 OR $1 = ANY (related_matter_ids)`, [m.id]),
  ]);
  const open = tasks.find((t) => t.status === TaskStatus.Open);
  const filing = filingOf(m, entries);
  const withdrawable = isWithdrawable(m, tasks);
  const live = !TERMINAL.includes(m.status);
  const binding = bindingDecision(decisions);
  const openKind = open ? m.steps[open.step_order - 1]?.kind : undefined;
  const issuanceDtos: IssuanceDto[] = issuances.map((r) => ({ id: r.id, docNo: r.doc_no, title: r.title, issuedOn: r.issued_on, terms: r.terms, differences: r.differences, recordedBy: r.recorded_by, recordedByName: r.recorded_by_name, recordedAt: r.recorded_at.toISOString() }));
  const reportDtos: ExecutionReportDto[] = reports.map((r) => ({
    id: r.id,
    reportedOn: r.reported_on,
    progressPercent: r.progress_percent,
    amountSpent: toAmount(r.amount_spent),
    counterparty: r.counterparty,
    note: r.note,
    divergences: r.divergences,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at.toISOString(),
  }));
  const ev = evaluations[0];
  const decisionDtos: MatterDecisionSummaryDto[] = decisions.map((d) => ({ decisionId: d.id, meetingId: d.meeting_id, body: d.body, heldOn: d.held_on, result: d.result, terms: d.terms, hash: d.hash, sealedAt: d.sealed_at.toISOString() }));
  return {
    ...summaryOf(m, open?.due_at ?? null, alertCount[0]?.n ?? 0),
    description: m.description,
    terms: termsOf(m),
    powerItemId: m.power_item_id,
    powerItemVersionNo: m.power_item_version_no,
    policyVersionNo: m.policy_version_no,
    proposerSubject: m.proposer_subject,
    handlingUnitCode: m.handling_unit_code,
    steps: m.steps,
    tasks: tasks.map((t) => taskDto(m, t)),
    filing,
    attachments,
    requiredBodies: m.required_bodies,
    decisions: decisionDtos,
    issuances: issuanceDtos,
    executionReports: reportDtos,
    evaluation: ev ? { evaluatedOn: ev.evaluated_on, rating: ev.rating, summary: ev.summary, indicators: ev.indicators, recordedBy: ev.recorded_by, recordedByName: ev.recorded_by_name, recordedAt: ev.recorded_at.toISOString() } : null,
    withdrawable,
    can: {
      act: live && open !== undefined && openKind !== StepKind.Meeting && mayAct(caller, open) && hasPermission(caller.roles, Permission.TaskWrite),
      withdraw: withdrawable && caller.userId === m.proposer_subject,
      sign: live && m.requires_meeting && m.filed_at === null && filing.missing.length === 1 && filing.missing[0] === FilingKind.SecretarySignature && hasPermission(caller.roles, Permission.FilingSign),
      issue: live && hasPermission(caller.roles, Permission.ExecutionWrite) && (m.status === MatterStatus.Executing || openKind === StepKind.Issue) && (!m.requires_meeting || binding !== undefined),
      report: hasPermission(caller.roles, Permission.ExecutionWrite) && m.status === MatterStatus.Executing,
      evaluate: hasPermission(caller.roles, Permission.EvaluationWrite) && m.status === MatterStatus.Executing,
    },
  };
}

export async function attachmentsOf(em: EntityManager, matterId: string): Promise<AttachmentDto[]> {
  const rows = await em.query<{ id: string; purpose: AttachmentDto['purpose']; file_name: string; media_type: string; size: number; sm3: string; uploaded_by: string; uploaded_by_name: string; uploaded_at: Date }[]>(
    `SELECT id, purpose, file_name, media_type, size, sm3, uploaded_by, uploaded_by_name, uploaded_at FROM approvals.attachment WHERE matter_id = $1 ORDER BY uploaded_at`,
    [matterId],
  );
  return rows.map((r) => ({ id: r.id, purpose: r.purpose, fileName: r.file_name, mediaType: r.media_type, size: r.size, sm3: r.sm3, uploadedBy: r.uploaded_by, uploadedByName: r.uploaded_by_name, uploadedAt: r.uploaded_at.toISOString() }));
}

export function stepKindLabel(kind: StepKind): string {
  return StepKindLabels[kind].zh;
}
