import {
  type CallerContext,
  type Cadence,
  type CreateResponsibilityListRequest,
  DocumentKind,
  type DutyDto,
  type ListResponsibilityListsRequest,
  PowerListEvents,
  type ResponsibilityListDto,
  type ResponsibilityListEntryDto,
  type ResponsibilityListFields,
  type ResponsibilityRole,
  type ReviewRequest,
  type UpdateResponsibilityListDraftRequest,
  type VersionDiffDto,
  type VersionSummaryDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { RequestValidationError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { DocumentEntity, DocumentVersionEntity } from '../documents/document.entities';
import { diffValues, labelChanges } from '../documents/diff';
import { type DocumentAdapter, type LoadedVersion, type Problem, VersionedDocuments, versionMeta } from '../documents/versioned-documents';

/** What a responsibility list version stores. */
export interface ResponsibilityListContent {
  readonly title: string;
  readonly role: ResponsibilityRole;
  readonly organisation: string | null;
  readonly duties: DutyDto[];
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: '清单名称',
  role: '责任角色',
  organisation: '责任主体',
  duties: '责任条目',
  number: '序号',
  text: '内容',
  cadence: '履职周期',
  evidence: '佐证材料',
  every: '周期',
  times: '次数',
  atLeast: '至少',
  window: '时段',
  dueMonthDay: '截止日期',
  periodic: '定期',
  onEvent: '触发事件',
  record: '材料',
  stated: '文中列明',
};
const LIST_LABELS: Readonly<Record<string, string>> = { duties: '第{n}条', cadence: '周期{n}', evidence: '佐证材料{n}' };

/** 责任清单: per-role duty lists with machine-readable cadences, versioned like power items. */
@Injectable()
export class ResponsibilityListsService {
  readonly adapter: DocumentAdapter<ResponsibilityListContent> = {
    kind: DocumentKind.ResponsibilityList,
    label: '责任清单',
    readPermission: Permission.ResponsibilityListRead,
    writePermission: Permission.ResponsibilityListWrite,
    events: {
      created: PowerListEvents.responsibilityListCreated,
      drafted: PowerListEvents.responsibilityListDrafted,
      submitted: PowerListEvents.responsibilityListSubmitted,
      reviewed: PowerListEvents.responsibilityListReviewed,
      published: PowerListEvents.responsibilityListPublished,
    },
    prepare: (_em, content) => {
      const problems = cadenceProblems(content);
      if (problems.length > 0) return Promise.reject(new RequestValidationError(problems));
      return Promise.resolve(content);
    },
    incomplete: () => [],
    columns: (code, c) => ({ title: c.title, category: null, handlingUnitCode: null, listRole: c.role, stepCount: 0, searchText: [code, c.title, ...c.duties.flatMap((d) => [d.title ?? '', d.text])].join('\n') }),
    publishedData: (c) => ({ role: c.role, duties: c.duties.map((d) => ({ number: d.number, title: d.title, text: d.text, cadence: d.cadence })) }),
  };

  constructor(
    private readonly tx: TenantTransactions,
    private readonly docs: VersionedDocuments,
  ) {}

  async create(caller: CallerContext, req: CreateResponsibilityListRequest): Promise<ResponsibilityListDto> {
    return toDto(await this.docs.create(caller, this.adapter, req.code, normaliseList(req)));
  }

  list(caller: CallerContext, req: ListResponsibilityListsRequest): Promise<ResponsibilityListEntryDto[]> {
    requirePermission(caller, Permission.ResponsibilityListRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const qb = em
        .getRepository(DocumentEntity)
        .createQueryBuilder('d')
        .innerJoinAndMapOne('d.latest', DocumentVersionEntity, 'v', 'v.document_id = d.id AND v.version_no = d.latest_version_no')
        .where('d.kind = :kind', { kind: DocumentKind.ResponsibilityList });
      if (req.role) qb.andWhere('v.list_role = :role', { role: req.role });
      if (req.status) qb.andWhere('v.status = :status', { status: req.status });
      const docs = (await qb.orderBy('d.code', 'ASC').getMany()) as (DocumentEntity & { latest: DocumentVersionEntity })[];
      return docs.map((d) => {
        const c = d.latest.content as unknown as ResponsibilityListContent;
        return {
          id: d.id,
          code: d.code,
          title: c.title,
          role: c.role,
          status: d.latest.status,
          latestVersionNo: d.latestVersionNo,
          publishedVersionNo: d.publishedVersionNo,
          dutyCount: c.duties.length,
          updatedAt: d.latest.updatedAt.toISOString(),
        };
      });
    });
  }

  get(caller: CallerContext, id: string, versionNo?: number): Promise<ResponsibilityListDto> {
    requirePermission(caller, Permission.ResponsibilityListRead);
    return this.tx.read(caller.tenantId, async (em) => toDto(await this.docs.load(em, this.adapter, id, versionNo)));
  }

  /** Every published list: the templates the assessment service turns into tasks. */
  published(caller: CallerContext): Promise<ResponsibilityListDto[]> {
    requirePermission(caller, Permission.ResponsibilityListRead);
    return this.tx.read(caller.tenantId, (em) => this.publishedIn(em));
  }

  async publishedIn(em: EntityManager): Promise<ResponsibilityListDto[]> {
    const docs = await em.getRepository(DocumentEntity).find({ where: { kind: DocumentKind.ResponsibilityList }, order: { code: 'ASC' } });
    const out: ResponsibilityListDto[] = [];
    for (const d of docs) if (d.publishedVersionNo !== null) out.push(toDto(await this.docs.load(em, this.adapter, d.id, d.publishedVersionNo)));
    return out;
  }

  versions(caller: CallerContext, id: string): Promise<VersionSummaryDto[]> {
    requirePermission(caller, Permission.ResponsibilityListRead);
    return this.tx.read(caller.tenantId, (em) => this.docs.versions(em, this.adapter, id));
  }

  async newDraft(caller: CallerContext, id: string, fromVersionNo?: number): Promise<ResponsibilityListDto> {
    return toDto(await this.docs.newDraft(caller, this.adapter, id, fromVersionNo));
  }

  async updateDraft(caller: CallerContext, id: string, versionNo: number, req: UpdateResponsibilityListDraftRequest): Promise<ResponsibilityListDto> {
    return toDto(await this.docs.updateDraft(caller, this.adapter, id, versionNo, () => normaliseList(req)));
  }

  async submit(caller: CallerContext, id: string, versionNo: number): Promise<ResponsibilityListDto> {
    return toDto(await this.docs.submit(caller, this.adapter, id, versionNo));
  }

  async review(caller: CallerContext, id: string, versionNo: number, req: ReviewRequest): Promise<ResponsibilityListDto> {
    return toDto(await this.docs.review(caller, this.adapter, id, versionNo, req, Permission.ReviewWrite));
  }

  async publish(caller: CallerContext, id: string, versionNo: number): Promise<ResponsibilityListDto> {
    return toDto(await this.docs.publish(caller, this.adapter, id, versionNo, Permission.PublishWrite));
  }

  diff(caller: CallerContext, id: string, from: number, to: number): Promise<VersionDiffDto> {
    requirePermission(caller, Permission.ResponsibilityListRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const a = await this.docs.load(em, this.adapter, id, from);
      const b = await this.docs.load(em, this.adapter, id, to);
      // Rebuilt in the contract's field order: JSONB keeps keys in its own order.
      const changes = diffValues(normaliseList(a.content), normaliseList(b.content));
      return { fromVersionNo: from, toVersionNo: to, changes: labelChanges(changes, FIELD_LABELS, LIST_LABELS) };
    });
  }
}

export function normaliseList(req: ResponsibilityListFields): ResponsibilityListContent {
  return {
    title: req.title.trim(),
    role: req.role,
    organisation: req.organisation?.trim() || null,
    duties: req.duties.map((d, i) => ({
      number: i + 1,
      title: d.title?.trim() || null,
      text: d.text.trim(),
      cadence: (d.cadence ?? []).map(canonicalCadence),
      // Records the duty text names first, then inferred ones (the order the Excel sheets keep too).
      evidence: stableStatedFirst((d.evidence ?? []).map((e) => ({ record: e.record.trim(), stated: e.stated ?? false }))),
    })),
  };
}

function stableStatedFirst<E extends { stated: boolean }>(records: E[]): E[] {
  return [...records.filter((e) => e.stated), ...records.filter((e) => !e.stated)];
}

/** Keeps only the keys that carry something, in one order, so equal cadences compare equal. */
function canonicalCadence(c: Cadence): Cadence {
  const keys = ['every', 'times', 'atLeast', 'window', 'dueMonthDay', 'dueDerivedFrom', 'periodic', 'onEvent', 'reporter', 'reportTo', 'clause'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (c[k] !== undefined && c[k] !== '') out[k] = c[k];
  return out;
}

/** A cadence says when: a period, 定期, or an event; a due date must be a real day. */
export function cadenceProblems(c: ResponsibilityListContent): Problem[] {
  const problems: Problem[] = [];
  c.duties.forEach((d, i) =>
    d.cadence.forEach((k, j) => {
      const field = `duties[${i}].cadence[${j}]`;
      if (!k.every && !k.periodic && !k.onEvent) {
        problems.push({ field, rule: 'when', message: `第${i + 1}条的履职周期须写明周期、定期或触发事件 / duty ${i + 1} cadence ${j + 1} needs every, periodic or onEvent` });
      }
      if (k.dueMonthDay && !validMonthDay(k.dueMonthDay)) {
        problems.push({ field: `${field}.dueMonthDay`, rule: 'date', message: `第${i + 1}条的截止日期 ${k.dueMonthDay} 不存在 / ${k.dueMonthDay} is not a day of the year` });
      }
    }),
  );
  return problems;
}

function validMonthDay(md: string): boolean {
  const [m, d] = md.split('-').map(Number);
  // 2024 is a leap year, so 02-29 is accepted as a due date.
  const date = new Date(Date.UTC(2024, (m ?? 0) - 1, d ?? 0));
  return date.getUTCMonth() === (m ?? 0) - 1 && date.getUTCDate() === d;
}

export function toDto(l: LoadedVersion<ResponsibilityListContent>): ResponsibilityListDto {
  return {
    id: l.doc.id,
    code: l.doc.code,
    title: l.content.title,
    role: l.content.role,
    organisation: l.content.organisation,
    duties: l.content.duties,
    version: versionMeta(l.version, l.reviews),
    publishedVersionNo: l.doc.publishedVersionNo,
    latestVersionNo: l.doc.latestVersionNo,
  };
}

