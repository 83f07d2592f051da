import {
  ActorKind,
  type AddAttachmentMessage,
  ApprovalsEvents,
  AttachmentPurpose,
  type AttachmentDto,
  type AttachmentRef,
  type CallerContext,
  ErrorCode,
  FilingKind,
  FilingKindLabels,
  type FilingCopiedV1,
  type FilingRecordedV1,
  type InlineFileDto,
  type MatterDto,
  MatterStatus,
  type MatterSummaryDto,
  type RecordFilingRequest,
  type SignFilingRequest,
} from '@qinglian/contracts';
import { Permission, Role } from '@qinglian/auth';
import { FileStore } from '@qinglian/messaging';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, NATS_CONNECTION, requirePermission } from '@qinglian/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { displayName, todayInChina, updateReturning } from '../platform/people';
import { PowerListClient } from '../platform/power-list.client';
import { sm3Hex } from '../sealing/sm-crypto';
import { ATTACHMENT_STORE, type AttachmentStore } from './attachment-store';
import { attachmentsOf, filingEntries, filingOf, loadMatter, matterDto, type MatterRow, summaryOf, tasksOf, TERMINAL } from './matter-store';
import { must, only } from '../platform/rows';

/** Who may upload which kind of attachment. */
const UPLOAD_PERMISSION: Readonly<Record<AttachmentPurpose, Permission>> = {
  [AttachmentPurpose.General]: Permission.MatterWrite,
  [AttachmentPurpose.Research]: Permission.MatterWrite,
  [AttachmentPurpose.Consultation]: Permission.MatterWrite,
  [AttachmentPurpose.RiskAssessment]: Permission.MatterWrite,
  [AttachmentPurpose.ComplianceReview]: Permission.ComplianceReviewWrite,
  [AttachmentPurpose.Issued]: Permission.ExecutionWrite,
  [AttachmentPurpose.Execution]: Permission.ExecutionWrite,
};

/**
 * 会前报备: a “三重一大” matter goes on an agenda only after its compliance review with a written
 * opinion (合法合规审查), its research, consultation and risk assessment (先调研论证、先征求意见、先风险
 * 评估), and the Party secretary's signature — which copies the filing to the external discipline
 * group (抄送派驻纪检监察组存档备查). Also the matter's attachments, each with its SM3 hash.
 */
@Injectable()
export class FilingService {
  private files: FileStore | undefined;

  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
    private readonly powerList: PowerListClient,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  record(caller: CallerContext, id: string, req: RecordFilingRequest): Promise<MatterDto> {
    requirePermission(caller, req.kind === FilingKind.ComplianceReview ? Permission.ComplianceReviewWrite : Permission.MatterWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const m = await loadMatter(em, id, true);
      this.requireOpenFiling(m);
      if (req.kind === FilingKind.ComplianceReview) {
        // 分岗设权: the compliance review is written by someone who has not handled the matter.
        const handled = (await tasksOf(em, id)).some((t) => t.actor_subject === caller.userId) || m.proposer_subject === caller.userId;
        if (handled) throw DomainError.conflict('合法合规审查须由未参与本事项办理的人员出具 / the compliance review is written by someone who has not handled the matter', 'kind', 'independent-review');
      }
      const known = new Set((await attachmentsOf(em, id)).map((a) => a.id));
      const unknown = (req.attachmentIds ?? []).find((a) => !known.has(a));
      if (unknown) throw DomainError.validation('attachmentIds', 'of-this-matter', `附件 ${unknown} 不属于事项 ${m.no} / attachment ${unknown} is not one of this matter's`);
      const row = only(await em.query<{ id: string }[]>(
        `INSERT INTO approvals.filing_entry (tenant_id, matter_id, kind, opinion, attachment_ids, recorded_by, recorded_by_name) VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7) RETURNING id`,
        [caller.tenantId, id, req.kind, req.opinion.trim(), req.attachmentIds ?? [], caller.userId, displayName(caller)],
      ), 'row');
      await this.changes.record<FilingRecordedV1>(em, caller, { type: ApprovalsEvents.filingRecorded, version: 1, entityType: 'matter', entityId: id, data: { matterId: id, kind: req.kind, entryId: row.id } });
      return matterDto(em, caller, m);
    });
  }

  /** 书记签字: the main leader on the day signs once the four records are in; the filing is then copied to 派驻纪检监察组. */
  async sign(caller: CallerContext, id: string, req: SignFilingRequest): Promise<MatterDto> {
    requirePermission(caller, Permission.FilingSign);
    const leaders = await this.powerList.assigneesOn(caller, { kind: ActorKind.Role, ref: Role.MainLeader }, '-', todayInChina());
    if (!leaders.people.some((p) => p.subject === caller.userId)) {
      throw DomainError.forbidden(`会前报备须由党委（党组）书记签字：名录中 ${leaders.on} 的主要领导不是您 / only the main leader in the directory on ${leaders.on} signs filings`);
    }
    return this.tx.run(caller.tenantId, async (em) => {
      const m = await loadMatter(em, id, true);
      this.requireOpenFiling(m);
      const entries = await filingEntries(em, id);
      const missing = filingOf(m, entries).missing.filter((k) => k !== FilingKind.SecretarySignature);
      if (missing.length > 0) {
        throw DomainError.conflict(`会前报备不完整，缺少：${missing.map((k) => FilingKindLabels[k].zh).join('、')}，书记不能签字 / the filing lacks ${missing.join(', ')}`, 'filing', 'complete-before-signing');
      }
      const row = only(await em.query<{ id: string }[]>(
        `INSERT INTO approvals.filing_entry (tenant_id, matter_id, kind, opinion, recorded_by, recorded_by_name) VALUES ($1, $2, 'secretary-signature', $3, $4, $5) RETURNING id`,
        [caller.tenantId, id, req.opinion.trim(), caller.userId, displayName(caller)],
      ), 'row');
      const filed = only(await updateReturning<MatterRow>(em, `UPDATE approvals.matter SET filed_at = now(), updated_at = now() WHERE id = $1 RETURNING *`, [id]), 'filed');
      await this.changes.record<FilingRecordedV1>(em, caller, { type: ApprovalsEvents.filingRecorded, version: 1, entityType: 'matter', entityId: id, data: { matterId: id, kind: FilingKind.SecretarySignature, entryId: row.id } });
      await this.changes.record<FilingCopiedV1>(em, caller, {
        type: ApprovalsEvents.filingCopied,
        version: 1,
        entityType: 'matter',
        entityId: id,
        data: { matterId: id, matterNo: m.no, copiedAt: must(filed.filed_at, 'filed_at').toISOString(), entryIds: [...entries.map((e) => e.id), row.id] },
      });
      return matterDto(em, caller, filed);
    });
  }

  /** 存档备查: every filed matter of the tenant (the external discipline group's archive). */
  filed(caller: CallerContext): Promise<MatterSummaryDto[]> {
    requirePermission(caller, Permission.FilingRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const rows = await em.query<(MatterRow & { alert_count: number })[]>(
        `SELECT m.*, (SELECT count(*)::int FROM approvals.alert a WHERE a.matter_id = m.id) AS alert_count FROM approvals.matter m WHERE m.filed_at IS NOT NULL ORDER BY m.filed_at DESC`,
      );
      return rows.map((r) => summaryOf(r, null, r.alert_count));
    });
  }

  async addAttachment(caller: CallerContext, req: AddAttachmentMessage): Promise<AttachmentDto> {
    requirePermission(caller, UPLOAD_PERMISSION[req.purpose]);
    this.files ??= new FileStore(this.nc);
    const content = await this.files.take(req.objectKey);
    if (content === null) throw new DomainError(ErrorCode.Conflict, '上传的文件已过期，请重新上传 / the upload expired; upload again');
    return this.tx.run(caller.tenantId, async (em) => {
      const m = await loadMatter(em, req.matterId, true);
      if (TERMINAL.includes(m.status) && m.status !== MatterStatus.Closed) throw DomainError.conflict(`事项 ${m.no} 已${m.status === MatterStatus.Withdrawn ? '撤回' : '终止'}，不能再添加附件 / matter ${m.no} is ${m.status}`);
      const key = randomUUID();
      await this.store.put(em, caller.tenantId, key, content);
      const row = only(await em.query<{ id: string }[]>(
        `INSERT INTO approvals.attachment (tenant_id, matter_id, purpose, file_name, media_type, size, sm3, storage, storage_key, uploaded_by, uploaded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [caller.tenantId, m.id, req.purpose, req.fileName, req.contentType, content.byteLength, sm3Hex(content), this.store.name, key, caller.userId, displayName(caller)],
      ), 'row');
      return must((await attachmentsOf(em, m.id)).find((a) => a.id === row.id), 'attachment');
    });
  }

  getAttachment(caller: CallerContext, ref: AttachmentRef): Promise<InlineFileDto> {
    requirePermission(caller, Permission.MatterRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const rows = await em.query<{ file_name: string; media_type: string; storage_key: string; sm3: string }[]>(
        `SELECT file_name, media_type, storage_key, sm3 FROM approvals.attachment WHERE id = $1 AND matter_id = $2`,
        [ref.attachmentId, ref.matterId],
      );
      const a = rows[0];
      if (!a) throw DomainError.notFound('attachment', ref.attachmentId);
      const content = await this.store.get(em, a.storage_key);
      if (content === null) throw new Error(`attachment ${ref.attachmentId} has no content in ${this.store.name}`);
      if (sm3Hex(content) !== a.sm3) throw DomainError.conflict(`附件 ${a.file_name} 的内容与登记的 SM3 哈希不符 / the stored content does not match its recorded SM3 hash`);
      return { contentType: a.media_type, fileName: a.file_name, base64: Buffer.from(content).toString('base64') };
    });
  }

  private requireOpenFiling(m: MatterRow): void {
    if (!m.requires_meeting) throw DomainError.conflict(`事项 ${m.no} 不属“三重一大”事项，无需会前报备 / matter ${m.no} needs no pre-meeting filing`, 'matter', 'requires-meeting');
    if (TERMINAL.includes(m.status)) throw DomainError.conflict(`事项 ${m.no} 已结束 / matter ${m.no} is ${m.status}`);
    if (m.filed_at !== null) throw DomainError.conflict(`事项 ${m.no} 已报备（书记已签字），报备材料不能再变更 / the filing was signed and is closed`, 'filing', 'signed');
  }
}
