import {
  AlertKind,
  ApprovalsEvents,
  type CallerContext,
  type EvaluateRequest,
  type ExecutionReportedV1,
  type IssuanceRecordedV1,
  type MatterClosedV1,
  type MatterDto,
  MatterStatus,
  type RecordIssuanceRequest,
  type ReportExecutionRequest,
  StepAction,
  StepKind,
  TermFieldLabels,
  type TermDifferenceDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AlertsService } from '../alerts/alerts.service';
import { displayName, todayInChina, updateReturning } from '../platform/people';
import { PowerListClient } from '../platform/power-list.client';
import { PolicyService } from '../policy/policy.service';
import { compareTerms, executionDivergences, nextStep, toTerms } from '../rules';
import { resolveAssignment } from './assignment';
import { bindingDecision, decisionsOf, loadMatter, matterDto, type MatterRow, matterRef, mayAct, openTask, termsOf } from './matter-store';
import { MattersService } from './matters.service';
import { only } from '../platform/rows';
import { must } from '../platform/rows';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function describe(diffs: readonly TermDifferenceDto[]): string {
  return diffs.map((d) => `${TermFieldLabels[d.field].zh}：决策「${d.decided ?? '（无）'}」→ 实际「${d.actual ?? '（无）'}」`).join('；');
}

function requireDate(field: string, value: string): void {
  if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw DomainError.validation(field, 'date', `${field} must be a date YYYY-MM-DD`);
}

/**
 * 事后: the issued document (下达意见/批复) is compared with the decision record (将印发文件与会议决策
 * 记录比对) — a difference is 擅自改变决策事项; execution reports are compared with the decision
 * (决议决策与落实推进不一致); a post-evaluation (执行后评价) closes the matter.
 */
@Injectable()
export class ExecutionService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
    private readonly alerts: AlertsService,
    private readonly matters: MattersService,
    private readonly policy: PolicyService,
    private readonly powerList: PowerListClient,
  ) {}

  async issue(caller: CallerContext, id: string, req: RecordIssuanceRequest): Promise<MatterDto> {
    requirePermission(caller, Permission.ExecutionWrite);
    requireDate('issuedOn', req.issuedOn);
    // An issue step assigned to the caller completes with the issuance; whom the next step goes to
    // is resolved first (power-list), the transaction checks nothing moved.
    const before = await this.tx.read(caller.tenantId, async (em) => ({ m: await loadMatter(em, id), task: await openTask(em, id) }));
    const completesStep = before.task !== undefined && before.m.current_step !== null && before.m.steps[before.m.current_step - 1]?.kind === StepKind.Issue && mayAct(caller, before.task);
    const next = completesStep ? nextStep(must(before.m.current_step, 'current step'), before.m.steps.length) : null;
    const assignment = next === null ? null : await resolveAssignment(this.powerList, caller, this.matters.assignmentContext(before.m), next, todayInChina());

    return this.tx.run(caller.tenantId, async (em) => {
      let m = await loadMatter(em, id, true);
      const atIssueStep = m.current_step !== null && m.steps[m.current_step - 1]?.kind === StepKind.Issue;
      if (m.status !== MatterStatus.Executing && !atIssueStep) {
        throw DomainError.conflict(`事项 ${m.no} 当前不在下达阶段（${m.status}）/ matter ${m.no} is not at its issuing stage`, 'matter', 'issuing-stage');
      }
      const decisions = await decisionsOf(em, id);
      const binding = bindingDecision(decisions);
      if (m.requires_meeting && !binding) {
        throw DomainError.conflict(`事项 ${m.no} 须经集体决策，尚无通过的决策记录，不能下达 / matter ${m.no} needs a passed decision before anything is issued`, 'decision', 'decision-before-issuing');
      }
      const issued = toTerms(req.terms);
      const differences = binding ? compareTerms(binding.terms, issued) : [];
      const row = only(await em.query<{ id: string }[]>(
        `INSERT INTO approvals.issuance (tenant_id, matter_id, decision_id, doc_no, title, issued_on, terms, differences, note, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11) RETURNING id`,
        [caller.tenantId, id, binding?.id ?? null, req.docNo.trim(), req.title.trim(), req.issuedOn, JSON.stringify(issued), JSON.stringify(differences), req.note ?? null, caller.userId, displayName(caller)],
      ), 'row');
      await this.changes.record<IssuanceRecordedV1>(em, caller, { type: ApprovalsEvents.issuanceRecorded, version: 1, entityType: 'matter', entityId: id, data: { matterId: id, issuanceId: row.id, docNo: req.docNo.trim(), differences } });
      if (differences.length > 0) {
        await this.alerts.raise(em, caller, {
          kind: AlertKind.DecisionChanged,
          matter: matterRef(m),
          dedupeKey: `decision-changed:${row.id}`,
          summary: `${m.no} 印发文件 ${req.docNo.trim()} 与决策记录不一致（擅自改变决策事项）：${describe(differences)}`,
          detail: { issuanceId: row.id, decisionId: must(binding, 'decision').id, docNo: req.docNo.trim(), differences },
        });
      }
      if (!binding) await this.matters.detectShouldHaveMet(em, caller, m, issued.amount, `印发 ${req.docNo.trim()}`);
      const task = await openTask(em, id, true);
      if (completesStep && task && task.id === before.task?.id) {
        await this.matters.closeTask(em, task.id, 'approved');
        await this.matters.insertOpinion(em, caller, id, task.id, StepAction.Approve, `已印发 ${req.docNo.trim()}《${req.title.trim()}》`, null);
        const policy = await this.policy.versionIn(em, m.policy_version_no);
        m = next === null ? await this.matters.finish(em, caller, m) : await this.matters.openStep(em, caller, m, next, must(assignment, 'assignment'), policy);
      }
      return matterDto(em, caller, m);
    });
  }

  report(caller: CallerContext, id: string, req: ReportExecutionRequest): Promise<MatterDto> {
    requirePermission(caller, Permission.ExecutionWrite);
    requireDate('reportedOn', req.reportedOn);
    return this.tx.run(caller.tenantId, async (em) => {
      const m = await this.executing(em, id);
      const binding = bindingDecision(await decisionsOf(em, id));
      const decided = binding?.terms ?? termsOf(m);
      const divergences = executionDivergences(decided, { amountSpent: req.amountSpent ?? null, counterparty: req.counterparty ?? null });
      const row = only(await em.query<{ id: string }[]>(
        `INSERT INTO approvals.execution_report (tenant_id, matter_id, reported_on, progress_percent, amount_spent, counterparty, note, divergences, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING id`,
        [caller.tenantId, id, req.reportedOn, req.progressPercent, req.amountSpent ?? null, req.counterparty ?? null, req.note.trim(), JSON.stringify(divergences), caller.userId, displayName(caller)],
      ), 'row');
      await this.changes.record<ExecutionReportedV1>(em, caller, { type: ApprovalsEvents.executionReported, version: 1, entityType: 'matter', entityId: id, data: { matterId: id, reportId: row.id, progressPercent: req.progressPercent, divergences } });
      if (divergences.length > 0) {
        await this.alerts.raise(em, caller, {
          kind: AlertKind.ExecutionDivergent,
          matter: matterRef(m),
          dedupeKey: `execution-divergent:${row.id}`,
          summary: `${m.no} 执行情况与决策不一致（决议决策与落实推进不一致）：${describe(divergences)}`,
          detail: { reportId: row.id, decisionId: binding?.id ?? null, divergences },
        });
      }
      if (!binding) await this.matters.detectShouldHaveMet(em, caller, m, req.amountSpent ?? null, '执行');
      return matterDto(em, caller, m);
    });
  }

  evaluate(caller: CallerContext, id: string, req: EvaluateRequest): Promise<MatterDto> {
    requirePermission(caller, Permission.EvaluationWrite);
    requireDate('evaluatedOn', req.evaluatedOn);
    return this.tx.run(caller.tenantId, async (em) => {
      await this.executing(em, id);
      await em.query(
        `INSERT INTO approvals.evaluation (tenant_id, matter_id, evaluated_on, rating, summary, indicators, recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
        [caller.tenantId, id, req.evaluatedOn, req.rating, req.summary.trim(), JSON.stringify(req.indicators ?? []), caller.userId, displayName(caller)],
      );
      const closed = only(await updateReturning<MatterRow>(em, `UPDATE approvals.matter SET status = 'closed', updated_at = now() WHERE id = $1 RETURNING *`, [id]), 'closed');
      await this.changes.record<MatterClosedV1>(em, caller, { type: ApprovalsEvents.matterClosed, version: 1, entityType: 'matter', entityId: id, data: { matterId: id, rating: req.rating } });
      return matterDto(em, caller, closed);
    });
  }

  private async executing(em: EntityManager, id: string): Promise<MatterRow> {
    const m = await loadMatter(em, id, true);
    if (m.status !== MatterStatus.Executing) throw DomainError.conflict(`事项 ${m.no} 不在执行阶段（${m.status}）/ matter ${m.no} is not being executed`, 'matter', 'executing');
    return m;
  }
}
