import {
  type ActOnStepRequest,
  AlertKind,
  ApprovalsEvents,
  type CallerContext,
  type CreateMatterRequest,
  type ListMattersRequest,
  type MatterDto,
  MatterStatus,
  type MatterStepDto,
  type MatterSubmittedV1,
  type MatterSummaryDto,
  type MatterWithdrawnV1,
  type PageDto,
  type PolicyContent,
  StepAction,
  type StepActedV1,
  StepKind,
  StepKindLabels,
  TaskStatus,
  type TodoDto,
  TodoKind,
  FilingKind,
  type WithdrawRequest,
  MatterTypeLabels,
} from '@qinglian/contracts';
import { hasPermission, Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { displayName, todayInChina, toAmount, updateReturning } from '../platform/people';
import { PowerListClient } from '../platform/power-list.client';
import { PolicyService } from '../policy/policy.service';
import { dueAt, findSplitting, nextStep, requiredBodies, requiresMeeting, returnRefusal, stepTimeLimitDays, toTerms, typeRule, type MatterLite } from '../rules';
import { type AssignmentContext, resolveAssignment, type StepAssignment } from './assignment';
import { bindingDecision, decisionsOf, loadMatter, matterDto, type MatterRow, matterRef, mayAct, openTask, summaryOf, TERMINAL, tasksOf, isWithdrawable } from './matter-store';
import { must, only, stepAt } from '../platform/rows';

/**
 * 事项: a matter runs the published version of a power item's flow, step by step. Each step is
 * assigned from the directory on the day it opens; the person acting approves, rejects or returns to
 * an earlier step, always with a written opinion (审核、审批人必须签署或发表明确的意见). A meeting step
 * waits for the sealed decision of each body the policy names.
 */
@Injectable()
export class MattersService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
    private readonly policy: PolicyService,
    private readonly powerList: PowerListClient,
    private readonly alerts: AlertsService,
  ) {}

  async create(caller: CallerContext, req: CreateMatterRequest): Promise<MatterDto> {
    requirePermission(caller, Permission.MatterWrite);
    const item = await this.powerList.publishedPowerItem(caller, req.powerItemId);
    if (item.flow.steps.length === 0) throw DomainError.conflict(`权力事项 ${item.code} 的流程没有步骤 / power item ${item.code} has no flow steps`, 'powerItemId', 'has-flow');
    const terms = toTerms(req.terms);
    const matterType = req.matterType ?? null;
    const proposer = { subject: caller.userId, name: displayName(caller) };
    const today = todayInChina();
    // The policy is read again (and pinned) inside the transaction; a change in between only means
    // the assignment below was resolved a moment earlier.
    const policyNow = await this.tx.run(caller.tenantId, (em) => this.policy.currentIn(em));
    const steps: MatterStepDto[] = item.flow.steps.map((s) => ({
      order: s.order,
      name: s.name ?? StepKindLabels[s.kind].zh,
      kind: s.kind,
      actor: s.actor ? { kind: s.actor.kind, ref: s.actor.ref } : null,
      meetingBodies: s.meetingBodies,
      timeLimitDays: stepTimeLimitDays(s.timeLimitDays, s.kind, policyNow.content),
      riskPoints: s.riskPoints,
      controlMeasures: s.controlMeasures,
    }));
    const bodies = requiredBodies(matterType, terms.amount, policyNow.content);
    const ctx: AssignmentContext = { steps, handlingUnitCode: item.handlingUnitCode, proposer, requiredBodies: bodies };
    const submitted = steps[0]?.kind === StepKind.Submit;
    const firstOpen = submitted ? nextStep(1, steps.length) : 1;
    const assignment = firstOpen === null ? null : await resolveAssignment(this.powerList, caller, ctx, firstOpen, today);

    return this.tx.run(caller.tenantId, async (em) => {
      const policy = await this.policy.currentIn(em);
      const meeting = requiresMeeting(matterType, terms.amount, policy.content);
      const year = Number(today.slice(0, 4));
      const counter = only(await em.query<{ last_no: number }[]>(
        `INSERT INTO approvals.matter_counter (tenant_id, year, last_no) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, year) DO UPDATE SET last_no = approvals.matter_counter.last_no + 1 RETURNING last_no`,
        [caller.tenantId, year],
      ), 'counter');
      const no = `SX-${year}-${String(counter.last_no).padStart(4, '0')}`;
      const row = only(await em.query<MatterRow[]>(
        `INSERT INTO approvals.matter (tenant_id, no, title, description, matter_type, amount, counterparty, project, scope, conditions, requires_meeting, required_bodies,
                                       policy_version_no, power_item_id, power_item_code, power_item_name, power_item_version_no, handling_unit_code, steps, status, current_step,
                                       proposer_subject, proposer_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13, $14, $15, $16, $17, $18, $19::jsonb, 'in-progress', NULL, $20, $21) RETURNING *`,
        [
          caller.tenantId, no, req.title.trim(), req.description.trim(), matterType, terms.amount, terms.counterparty, terms.project, terms.scope, terms.conditions,
          meeting, meeting ? requiredBodies(matterType, terms.amount, policy.content) : [], policy.version_no, item.id, item.code, item.name, item.version.versionNo,
          item.handlingUnitCode, JSON.stringify(steps), proposer.subject, proposer.name,
        ],
      ), 'row');
      let m = row;
      if (submitted) {
        const task = await this.insertTask(em, caller, m, 1, { assignees: [proposer], role: null, note: '发起人提交' }, policy.content, 'approved');
        await this.insertOpinion(em, caller, m.id, task, StepAction.Approve, req.description.trim(), null);
      }
      m = firstOpen === null ? await this.finish(em, caller, m) : await this.openStep(em, caller, m, firstOpen, must(assignment, 'assignment'), policy.content);
      const data: MatterSubmittedV1 = { ...matterRef(m), requiresMeeting: m.requires_meeting, policyVersionNo: m.policy_version_no, proposerSubject: m.proposer_subject };
      await this.changes.record(em, caller, { type: ApprovalsEvents.matterSubmitted, version: 1, entityType: 'matter', entityId: m.id, data });
      await this.detectSplitting(em, caller, m, policy.content);
      return matterDto(em, caller, m);
    });
  }

  list(caller: CallerContext, req: ListMattersRequest): Promise<PageDto<MatterSummaryDto>> {
    requirePermission(caller, Permission.MatterRead);
    const limit = req.limit ?? 50;
    const offset = req.offset ?? 0;
    return this.tx.read(caller.tenantId, async (em) => {
      const rows = await em.query<(MatterRow & { due_at: Date | null; alert_count: number; total: number })[]>(
        `SELECT m.*, t.due_at, (SELECT count(*)::int FROM approvals.alert a WHERE a.matter_id = m.id) AS alert_count, count(*) OVER ()::int AS total
           FROM approvals.matter m LEFT JOIN approvals.step_task t ON t.matter_id = m.id AND t.status = 'open'
          WHERE ($1::text IS NULL OR m.status = $1) AND ($2::text IS NULL OR m.matter_type = $2)
            AND ($3::text IS NULL OR m.title ILIKE '%' || $3 || '%' OR m.no ILIKE '%' || $3 || '%')
          ORDER BY m.created_at DESC LIMIT $4 OFFSET $5`,
        [req.status ?? null, req.matterType ?? null, req.q ?? null, limit, offset],
      );
      return { items: rows.map((r) => summaryOf(r, r.due_at, r.alert_count)), total: rows[0]?.total ?? 0, limit, offset };
    });
  }

  get(caller: CallerContext, id: string): Promise<MatterDto> {
    requirePermission(caller, Permission.MatterRead);
    return this.tx.read(caller.tenantId, async (em) => matterDto(em, caller, await loadMatter(em, id)));
  }

  async act(caller: CallerContext, id: string, req: ActOnStepRequest): Promise<MatterDto> {
    requirePermission(caller, Permission.TaskWrite);
    // Resolve whom the next step goes to before the transaction (a call to power-list); the
    // transaction then checks nothing moved meanwhile.
    const before = await this.tx.read(caller.tenantId, async (em) => ({ m: await loadMatter(em, id), task: await openTask(em, id) }));
    const current = before.m.current_step;
    if (!before.task || current === null || TERMINAL.includes(before.m.status)) throw DomainError.conflict(`事项 ${before.m.no} 当前没有待办理的步骤 / matter ${before.m.no} has no open step`);
    if (req.stepOrder !== undefined && req.stepOrder !== current) throw DomainError.conflict(`事项已在第 ${current} 步，不在第 ${req.stepOrder} 步（页面已过期）/ the matter is at step ${current}, not ${req.stepOrder}`, 'stepOrder', 'current');
    const kind = stepAt(before.m, current).kind;
    if (kind === StepKind.Meeting) throw DomainError.conflict('会议审批步骤由会议决议完成，不能个人办理 / a meeting step is completed by the meeting’s sealed decision', 'action', 'meeting-step');
    if (!mayAct(caller, before.task)) throw DomainError.forbidden(`第 ${current} 步「${stepAt(before.m, current).name}」未分配给您 / step ${current} is not assigned to you`);
    let target: number | null = null;
    if (req.action === StepAction.Return) {
      const why = returnRefusal(current, req.toStep);
      if (why) throw DomainError.validation('toStep', 'earlier-step', why);
      target = must(req.toStep, 'toStep');
    } else if (req.action === StepAction.Approve) {
      if (kind === StepKind.Issue) {
        const issued = await this.tx.read(caller.tenantId, (em) => em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM approvals.issuance WHERE matter_id = $1`, [id]));
        if ((issued[0]?.n ?? 0) === 0) throw DomainError.conflict('下达步骤须先登记印发文件（下达意见/批复）/ record the issued document first', 'action', 'issuance-first');
      }
      target = nextStep(current, before.m.steps.length);
    }
    const ctx = this.assignmentContext(before.m);
    const assignment = target === null ? null : await resolveAssignment(this.powerList, caller, ctx, target, todayInChina());

    return this.tx.run(caller.tenantId, async (em) => {
      let m = await loadMatter(em, id, true);
      const task = await openTask(em, id, true);
      if (!task || task.id !== before.task?.id) throw DomainError.conflict(`第 ${current} 步已被他人办理 / step ${current} was acted on meanwhile`);
      const policy = await this.policy.versionIn(em, m.policy_version_no);
      await this.closeTask(em, task.id, req.action === StepAction.Approve ? 'approved' : req.action === StepAction.Reject ? 'rejected' : 'returned');
      await this.insertOpinion(em, caller, id, task.id, req.action, req.opinion.trim(), req.action === StepAction.Return ? target : null);
      if (req.action === StepAction.Reject) {
        m = only(await updateReturning<MatterRow>(em, `UPDATE approvals.matter SET status = 'rejected', current_step = NULL, updated_at = now() WHERE id = $1 RETURNING *`, [id]), 'matter');
      } else if (target === null) {
        m = await this.finish(em, caller, m);
      } else {
        m = await this.openStep(em, caller, m, target, must(assignment, 'assignment'), policy);
      }
      const data: StepActedV1 = { matterId: id, taskId: task.id, stepOrder: current, action: req.action, opinion: req.opinion.trim(), actorSubject: caller.userId, returnedTo: req.action === StepAction.Return ? target : null, matterStatus: m.status, nextStep: m.current_step };
      await this.changes.record(em, caller, { type: ApprovalsEvents.stepActed, version: 1, entityType: 'matter', entityId: id, data });
      return matterDto(em, caller, m);
    });
  }

  withdraw(caller: CallerContext, id: string, req: WithdrawRequest): Promise<MatterDto> {
    requirePermission(caller, Permission.MatterRead);
    return this.tx.run(caller.tenantId, async (em) => {
      const m = await loadMatter(em, id, true);
      if (m.proposer_subject !== caller.userId) throw DomainError.forbidden(`只有发起人 ${m.proposer_name} 可以撤回 / only the proposer may withdraw`);
      const tasks = await tasksOf(em, id, true);
      if (!isWithdrawable(m, tasks)) throw DomainError.conflict(`事项 ${m.no} 已进入审核，不能撤回 / matter ${m.no} is already under review and cannot be withdrawn`);
      const open = tasks.find((t) => t.status === TaskStatus.Open);
      if (open) {
        await this.closeTask(em, open.id, 'withdrawn');
        await this.insertOpinion(em, caller, id, open.id, 'withdraw', req.reason.trim(), null);
      }
      const row = only(await updateReturning<MatterRow>(em, `UPDATE approvals.matter SET status = 'withdrawn', current_step = NULL, updated_at = now() WHERE id = $1 RETURNING *`, [id]), 'row');
      await this.changes.record<MatterWithdrawnV1>(em, caller, { type: ApprovalsEvents.matterWithdrawn, version: 1, entityType: 'matter', entityId: id, data: { matterId: id, reason: req.reason.trim() } });
      return matterDto(em, caller, row);
    });
  }

  /** 我的待办: steps assigned to me, filings waiting for my role, positions I owe at open meetings. */
  todos(caller: CallerContext): Promise<TodoDto[]> {
    requirePermission(caller, Permission.MatterRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const now = Date.now();
      const steps = await em.query<{ task_id: string; matter_id: string; no: string; title: string; step_order: number; steps: MatterStepDto[]; started_at: Date; due_at: Date }[]>(
        `SELECT t.id AS task_id, m.id AS matter_id, m.no, m.title, t.step_order, m.steps, t.started_at, t.due_at
           FROM approvals.step_task t JOIN approvals.matter m ON m.id = t.matter_id
          WHERE t.status = 'open' AND (t.assignees @> $1::jsonb OR t.assignee_role = ANY ($2::text[]))
          ORDER BY t.due_at`,
        [JSON.stringify([{ subject: caller.userId }]), caller.roles],
      );
      const out: TodoDto[] = steps
        .filter((s) => s.steps[s.step_order - 1]?.kind !== StepKind.Meeting)
        .map((s) => ({
          kind: TodoKind.Step,
          matterId: s.matter_id,
          matterNo: s.no,
          matterTitle: s.title,
          label: `第 ${s.step_order} 步：${s.steps[s.step_order - 1]?.name ?? ''}`,
          taskId: s.task_id,
          meetingId: null,
          stepOrder: s.step_order,
          startedAt: s.started_at.toISOString(),
          dueAt: s.due_at.toISOString(),
          overdue: s.due_at.getTime() <= now,
        }));
      const canReview = hasPermission(caller.roles, Permission.ComplianceReviewWrite);
      const canSign = hasPermission(caller.roles, Permission.FilingSign);
      if (canReview || canSign) {
        const filings = await em.query<{ id: string; no: string; title: string; matter_type: keyof typeof MatterTypeLabels; created_at: Date; kinds: string[] }[]>(
          `SELECT m.id, m.no, m.title, m.matter_type, m.created_at, coalesce(array_agg(DISTINCT f.kind) FILTER (WHERE f.kind IS NOT NULL), '{}') AS kinds
             FROM approvals.matter m LEFT JOIN approvals.filing_entry f ON f.matter_id = m.id
            WHERE m.requires_meeting AND m.filed_at IS NULL AND m.status IN ('in-progress', 'awaiting-meeting')
            GROUP BY m.id ORDER BY m.created_at`,
        );
        for (const f of filings) {
          const base = { matterId: f.id, matterNo: f.no, matterTitle: f.title, taskId: null, meetingId: null, stepOrder: null, startedAt: f.created_at.toISOString(), dueAt: null, overdue: false };
          if (canReview && !f.kinds.includes(FilingKind.ComplianceReview)) out.push({ ...base, kind: TodoKind.ComplianceReview, label: '合法合规审查（出具书面意见）' });
          if (canSign && f.kinds.length === 4) out.push({ ...base, kind: TodoKind.Sign, label: '会前报备：书记签字' });
        }
      }
      if (hasPermission(caller.roles, Permission.PositionWrite)) {
        const owed = await em.query<{ meeting_id: string; matter_id: string; no: string; title: string; opened_at: Date; meeting_title: string }[]>(
          `SELECT g.id AS meeting_id, m.id AS matter_id, m.no, m.title, g.opened_at, g.title AS meeting_title
             FROM approvals.agenda_item a
             JOIN approvals.meeting g ON g.id = a.meeting_id
             JOIN approvals.matter m ON m.id = a.matter_id
            WHERE g.status = 'in-session' AND a.status = 'open'
              AND g.members @> $1::jsonb
              AND NOT EXISTS (SELECT 1 FROM approvals.position p WHERE p.agenda_item_id = a.id AND p.subject = $2)
              AND NOT EXISTS (SELECT 1 FROM approvals.recusal r WHERE r.agenda_item_id = a.id AND r.subject = $2)
            ORDER BY g.opened_at, a.seq`,
          [JSON.stringify([{ subject: caller.userId, present: true }]), caller.userId],
        );
        for (const p of owed) {
          out.push({ kind: TodoKind.Position, matterId: p.matter_id, matterNo: p.no, matterTitle: p.title, label: `会议表态：${p.meeting_title}`, taskId: null, meetingId: p.meeting_id, stepOrder: null, startedAt: p.opened_at.toISOString(), dueAt: null, overdue: false });
        }
      }
      return out;
    });
  }

  assignmentContext(m: MatterRow): AssignmentContext {
    return { steps: m.steps, handlingUnitCode: m.handling_unit_code, proposer: { subject: m.proposer_subject, name: m.proposer_name }, requiredBodies: m.required_bodies };
  }

  /** Opens step `order` (a new task) and moves the matter there. */
  async openStep(em: EntityManager, caller: CallerContext, m: MatterRow, order: number, assignment: StepAssignment, policy: PolicyContent): Promise<MatterRow> {
    await this.insertTask(em, caller, m, order, assignment, policy, 'open');
    const status = stepAt(m, order).kind === StepKind.Meeting ? MatterStatus.AwaitingMeeting : MatterStatus.InProgress;
    const row = only(await updateReturning<MatterRow>(em, `UPDATE approvals.matter SET current_step = $2, status = $3, updated_at = now() WHERE id = $1 RETURNING *`, [m.id, order, status]), 'row');
    return row;
  }

  /** Every step done: the matter is being carried out. Reaching this without a decision it needed is 应上会未上会. */
  async finish(em: EntityManager, caller: CallerContext, m: MatterRow): Promise<MatterRow> {
    const row = only(await updateReturning<MatterRow>(em, `UPDATE approvals.matter SET current_step = NULL, status = 'executing', updated_at = now() WHERE id = $1 RETURNING *`, [m.id]), 'row');
    await this.detectShouldHaveMet(em, caller, row, toAmount(row.amount), '流程办结进入执行');
    return row;
  }

  /**
   * 应上会未上会: a matter of a meeting-required type, or over the threshold (by the amount proposed,
   * issued or spent), reaches execution without a passed decision.
   */
  async detectShouldHaveMet(em: EntityManager, caller: CallerContext, m: MatterRow, amount: number | null, when: string): Promise<void> {
    const policy = await this.policy.versionIn(em, m.policy_version_no);
    const needed = m.requires_meeting || requiresMeeting(m.matter_type, amount, policy);
    if (!needed) return;
    if (bindingDecision(await decisionsOf(em, m.id))) return;
    const threshold = m.matter_type ? typeRule(m.matter_type, policy).thresholdAmount ?? null : null;
    await this.alerts.raise(em, caller, {
      kind: AlertKind.ShouldHaveMet,
      matter: matterRef(m),
      dedupeKey: `should-have-met:${m.id}`,
      summary: `${m.no}「${m.title}」${m.matter_type ? `属${MatterTypeLabels[m.matter_type].zh}` : ''}${amount !== null ? `，金额 ${amount} 元` : ''}，未经集体决策即${when}（应上会未上会）`,
      detail: { amount, threshold, requiredBodies: m.required_bodies, when },
    });
  }

  /** 拆分事项规避上会: this matter and others of the same type and counterparty/project, each under the threshold, together over it. */
  private async detectSplitting(em: EntityManager, caller: CallerContext, m: MatterRow, policy: PolicyContent): Promise<void> {
    if (!m.matter_type || m.amount === null) return;
    const threshold = typeRule(m.matter_type, policy).thresholdAmount ?? null;
    if (threshold === null) return;
    const window = policy.splittingWindowDays;
    const others = await em.query<{ id: string; matter_type: MatterRow['matter_type']; amount: string | null; counterparty: string | null; project: string | null; created_at: Date }[]>(
      `SELECT id, matter_type, amount, counterparty, project, created_at FROM approvals.matter
        WHERE matter_type = $1 AND id <> $2 AND status NOT IN ('withdrawn', 'rejected')
          AND created_at BETWEEN $3::timestamptz - make_interval(days => $4) AND $3::timestamptz + make_interval(days => $4)`,
      [m.matter_type, m.id, m.created_at, window],
    );
    const lite = (r: { id: string; matter_type: MatterRow['matter_type']; amount: string | null; counterparty: string | null; project: string | null; created_at: Date }): MatterLite => ({
      id: r.id,
      matterType: r.matter_type,
      amount: toAmount(r.amount),
      counterparty: r.counterparty,
      project: r.project,
      createdAt: r.created_at,
    });
    const split = findSplitting(lite({ ...m }), others.map(lite), { windowDays: window, threshold });
    if (!split) return;
    await this.alerts.raise(em, caller, {
      kind: AlertKind.Splitting,
      matter: matterRef(m),
      relatedMatterIds: split.matterIds.filter((x) => x !== m.id),
      dedupeKey: `splitting:${split.matterIds.join(',')}`,
      summary: `${split.matterIds.length} 个${MatterTypeLabels[m.matter_type].zh}事项（同一${split.sharedBy === 'counterparty' ? '交易对方' : '项目'}，${window} 天内）单笔均低于 ${threshold} 元，合计 ${split.total} 元（拆分事项规避上会）`,
      detail: { matterIds: split.matterIds, total: split.total, threshold, windowDays: window, sharedBy: split.sharedBy },
    });
  }

  private async insertTask(em: EntityManager, caller: CallerContext, m: MatterRow, order: number, a: StepAssignment, policy: PolicyContent, status: 'open' | 'approved'): Promise<string> {
    const step = stepAt(m, order);
    const now = new Date();
    const row = only(await em.query<{ id: string }[]>(
      `INSERT INTO approvals.step_task (tenant_id, matter_id, step_order, assignees, assignee_role, assignment_note, status, started_at, due_at, closed_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [caller.tenantId, m.id, order, JSON.stringify(a.assignees), a.role, a.note, status, now, dueAt(now, stepTimeLimitDays(step.timeLimitDays, step.kind, policy)), status === 'open' ? null : now],
    ), 'row');
    return row.id;
  }

  async closeTask(em: EntityManager, taskId: string, status: 'approved' | 'rejected' | 'returned' | 'withdrawn' | 'decided'): Promise<void> {
    await em.query(`UPDATE approvals.step_task SET status = $2, closed_at = now() WHERE id = $1`, [taskId, status]);
  }

  async insertOpinion(em: EntityManager, caller: CallerContext, matterId: string, taskId: string, action: StepAction | 'withdraw', opinion: string, returnedTo: number | null): Promise<void> {
    await em.query(
      `INSERT INTO approvals.step_opinion (tenant_id, task_id, matter_id, action, opinion, returned_to, actor_subject, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [caller.tenantId, taskId, matterId, action, opinion, returnedTo, caller.userId, displayName(caller)],
    );
  }
}
