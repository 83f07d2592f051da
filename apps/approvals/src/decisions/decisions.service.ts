import { type CallerContext, type DecisionRecordContent, type DecisionRecordDto, type DecisionVerificationDto, type InlineFileDto, type VerifyPrintedRequest } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { PowerListClient } from '../platform/power-list.client';
import { verifySeal } from '../sealing/decision-seal';
import { renderDecisionRecordHtml } from '../sealing/print';
import { keyFingerprint } from '../sealing/sm-crypto';
import { SigningKeys } from './signing-keys';

interface RecordRow {
  id: string;
  matter_id: string;
  meeting_id: string;
  agenda_item_id: string;
  content: DecisionRecordContent;
  hash: string;
  signature: string;
  key_id: string;
  sealed_at: Date;
  audit_seq: string;
}

function toDto(r: RecordRow): DecisionRecordDto {
  return { id: r.id, matterId: r.matter_id, meetingId: r.meeting_id, agendaItemId: r.agenda_item_id, content: r.content, hash: r.hash, signature: r.signature, keyId: r.key_id, sealedAt: r.sealed_at.toISOString(), auditSeq: Number(r.audit_seq) };
}

/**
 * 决策记录: sealed records are read, verified and printed here; nothing changes them (no endpoint
 * writes to a sealed record, the runtime role cannot, and a trigger refuses the owner). Verification
 * recomputes the SM3 hash of the stored content, checks the SM2 signature with the key that made it
 * (retired keys included), checks the audit-chain entry that holds the hash, and the chain itself.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly keys: SigningKeys,
    private readonly changes: ChangeLog,
    private readonly powerList: PowerListClient,
  ) {}

  get(caller: CallerContext, id: string): Promise<DecisionRecordDto> {
    requirePermission(caller, Permission.DecisionRead);
    return this.tx.read(caller.tenantId, async (em) => toDto(await this.load(em, id)));
  }

  verify(caller: CallerContext, id: string, printed: VerifyPrintedRequest): Promise<DecisionVerificationDto> {
    requirePermission(caller, Permission.DecisionRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const r = await this.load(em, id);
      const publicKeyPem = await this.keys.publicKey(em, r.key_id);
      const seal = verifySeal({ content: r.content, hash: r.hash, signature: r.signature, publicKeyPem, expectedHash: printed.hash?.toLowerCase(), expectedSignature: printed.signature });
      const problems = [...seal.problems];
      const entries = await em.query<{ entity_id: string | null; hash: string | null }[]>(`SELECT entity_id, data->>'hash' AS hash FROM approvals.audit_log WHERE seq = $1`, [r.audit_seq]);
      const entry = entries[0];
      const auditEntryMatches = entry !== undefined && entry.entity_id === r.id && entry.hash === r.hash;
      if (!auditEntryMatches) problems.push(`审计链第 ${r.audit_seq} 条记录的哈希与决策记录不符 / audit entry ${r.audit_seq} does not hold this record's hash`);
      const chain = await this.changes.verifyAudit(em, caller.tenantId);
      if (!chain.ok) problems.push(`审计链在第 ${'firstBroken' in chain ? JSON.stringify(chain.firstBroken) : '?'} 处断裂 / the audit chain is broken`);
      return {
        decisionId: r.id,
        ok: problems.length === 0,
        storedHash: r.hash,
        computedHash: seal.computedHash,
        hashMatches: seal.hashMatches,
        signatureValid: seal.signatureValid,
        auditEntryMatches: auditEntryMatches && chain.ok,
        keyId: r.key_id,
        problems,
      };
    });
  }

  async print(caller: CallerContext, id: string): Promise<InlineFileDto> {
    requirePermission(caller, Permission.DecisionRead);
    const tenants = await this.powerList.tenants().catch(() => []);
    const tenantName = tenants.find((t) => t.id === caller.tenantId)?.name ?? caller.tenantId;
    return this.tx.read(caller.tenantId, async (em) => {
      const r = await this.load(em, id);
      const publicKeyPem = await this.keys.publicKey(em, r.key_id);
      const html = renderDecisionRecordHtml(toDto(r), { tenantName, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem), verifyPath: `/api/v1/decisions/${r.id}/verify`, printedAt: new Date().toISOString() });
      return { contentType: 'text/html; charset=utf-8', fileName: `决策记录-${r.content.matter.no}.html`, base64: Buffer.from(html, 'utf8').toString('base64') };
    });
  }

  private async load(em: EntityManager, id: string): Promise<RecordRow> {
    const rows = await em.query<RecordRow[]>(`SELECT id, matter_id, meeting_id, agenda_item_id, content, hash, signature, key_id, sealed_at, audit_seq FROM approvals.decision_record WHERE id = $1`, [id]);
    if (!rows[0]) throw DomainError.notFound('decision record', id);
    return rows[0];
  }
}
