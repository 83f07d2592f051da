import {
  type CallerContext,
  type CreatePowerItemRequest,
  DocumentKind,
  ErrorCode,
  type Flow,
  type FlowChangedV1,
  type InlineFileDto,
  type ListPowerItemsRequest,
  type PageDto,
  type PowerItemDto,
  type PowerItemListEntryDto,
  PowerListEvents,
  type PublishedPowerItemRequest,
  type ReviewRequest,
  type UpdatePowerItemDraftRequest,
  type VersionDiffDto,
  VersionStatus,
  type VersionSummaryDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, RequestValidationError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { type EntityManager } from 'typeorm';
import { OrgUnitEntity, PostEntity } from '../directory/directory.entities';
import { DocumentEntity } from '../documents/document.entities';
import { diffValues, labelChanges } from '../documents/diff';
import { type DocumentAdapter, type LoadedVersion, VersionedDocuments, versionMeta } from '../documents/versioned-documents';
import { flowChartFontFile, renderFlowPng, renderFlowSvg } from '../flow-chart';
import {
  completenessProblems,
  type DirectoryIndex,
  draftProblems,
  FIELD_LABELS,
  LIST_LABELS,
  normaliseContent,
  normaliseFlow,
  type PowerItemContent,
  resolveFlow,
  searchTextOf,
} from './power-item-content';

/** 权力事项: versioned power items with their exercise flows and flow charts. */
@Injectable()
export class PowerItemsService {
  readonly adapter: DocumentAdapter<PowerItemContent>;
  private readonly fontFile = flowChartFontFile();

  constructor(
    private readonly tx: TenantTransactions,
    private readonly docs: VersionedDocuments,
    private readonly changes: ChangeLog,
  ) {
    this.adapter = {
      kind: DocumentKind.PowerItem,
      label: '权力事项',
      readPermission: Permission.PowerItemRead,
      writePermission: Permission.PowerItemWrite,
      events: {
        created: PowerListEvents.powerItemCreated,
        drafted: PowerListEvents.powerItemDrafted,
        submitted: PowerListEvents.powerItemSubmitted,
        reviewed: PowerListEvents.powerItemReviewed,
        published: PowerListEvents.powerItemPublished,
      },
      prepare: async (em, content) => {
        const problems = draftProblems(content, await directoryIndex(em));
        if (problems.length > 0) throw new RequestValidationError(problems);
        return content;
      },
      incomplete: (content) => completenessProblems(content),
      columns: (code, content) => ({ title: content.name, category: content.category, handlingUnitCode: content.handlingUnitCode, listRole: null, stepCount: content.flow.steps.length, searchText: searchTextOf(code, content) }),
      publishedData: (content) => ({ category: content.category, handlingUnitCode: content.handlingUnitCode, flow: content.flow }),
    };
  }

  async create(caller: CallerContext, req: CreatePowerItemRequest): Promise<PowerItemDto> {
    const loaded = await this.docs.create(caller, this.adapter, req.code, normaliseContent(req));
    return this.read(caller, (em) => this.toDto(em, loaded));
  }

  list(caller: CallerContext, req: ListPowerItemsRequest): Promise<PageDto<PowerItemListEntryDto>> {
    requirePermission(caller, Permission.PowerItemRead);
    const limit = req.limit ?? 50;
    const offset = req.offset ?? 0;
    return this.tx.read(caller.tenantId, async (em) => {
      const where = ['d.kind = $1'];
      const params: unknown[] = [DocumentKind.PowerItem];
      const add = (sql: (n: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (req.category) add((p) => `v.category = ${p}`, req.category);
      if (req.status) add((p) => `v.status = ${p}`, req.status);
      if (req.unit) {
        // A unit's items include those of the units below it; the codes first, so the plan stays simple.
        const below = await em.query<{ code: string }[]>(
          `SELECT c.code FROM power_list.org_unit c JOIN power_list.org_unit p ON p.id = ANY (c.path) WHERE p.code = $1`,
          [req.unit],
        );
        add((p) => `v.handling_unit_code = ANY (${p}::text[])`, below.map((b) => b.code));
      }
      // Through the trigram index, for this tenant only (migration 1764200000000).
      if (req.q?.trim()) add((p) => `v.id IN (SELECT power_list.search_versions(${p}))`, `%${escapeLike(req.q.trim())}%`);
      params.push(limit, offset);
      const rows = await em.query<Record<string, string | number | Date | null>[]>(
        `SELECT d.id, d.code, d.published_version_no AS published, d.latest_version_no AS latest, v.title AS name, v.category,
                v.handling_unit_code AS unit_code, v.status, v.updated_at, v.step_count AS steps,
                u.name AS unit_name, count(*) OVER () AS total
           FROM power_list.document d
           JOIN power_list.document_version v ON v.document_id = d.id AND v.version_no = d.latest_version_no
           LEFT JOIN power_list.org_unit u ON u.code = v.handling_unit_code
          WHERE ${where.join(' AND ')}
          ORDER BY d.code
          LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      const total = rows.length > 0 ? Number(rows[0]?.['total']) : offset > 0 ? await this.count(em, where, params.slice(0, -2)) : 0;
      const items = rows.map(
        (r): PowerItemListEntryDto => ({
          id: String(r['id']),
          code: String(r['code']),
          name: String(r['name']),
          category: String(r['category']),
          handlingUnitCode: String(r['unit_code']),
          handlingUnitName: r['unit_name'] === null ? null : String(r['unit_name']),
          status: statusOf(r['status']),
          latestVersionNo: Number(r['latest']),
          publishedVersionNo: r['published'] === null ? null : Number(r['published']),
          stepCount: Number(r['steps']),
          updatedAt: new Date(r['updated_at'] as Date).toISOString(),
        }),
      );
      return { items, total, limit, offset };
    });
  }

  /** The total when the page asked for lies past the end (the window count needs a row). */
  private async count(em: EntityManager, where: string[], params: unknown[]): Promise<number> {
    const [row] = await em.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM power_list.document d JOIN power_list.document_version v ON v.document_id = d.id AND v.version_no = d.latest_version_no WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(row?.n ?? 0);
  }

  categories(caller: CallerContext): Promise<string[]> {
    requirePermission(caller, Permission.PowerItemRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const rows = await em.query<{ category: string }[]>(
        `SELECT DISTINCT v.category FROM power_list.document_version v JOIN power_list.document d ON d.id = v.document_id AND v.version_no = d.latest_version_no WHERE d.kind = $1 ORDER BY 1`,
        [DocumentKind.PowerItem],
      );
      return rows.map((r) => r.category);
    });
  }

  get(caller: CallerContext, id: string, versionNo?: number): Promise<PowerItemDto> {
    requirePermission(caller, Permission.PowerItemRead);
    return this.tx.read(caller.tenantId, async (em) => this.toDto(em, await this.docs.load(em, this.adapter, id, versionNo)));
  }

  /** The published version, by id or code: what a matter runs (approvals). */
  published(caller: CallerContext, req: PublishedPowerItemRequest): Promise<PowerItemDto> {
    requirePermission(caller, Permission.PowerItemRead);
    if (!req.id && !req.code) throw DomainError.validation('code', 'required', 'id or code is required');
    return this.tx.read(caller.tenantId, async (em) => {
      const doc = await em.getRepository(DocumentEntity).findOneBy({ kind: DocumentKind.PowerItem, ...(req.id ? { id: req.id } : { code: req.code }) });
      if (!doc) throw DomainError.notFound('power item', req.id ?? req.code ?? '');
      if (doc.publishedVersionNo === null) throw DomainError.notFound(`published version of power item`, doc.code);
      return this.toDto(em, await this.docs.load(em, this.adapter, doc.id, doc.publishedVersionNo));
    });
  }

  versions(caller: CallerContext, id: string): Promise<VersionSummaryDto[]> {
    requirePermission(caller, Permission.PowerItemRead);
    return this.tx.read(caller.tenantId, (em) => this.docs.versions(em, this.adapter, id));
  }

  async newDraft(caller: CallerContext, id: string, fromVersionNo?: number): Promise<PowerItemDto> {
    const loaded = await this.docs.newDraft(caller, this.adapter, id, fromVersionNo);
    return this.read(caller, (em) => this.toDto(em, loaded));
  }

  async updateDraft(caller: CallerContext, id: string, versionNo: number, req: UpdatePowerItemDraftRequest): Promise<PowerItemDto> {
    const loaded = await this.docs.updateDraft(caller, this.adapter, id, versionNo, (current) => normaliseContent(req, current.flow), (em, before, after) => this.flowChanged(em, caller, before, after));
    return this.read(caller, (em) => this.toDto(em, loaded));
  }

  async putFlow(caller: CallerContext, id: string, versionNo: number, flow: Flow): Promise<PowerItemDto> {
    const loaded = await this.docs.updateDraft(caller, this.adapter, id, versionNo, (current) => ({ ...current, flow: normaliseFlow(flow) }), (em, before, after) => this.flowChanged(em, caller, before, after));
    return this.read(caller, (em) => this.toDto(em, loaded));
  }

  async submit(caller: CallerContext, id: string, versionNo: number): Promise<PowerItemDto> {
    const loaded = await this.docs.submit(caller, this.adapter, id, versionNo);
    return this.read(caller, (em) => this.toDto(em, loaded));
  }

  async review(caller: CallerContext, id: string, versionNo: number, req: ReviewRequest): Promise<PowerItemDto> {
    const loaded = await this.docs.review(caller, this.adapter, id, versionNo, req, Permission.ReviewWrite);
    return this.read(caller, (em) => this.toDto(em, loaded));
  }

  async publish(caller: CallerContext, id: string, versionNo: number): Promise<PowerItemDto> {
    const loaded = await this.docs.publish(caller, this.adapter, id, versionNo, Permission.PublishWrite);
    return this.read(caller, (em) => this.toDto(em, loaded));
  }

  diff(caller: CallerContext, id: string, from: number, to: number): Promise<VersionDiffDto> {
    requirePermission(caller, Permission.PowerItemRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const a = await this.docs.load(em, this.adapter, id, from);
      const b = await this.docs.load(em, this.adapter, id, to);
      // Rebuilt in the contract's field order: JSONB keeps keys in its own order.
      const changes = diffValues(normaliseContent(a.content), normaliseContent(b.content));
      return { fromVersionNo: from, toVersionNo: to, changes: labelChanges(changes, FIELD_LABELS, LIST_LABELS) };
    });
  }

  flowSvg(caller: CallerContext, id: string, versionNo: number): Promise<InlineFileDto> {
    requirePermission(caller, Permission.PowerItemRead);
    return this.tx.read(caller.tenantId, (em) => this.flowSvgOf(em, id, versionNo));
  }

  async flowSvgOf(em: EntityManager, id: string, versionNo: number): Promise<InlineFileDto> {
    const item = await this.toDto(em, await this.docs.load(em, this.adapter, id, versionNo, { reviews: false }));
    const svg = renderFlowSvg({ title: item.name, subtitle: `${item.code} · 第 ${item.version.versionNo} 版`, flow: item.flow });
    return { contentType: 'image/svg+xml; charset=utf-8', fileName: `${item.code}-v${item.version.versionNo}-flow.svg`, base64: Buffer.from(svg, 'utf8').toString('base64') };
  }

  async flowPng(caller: CallerContext, id: string, versionNo: number): Promise<InlineFileDto> {
    const svg = await this.flowSvg(caller, id, versionNo);
    if (!existsSync(this.fontFile)) {
      throw new DomainError(
        // A deployment problem, not the caller's: answered as unavailable, saying what to install.
        ErrorCode.Unavailable,
        `流程图PNG需要中文字体 ${this.fontFile}（Debian: fonts-wqy-microhei；或设置 FLOW_CHART_FONT_FILE） / the PNG chart needs the CJK font ${this.fontFile}`,
      );
    }
    const png = renderFlowPng(Buffer.from(svg.base64, 'base64').toString('utf8'), { fontFile: this.fontFile });
    return { contentType: 'image/png', fileName: svg.fileName.replace(/\.svg$/, '.png'), base64: png.toString('base64') };
  }

  /** The document with resolved actors and version metadata. */
  async toDto(em: EntityManager, l: LoadedVersion<PowerItemContent>, dir?: DirectoryIndex): Promise<PowerItemDto> {
    const index = dir ?? (await directoryIndex(em));
    const c = l.content;
    return {
      id: l.doc.id,
      code: l.doc.code,
      name: c.name,
      category: c.category,
      handlingUnitCode: c.handlingUnitCode,
      handlingUnitName: index.units.get(c.handlingUnitCode)?.name ?? null,
      legalBasis: c.legalBasis,
      subject: c.subject,
      conditions: c.conditions,
      procedure: c.procedure,
      timeLimitDays: c.timeLimitDays,
      responsibility: c.responsibility,
      supervisionMode: c.supervisionMode,
      flow: resolveFlow(c.flow, index),
      version: versionMeta(l.version, l.reviews),
      publishedVersionNo: l.doc.publishedVersionNo,
      latestVersionNo: l.doc.latestVersionNo,
    };
  }

  /** A draft's flow was replaced: an event for the services that mirror flows (risk points travel with steps). */
  private async flowChanged(em: EntityManager, caller: CallerContext, before: PowerItemContent, after: LoadedVersion<PowerItemContent>): Promise<void> {
    if (isDeepStrictEqual(before.flow, after.content.flow)) return;
    const data: FlowChangedV1 = {
      powerItemId: after.doc.id,
      code: after.doc.code,
      versionId: after.version.id,
      versionNo: after.version.versionNo,
      steps: after.content.flow.steps.map((s) => ({ order: s.order, name: s.name, kind: s.kind, actor: s.actor })),
    };
    await this.changes.record(em, caller, { type: PowerListEvents.flowChanged, version: 1, entityType: 'power-item', entityId: after.doc.id, data });
  }

  private read<T>(caller: CallerContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.read(caller.tenantId, work);
  }
}

export async function directoryIndex(em: EntityManager): Promise<DirectoryIndex> {
  const units = await em.getRepository(OrgUnitEntity).find();
  const posts = await em.getRepository(PostEntity).find();
  const unitById = new Map(units.map((u) => [u.id, u]));
  return {
    units: new Map(units.map((u) => [u.code, { id: u.id, name: u.name }])),
    posts: new Map(posts.map((p) => [p.code, { name: p.name, unitName: unitById.get(p.orgUnitId)?.name ?? '' }])),
  };
}

function statusOf(v: unknown): VersionStatus {
  const status = Object.values(VersionStatus).find((s) => s === v);
  if (!status) throw new Error(`unknown version status ${String(v)}`);
  return status;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

