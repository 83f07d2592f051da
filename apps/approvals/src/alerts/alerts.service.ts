import { AlertEventTypes, type AlertDto, AlertKind, type AlertRaisedV1, type CallerContext, type ListAlertsRequest, type MatterRefV1 } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

export interface RaiseAlert {
  readonly kind: AlertKind;
  readonly matter: MatterRefV1;
  /** Same key, same alert: raising it again does nothing (no event is published twice). */
  readonly dedupeKey: string;
  readonly summary: string;
  readonly relatedMatterIds?: string[];
  readonly detail: Record<string, unknown>;
}

interface AlertRow {
  id: string;
  kind: AlertKind;
  matter_id: string;
  matter_no: string;
  matter_title: string;
  related_matter_ids: string[];
  summary: string;
  data: Record<string, unknown>;
  raised_at: Date;
}

/**
 * 预警: what detection found (应上会未上会, 拆分事项规避上会, 擅自改变决策事项, 决议决策与落实推进不一致,
 * 超时). Each alert is a row and an `approvals.alert.*` event written in the same transaction as the
 * change that revealed it; a dedupe key keeps one finding from being raised twice.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
  ) {}

  /** Inside the caller's transaction; answers the alert id, or null when it was raised before. */
  async raise(em: EntityManager, caller: CallerContext, alert: RaiseAlert): Promise<string | null> {
    const rows = await em.query<{ id: string }[]>(
      `INSERT INTO approvals.alert (tenant_id, kind, matter_id, related_matter_ids, dedupe_key, summary, data)
       VALUES ($1, $2, $3, $4::uuid[], $5, $6, $7::jsonb)
       ON CONFLICT (tenant_id, dedupe_key) DO NOTHING RETURNING id`,
      [caller.tenantId, alert.kind, alert.matter.matterId, alert.relatedMatterIds ?? [], alert.dedupeKey, alert.summary, JSON.stringify(alert.detail)],
    );
    const id = rows[0]?.id;
    if (!id) return null;
    await this.changes.record<AlertRaisedV1>(em, caller, {
      type: AlertEventTypes[alert.kind],
      version: 1,
      entityType: 'alert',
      entityId: id,
      data: { alertId: id, kind: alert.kind, matter: alert.matter, relatedMatterIds: alert.relatedMatterIds ?? [], summary: alert.summary, detail: alert.detail },
    });
    return id;
  }

  list(caller: CallerContext, req: ListAlertsRequest): Promise<AlertDto[]> {
    requirePermission(caller, Permission.AlertRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const rows = await em.query<AlertRow[]>(
        `SELECT a.id, a.kind, a.matter_id, m.no AS matter_no, m.title AS matter_title, a.related_matter_ids, a.summary, a.data, a.raised_at
           FROM approvals.alert a JOIN approvals.matter m ON m.id = a.matter_id
          WHERE ($1::text IS NULL OR a.kind = $1) AND ($2::uuid IS NULL OR a.matter_id = $2 OR $2 = ANY (a.related_matter_ids))
          ORDER BY a.raised_at DESC LIMIT 500`,
        [req.kind ?? null, req.matterId ?? null],
      );
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        matterId: r.matter_id,
        matterNo: r.matter_no,
        matterTitle: r.matter_title,
        relatedMatterIds: r.related_matter_ids,
        summary: r.summary,
        data: r.data,
        raisedAt: r.raised_at.toISOString(),
      }));
    });
  }
}
