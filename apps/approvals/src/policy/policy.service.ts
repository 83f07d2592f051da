import { type CallerContext, DEFAULT_POLICY, ApprovalsEvents, type PolicyChangedV1, type PolicyContent, type PolicyDto } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { displayName } from '../platform/people';
import { only } from '../platform/rows';

interface PolicyRow {
  version_no: number;
  content: PolicyContent;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

function toDto(r: PolicyRow): PolicyDto {
  return { versionNo: r.version_no, content: r.content, createdAt: r.created_at.toISOString(), createdBy: r.created_by, createdByName: r.created_by_name };
}

/**
 * 决策规则: the tenant's policy, versioned. Version 1 is the platform default (the seed's rules),
 * written the first time a tenant needs it; every change is a new version, and a matter or meeting
 * keeps the version it started under.
 */
@Injectable()
export class PolicyService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
  ) {}

  current(caller: CallerContext): Promise<PolicyDto> {
    requirePermission(caller, Permission.PolicyRead);
    return this.tx.run(caller.tenantId, async (em) => toDto(await this.currentIn(em)));
  }

  versions(caller: CallerContext): Promise<PolicyDto[]> {
    requirePermission(caller, Permission.PolicyRead);
    return this.tx.run(caller.tenantId, async (em) => {
      await this.currentIn(em);
      const rows = await em.query<PolicyRow[]>(`SELECT version_no, content, created_by, created_by_name, created_at FROM approvals.policy_version ORDER BY version_no DESC`);
      return rows.map(toDto);
    });
  }

  update(caller: CallerContext, content: PolicyContent): Promise<PolicyDto> {
    requirePermission(caller, Permission.PolicyWrite);
    const types = new Set(content.matterTypes.map((t) => t.type));
    if (types.size !== 4) throw DomainError.validation('matterTypes', 'each-type-once', 'matterTypes must list each of the four matter types once / 四类“三重一大”事项各一条');
    const kinds = content.stepTimeLimits.map((l) => l.kind);
    if (new Set(kinds).size !== kinds.length) throw DomainError.validation('stepTimeLimits', 'each-kind-once', 'stepTimeLimits must name each step kind at most once');
    return this.tx.run(caller.tenantId, async (em) => {
      const current = await this.currentIn(em, true);
      const rows = await em.query<PolicyRow[]>(
        `INSERT INTO approvals.policy_version (tenant_id, version_no, content, created_by, created_by_name)
         VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING version_no, content, created_by, created_by_name, created_at`,
        [caller.tenantId, current.version_no + 1, JSON.stringify(content), caller.userId, displayName(caller)],
      );
      const row = only(rows, 'policy version');
      await this.changes.record<PolicyChangedV1>(em, caller, { type: ApprovalsEvents.policyChanged, version: 1, entityType: 'policy', entityId: String(row.version_no), data: { versionNo: row.version_no } });
      return toDto(row);
    });
  }

  /** The current version inside a tenant transaction; writes version 1 (the default) when there is none. */
  async currentIn(em: EntityManager, lock = false): Promise<PolicyRow> {
    const find = () =>
      em.query<PolicyRow[]>(`SELECT version_no, content, created_by, created_by_name, created_at FROM approvals.policy_version ORDER BY version_no DESC LIMIT 1${lock ? ' FOR UPDATE' : ''}`);
    const found = (await find())[0];
    if (found) return found;
    await em.query(
      `INSERT INTO approvals.policy_version (tenant_id, version_no, content) VALUES ((SELECT approvals.current_tenant_id()), 1, $1::jsonb) ON CONFLICT DO NOTHING`,
      [JSON.stringify(DEFAULT_POLICY)],
    );
    return only(await find(), 'policy version');
  }

  async versionIn(em: EntityManager, versionNo: number): Promise<PolicyContent> {
    const rows = await em.query<{ content: PolicyContent }[]>(`SELECT content FROM approvals.policy_version WHERE version_no = $1`, [versionNo]);
    if (!rows[0]) throw new Error(`policy version ${versionNo} is missing`);
    return rows[0].content;
  }
}
