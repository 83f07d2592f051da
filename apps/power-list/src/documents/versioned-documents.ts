import { type CallerContext, type DocumentKind, type ReviewDto, ReviewDecision, type ReviewRequest, type VersionChangedV1, type VersionMetaDto, VersionStatus, type VersionSummaryDto, VersionStatusLabels } from '@qinglian/contracts';
import { type Permission, REVIEW_ROLES, type Role, RoleLabels } from '@qinglian/auth';
import { ChangeLog, DomainError, RequestValidationError, requirePermission } from '@qinglian/runtime';
import { TenantTransactions } from '@qinglian/persistence';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { DocumentEntity, DocumentVersionEntity, ReviewEntity } from './document.entities';

/** The columns a version keeps beside its content, for listing, filtering and search. */
export interface VersionColumns {
  readonly title: string;
  readonly category: string | null;
  readonly handlingUnitCode: string | null;
  readonly listRole: string | null;
  readonly stepCount: number;
  readonly searchText: string;
}

export interface Problem {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** What differs between power items and responsibility lists; the version life is the same. */
export interface DocumentAdapter<C extends object> {
  readonly kind: DocumentKind;
  /** 权力事项 / 责任清单, for messages. */
  readonly label: string;
  readonly readPermission: Permission;
  readonly writePermission: Permission;
  readonly events: { readonly created: string; readonly drafted: string; readonly submitted: string; readonly reviewed: string; readonly published: string };
  /** Normalises content for a draft and checks what must hold even in a draft (references exist, …). */
  prepare(em: EntityManager, content: C): Promise<C>;
  /** What must be complete before review; empty when the version may be submitted. */
  incomplete(content: C): Promise<Problem[]> | Problem[];
  columns(code: string, content: C): VersionColumns;
  /** Extra data for the published event (a power item's flow, a list's duties). */
  publishedData(content: C): object;
}

export interface LoadedVersion<C> {
  readonly doc: DocumentEntity;
  readonly version: DocumentVersionEntity;
  readonly content: C;
  readonly reviews: ReviewEntity[];
}

/**
 * The version life shared by power items and responsibility lists: draft → in review → published →
 * superseded. One open version (draft or in review) and one published version per document at a time;
 * the database refuses any change to a published or superseded version (migration 1764100000000).
 */
@Injectable()
export class VersionedDocuments {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
  ) {}

  create<C extends object>(caller: CallerContext, a: DocumentAdapter<C>, code: string, content: C): Promise<LoadedVersion<C>> {
    requirePermission(caller, a.writePermission);
    return this.tx.run(caller.tenantId, (em) => this.createIn(em, caller, a, code, content));
  }

  /** Creates a document with its first draft inside a transaction the caller holds (imports). */
  async createIn<C extends object>(em: EntityManager, caller: CallerContext, a: DocumentAdapter<C>, code: string, content: C): Promise<LoadedVersion<C>> {
    const docs = em.getRepository(DocumentEntity);
    if (await docs.existsBy({ kind: a.kind, code })) throw DomainError.conflict(`${a.label}编码 ${code} 已存在 / ${a.kind} code ${code} already exists`, 'code', 'unique');
    const prepared = await a.prepare(em, content);
    const { identifiers } = await docs.insert({ tenantId: caller.tenantId, kind: a.kind, code, latestVersionNo: 1, publishedVersionNo: null });
    const doc = await docs.findOneByOrFail({ id: String(identifiers[0]?.['id']) });
    const version = await this.insertVersion(em, caller, a, doc, 1, null, prepared);
    await this.record(em, caller, a.events.created, doc, version, { category: version.category, handlingUnitCode: version.handlingUnitCode, name: version.title });
    return { doc, version, content: prepared, reviews: [] };
  }

  /** A new draft from the published version (or the one named): published versions never change. */
  newDraft<C extends object>(caller: CallerContext, a: DocumentAdapter<C>, id: string, fromVersionNo?: number): Promise<LoadedVersion<C>> {
    requirePermission(caller, a.writePermission);
    return this.tx.run(caller.tenantId, (em) => this.newDraftIn(em, caller, a, id, fromVersionNo));
  }

  async newDraftIn<C extends object>(em: EntityManager, caller: CallerContext, a: DocumentAdapter<C>, id: string, fromVersionNo?: number, content?: C): Promise<LoadedVersion<C>> {
    const doc = await this.lockDocument(em, a, id);
    const open = await em.getRepository(DocumentVersionEntity).findOneBy({ documentId: id, status: VersionStatus.Draft });
    const inReview = await em.getRepository(DocumentVersionEntity).findOneBy({ documentId: id, status: VersionStatus.InReview });
    const busy = open ?? inReview;
    if (busy) throw DomainError.conflict(`版本 ${busy.versionNo} 尚未发布（${busy.status}），不能再新建修订稿 / version ${busy.versionNo} is still ${busy.status}: finish or continue it instead`, 'versionNo', 'one-open-version');
    const fromNo = fromVersionNo ?? doc.publishedVersionNo ?? doc.latestVersionNo;
    const from = await this.versionOf(em, a, doc, fromNo);
    const prepared = await a.prepare(em, content ?? (from.content as C));
    const version = await this.insertVersion(em, caller, a, doc, doc.latestVersionNo + 1, from.versionNo, prepared);
    await em.getRepository(DocumentEntity).update({ id: doc.id }, { latestVersionNo: version.versionNo });
    doc.latestVersionNo = version.versionNo;
    await this.record(em, caller, a.events.drafted, doc, version);
    return { doc, version, content: prepared, reviews: [] };
  }

  /** Replaces a draft's content; `change` gets the current content and returns the new one. */
  updateDraft<C extends object>(
    caller: CallerContext,
    a: DocumentAdapter<C>,
    id: string,
    versionNo: number,
    change: (current: C) => C,
    onSaved?: (em: EntityManager, before: C, after: LoadedVersion<C>) => Promise<void>,
  ): Promise<LoadedVersion<C>> {
    requirePermission(caller, a.writePermission);
    return this.tx.run(caller.tenantId, async (em) => {
      const doc = await this.lockDocument(em, a, id);
      const version = await this.versionOf(em, a, doc, versionNo);
      if (version.status !== VersionStatus.Draft) {
        throw DomainError.conflict(`版本 ${versionNo} 状态为${VersionStatusLabels[version.status].zh}，只有草稿可以修改 / version ${versionNo} is ${version.status}: only a draft can be edited${version.status === VersionStatus.Published ? ' (make a new draft from it)' : ''}`, 'versionNo', 'draft-only');
      }
      const prepared = await a.prepare(em, change(version.content as C));
      const cols = a.columns(doc.code, prepared);
      await em.getRepository(DocumentVersionEntity).update({ id: version.id }, { ...cols, content: prepared, updatedAt: new Date() });
      const saved = await em.getRepository(DocumentVersionEntity).findOneByOrFail({ id: version.id });
      const loaded = { doc, version: saved, content: prepared, reviews: [] };
      await this.record(em, caller, a.events.drafted, doc, saved);
      if (onSaved) await onSaved(em, version.content as C, loaded);
      return loaded;
    });
  }

  /** Draft → in review, once complete; every incomplete field is listed. */
  submit<C extends object>(caller: CallerContext, a: DocumentAdapter<C>, id: string, versionNo: number): Promise<LoadedVersion<C>> {
    requirePermission(caller, a.writePermission);
    return this.tx.run(caller.tenantId, async (em) => {
      const doc = await this.lockDocument(em, a, id);
      const version = await this.versionOf(em, a, doc, versionNo);
      if (version.status !== VersionStatus.Draft) throw DomainError.conflict(`版本 ${versionNo} 不是草稿，不能提交审核 / version ${versionNo} is ${version.status}, not a draft`, 'versionNo', 'draft-only');
      const content = await a.prepare(em, version.content as C);
      const problems = await a.incomplete(content);
      if (problems.length > 0) throw new RequestValidationError(problems);
      const round = version.submittedAt === null ? version.reviewRound : version.reviewRound + 1;
      await em.getRepository(DocumentVersionEntity).update({ id: version.id }, { status: VersionStatus.InReview, submittedAt: new Date(), reviewRound: round, updatedAt: new Date() });
      const saved = await em.getRepository(DocumentVersionEntity).findOneByOrFail({ id: version.id });
      await this.record(em, caller, a.events.submitted, doc, saved);
      return { doc, version: saved, content, reviews: [] };
    });
  }

  /**
   * A reviewer's opinion, in one of REVIEW_ROLES the caller holds and that has not reviewed this round.
   * Returning sends the version back to draft; the author never reviews their own version.
   */
  review<C extends object>(caller: CallerContext, a: DocumentAdapter<C>, id: string, versionNo: number, req: ReviewRequest, reviewPermission: Permission): Promise<LoadedVersion<C>> {
    requirePermission(caller, reviewPermission);
    return this.tx.run(caller.tenantId, async (em) => {
      const doc = await this.lockDocument(em, a, id);
      const version = await this.versionOf(em, a, doc, versionNo);
      if (version.status !== VersionStatus.InReview) throw DomainError.conflict(`版本 ${versionNo} 不在审核中 / version ${versionNo} is ${version.status}, not in review`, 'versionNo', 'in-review-only');
      if (version.authorId === caller.userId) throw DomainError.forbidden('起草人不能审核自己起草的版本 / the author of a version may not review it');
      const done = await em.getRepository(ReviewEntity).findBy({ versionId: version.id, reviewRound: version.reviewRound });
      const role = REVIEW_ROLES.find((r) => caller.roles.includes(r) && !done.some((d) => d.role === r));
      if (!role) throw DomainError.conflict('您所在角色已在本轮审核中发表意见 / your review role has already given its opinion in this round', 'role', 'once-per-round');
      await em.getRepository(ReviewEntity).insert({
        tenantId: caller.tenantId,
        versionId: version.id,
        reviewRound: version.reviewRound,
        role,
        reviewerId: caller.userId,
        reviewerName: caller.userName ?? caller.userId,
        decision: req.decision,
        opinion: req.opinion.trim(),
      });
      if (req.decision === ReviewDecision.Return) {
        await em.getRepository(DocumentVersionEntity).update({ id: version.id }, { status: VersionStatus.Draft, updatedAt: new Date() });
      }
      const saved = await em.getRepository(DocumentVersionEntity).findOneByOrFail({ id: version.id });
      await this.record(em, caller, a.events.reviewed, doc, saved, { review: { role, decision: req.decision, reviewerId: caller.userId } });
      const reviews = await this.roundReviews(em, saved);
      return { doc, version: saved, content: saved.content as C, reviews };
    });
  }

  /** In review with every review role's approval → published; the previous published version is superseded. */
  publish<C extends object>(caller: CallerContext, a: DocumentAdapter<C>, id: string, versionNo: number, publishPermission: Permission): Promise<LoadedVersion<C>> {
    requirePermission(caller, publishPermission);
    return this.tx.run(caller.tenantId, async (em) => {
      const doc = await this.lockDocument(em, a, id);
      const version = await this.versionOf(em, a, doc, versionNo);
      if (version.status !== VersionStatus.InReview) throw DomainError.conflict(`版本 ${versionNo} 须审核通过后才能发布 / version ${versionNo} is ${version.status}: only a reviewed version can be published`, 'versionNo', 'in-review-only');
      const reviews = await this.roundReviews(em, version);
      const pending = pendingRoles(reviews);
      if (pending.length > 0) {
        throw DomainError.conflict(`尚缺审核意见：${pending.map((r) => RoleLabels[r].zh).join('、')} / approval still missing from ${pending.join(', ')}`, 'reviews', 'all-approved');
      }
      const now = new Date();
      let superseded: number | null = null;
      if (doc.publishedVersionNo !== null) {
        await em.getRepository(DocumentVersionEntity).update({ documentId: doc.id, status: VersionStatus.Published }, { status: VersionStatus.Superseded, supersededAt: now });
        superseded = doc.publishedVersionNo;
      }
      await em.getRepository(DocumentVersionEntity).update({ id: version.id }, { status: VersionStatus.Published, publishedAt: now, publishedBy: caller.userName ?? caller.userId, updatedAt: now });
      await em.getRepository(DocumentEntity).update({ id: doc.id }, { publishedVersionNo: version.versionNo });
      doc.publishedVersionNo = version.versionNo;
      const saved = await em.getRepository(DocumentVersionEntity).findOneByOrFail({ id: version.id });
      await this.record(em, caller, a.events.published, doc, saved, { supersededVersionNo: superseded, ...a.publishedData(saved.content as C) });
      return { doc, version: saved, content: saved.content as C, reviews };
    });
  }

  /** The latest version, or the one named; without its reviews when only the content is needed. */
  async load<C extends object>(em: EntityManager, a: DocumentAdapter<C>, id: string, versionNo?: number, options = { reviews: true }): Promise<LoadedVersion<C>> {
    const doc = await this.findDocument(em, a, id);
    const version = await this.versionOf(em, a, doc, versionNo ?? doc.latestVersionNo);
    return { doc, version, content: version.content as C, reviews: options.reviews ? await this.roundReviews(em, version) : [] };
  }

  async versions(em: EntityManager, a: DocumentAdapter<object>, id: string): Promise<VersionSummaryDto[]> {
    const doc = await this.findDocument(em, a, id);
    const rows = await em.getRepository(DocumentVersionEntity).find({ where: { documentId: doc.id }, order: { versionNo: 'DESC' } });
    return rows.map((v) => ({
      versionNo: v.versionNo,
      status: v.status,
      title: v.title,
      authorName: v.authorName,
      createdAt: v.createdAt.toISOString(),
      publishedAt: v.publishedAt?.toISOString() ?? null,
      supersededAt: v.supersededAt?.toISOString() ?? null,
    }));
  }

  async findDocument(em: EntityManager, a: DocumentAdapter<object>, id: string): Promise<DocumentEntity> {
    const doc = await em.getRepository(DocumentEntity).findOneBy({ id, kind: a.kind });
    if (!doc) throw DomainError.notFound(a.kind, id);
    return doc;
  }

  async roundReviews(em: EntityManager, version: DocumentVersionEntity): Promise<ReviewEntity[]> {
    return em.getRepository(ReviewEntity).find({ where: { versionId: version.id, reviewRound: version.reviewRound }, order: { createdAt: 'ASC' } });
  }

  private async lockDocument(em: EntityManager, a: DocumentAdapter<object>, id: string): Promise<DocumentEntity> {
    // Serialises changes to one document's versions (two reviewers at once, publish racing a review).
    const doc = await em.getRepository(DocumentEntity).findOne({ where: { id, kind: a.kind }, lock: { mode: 'pessimistic_write' } });
    if (!doc) throw DomainError.notFound(a.kind, id);
    return doc;
  }

  private async versionOf(em: EntityManager, a: DocumentAdapter<object>, doc: DocumentEntity, versionNo: number): Promise<DocumentVersionEntity> {
    const v = await em.getRepository(DocumentVersionEntity).findOneBy({ documentId: doc.id, versionNo });
    if (!v) throw DomainError.notFound(`${a.kind} ${doc.code} version`, String(versionNo));
    return v;
  }

  private async insertVersion<C extends object>(em: EntityManager, caller: CallerContext, a: DocumentAdapter<C>, doc: DocumentEntity, versionNo: number, basedOn: number | null, content: C): Promise<DocumentVersionEntity> {
    const now = new Date();
    const repo = em.getRepository(DocumentVersionEntity);
    const { identifiers } = await repo.insert({
      tenantId: caller.tenantId,
      documentId: doc.id,
      versionNo,
      status: VersionStatus.Draft,
      basedOnVersionNo: basedOn,
      reviewRound: 1,
      ...a.columns(doc.code, content),
      content,
      authorId: caller.userId,
      authorName: caller.userName ?? caller.userId,
      createdAt: now,
      updatedAt: now,
    });
    return repo.findOneByOrFail({ id: String(identifiers[0]?.['id']) });
  }

  private async record(em: EntityManager, caller: CallerContext, type: string, doc: DocumentEntity, v: DocumentVersionEntity, extra: object = {}): Promise<void> {
    const data: VersionChangedV1 = { kind: doc.kind, id: doc.id, code: doc.code, title: v.title, versionId: v.id, versionNo: v.versionNo, status: v.status, ...extra };
    await this.changes.record(em, caller, { type, version: 1, entityType: doc.kind, entityId: doc.id, data });
  }
}

export function pendingRoles(reviews: readonly ReviewEntity[]): Role[] {
  return REVIEW_ROLES.filter((r) => !reviews.some((x) => x.role === r && x.decision === ReviewDecision.Approve));
}

export function versionMeta(v: DocumentVersionEntity, reviews: readonly ReviewEntity[]): VersionMetaDto {
  return {
    versionId: v.id,
    versionNo: v.versionNo,
    status: v.status,
    basedOnVersionNo: v.basedOnVersionNo,
    authorId: v.authorId,
    authorName: v.authorName,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    submittedAt: v.submittedAt?.toISOString() ?? null,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishedBy: v.publishedBy,
    supersededAt: v.supersededAt?.toISOString() ?? null,
    reviews: reviews.map(toReviewDto),
    pendingReviewRoles: v.status === VersionStatus.InReview ? pendingRoles(reviews) : [],
  };
}

function toReviewDto(r: ReviewEntity): ReviewDto {
  return { id: r.id, role: r.role, reviewerId: r.reviewerId, reviewerName: r.reviewerName, decision: r.decision, opinion: r.opinion, reviewedAt: r.createdAt.toISOString() };
}

