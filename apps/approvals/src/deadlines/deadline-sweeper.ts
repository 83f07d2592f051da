import { AlertKind, ApprovalsEvents, type CallerContext, type MatterStepDto, type PolicyContent, type StepDeadlineV1 } from '@qinglian/contracts';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog } from '@qinglian/runtime';
import { createLogger } from '@qinglian/telemetry';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AlertsService } from '../alerts/alerts.service';
import { type MatterRow, matterRef } from '../matters/matter-store';
import { APPROVALS_CONFIG, type ApprovalsConfig } from '../platform/approvals-config';
import { PowerListClient } from '../platform/power-list.client';
import { PolicyService } from '../policy/policy.service';
import { deadlineState } from '../rules';
import { only } from '../platform/rows';

interface DueRow {
  task_id: string;
  step_order: number;
  due_at: Date;
  reminded_at: Date | null;
  overdue_at: Date | null;
  assignees: { subject: string }[];
  matter_id: string;
}

/**
 * Step time limits: every DEADLINE_SWEEP_MS each tenant's open steps are checked; a step nearing its
 * limit gets one reminder event (`approvals.step.reminder`), a step past it one overdue alert
 * (`approvals.alert.overdue`). Rows are claimed with SKIP LOCKED and marked in the same transaction
 * as the event, so several replicas never send one twice.
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = createLogger('approvals').child({ component: 'deadline-sweeper' });
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
    private readonly alerts: AlertsService,
    private readonly policy: PolicyService,
    private readonly powerList: PowerListClient,
    @Inject(APPROVALS_CONFIG) private readonly config: ApprovalsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .catch((e: unknown) => this.log.warn({ err: e }, 'deadline sweep failed; next round retries'))
        .finally(() => (this.running = undefined));
    }, this.config.DEADLINE_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now = new Date()): Promise<{ reminders: number; overdue: number }> {
    const total = { reminders: 0, overdue: 0 };
    for (const tenant of await this.powerList.tenants()) {
      const r = await this.sweepTenant(tenant.id, now);
      total.reminders += r.reminders;
      total.overdue += r.overdue;
    }
    return total;
  }

  private sweepTenant(tenantId: string, now: Date): Promise<{ reminders: number; overdue: number }> {
    const caller: CallerContext = { tenantId, userId: 'system:deadline-sweeper', roles: [], requestId: randomUUID(), userName: '系统（时限监控）' };
    return this.tx.run(tenantId, async (em) => {
      const due = await em.query<DueRow[]>(
        `SELECT t.id AS task_id, t.step_order, t.due_at, t.reminded_at, t.overdue_at, t.assignees, t.matter_id
           FROM approvals.step_task t
          WHERE t.status = 'open' AND t.overdue_at IS NULL AND t.due_at <= $1::timestamptz + interval '7 days'
          ORDER BY t.due_at LIMIT 500 FOR UPDATE OF t SKIP LOCKED`,
        [now],
      );
      const policies = new Map<number, PolicyContent>();
      const out = { reminders: 0, overdue: 0 };
      for (const t of due) {
        const m = only(await em.query<MatterRow[]>(`SELECT * FROM approvals.matter WHERE id = $1`, [t.matter_id]), 'matter');
        let policy = policies.get(m.policy_version_no);
        if (!policy) policies.set(m.policy_version_no, (policy = await this.policy.versionIn(em, m.policy_version_no)));
        const state = deadlineState(now, t.due_at, policy.reminderHours, t.reminded_at, t.overdue_at);
        if (state === 'none') continue;
        const step: MatterStepDto | undefined = m.steps[t.step_order - 1];
        const data: StepDeadlineV1 = { matterId: m.id, matterNo: m.no, taskId: t.task_id, stepOrder: t.step_order, stepName: step?.name ?? '', dueAt: t.due_at.toISOString(), assignees: t.assignees.map((a) => a.subject) };
        if (state === 'remind') {
          await em.query(`UPDATE approvals.step_task SET reminded_at = $2 WHERE id = $1`, [t.task_id, now]);
          await this.changes.record(em, caller, { type: ApprovalsEvents.stepReminder, version: 1, entityType: 'matter', entityId: m.id, data });
          out.reminders++;
        } else {
          await em.query(`UPDATE approvals.step_task SET overdue_at = $2, reminded_at = coalesce(reminded_at, $2) WHERE id = $1`, [t.task_id, now]);
          await this.alerts.raise(em, caller, {
            kind: AlertKind.Overdue,
            matter: matterRef(m),
            dedupeKey: `overdue:${t.task_id}`,
            summary: `${m.no} 第 ${t.step_order} 步「${step?.name ?? ''}」超过办理时限（应于 ${t.due_at.toISOString()} 前办结）`,
            detail: data as unknown as Record<string, unknown>,
          });
          out.overdue++;
        }
      }
      return out;
    });
  }
}
