import {
  type CallerContext,
  type CreatePublicationRequest,
  DocumentKind,
  PowerListEvents,
  type PublicationPublishedV1,
  PublicationScope,
  type PublicationSummaryDto,
  type PublishedViewDto,
  type InlineFileDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { DocumentEntity, DocumentVersionEntity, PublicationEntity } from '../documents/document.entities';
import { VersionedDocuments } from '../documents/versioned-documents';
import { directoryIndex, PowerItemsService } from '../power-items/power-items.service';
import { toDto as toListDto } from '../responsibility-lists/responsibility-lists.service';

/**
 * 公开: publishes what is published now — every power item's and responsibility list's published
 * version — as one snapshot to a scope, and shows the latest snapshot read-only to that scope's people.
 */
@Injectable()
export class PublicationsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
    private readonly docs: VersionedDocuments,
    private readonly items: PowerItemsService,
  ) {}

  create(caller: CallerContext, req: CreatePublicationRequest): Promise<PublicationSummaryDto> {
    requirePermission(caller, Permission.PublishWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const published = await em
        .getRepository(DocumentVersionEntity)
        .createQueryBuilder('v')
        .innerJoin(DocumentEntity, 'd', 'd.id = v.document_id')
        .select(['v.id AS id', 'd.kind AS kind'])
        .where('v.status = :status', { status: 'published' })
        .orderBy('d.code')
        .getRawMany<{ id: string; kind: DocumentKind }>();
      if (published.length === 0) throw DomainError.conflict('还没有已发布的权力事项或责任清单可以公开 / nothing is published yet: publish power items or lists first', 'scope', 'nothing-published');
      const itemIds = published.filter((p) => p.kind === DocumentKind.PowerItem).map((p) => p.id);
      const listIds = published.filter((p) => p.kind === DocumentKind.ResponsibilityList).map((p) => p.id);
      const repo = em.getRepository(PublicationEntity);
      const { identifiers } = await repo.insert({
        tenantId: caller.tenantId,
        scope: req.scope,
        note: req.note?.trim() || null,
        publishedAt: new Date(),
        publishedBy: caller.userName ?? caller.userId,
        powerItemVersionIds: itemIds,
        responsibilityListVersionIds: listIds,
      });
      const saved = await repo.findOneByOrFail({ id: String(identifiers[0]?.['id']) });
      const data: PublicationPublishedV1 = { id: saved.id, scope: saved.scope, powerItemVersionIds: itemIds, responsibilityListVersionIds: listIds };
      await this.changes.record(em, caller, { type: PowerListEvents.publicationPublished, version: 1, entityType: 'publication', entityId: saved.id, data });
      return summary(saved);
    });
  }

  list(caller: CallerContext): Promise<PublicationSummaryDto[]> {
    requirePermission(caller, Permission.PowerItemRead);
    return this.tx.read(caller.tenantId, async (em) => (await em.getRepository(PublicationEntity).find({ order: { publishedAt: 'DESC' } })).map(summary));
  }

  /**
   * The latest publication the caller may open: any, inside the tenant; one published to the
   * supervisor, for the supervisor's people.
   */
  current(caller: CallerContext): Promise<PublishedViewDto> {
    requirePermission(caller, Permission.PublicationRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const pub = await this.visible(em, caller);
      const versionIds = [...pub.powerItemVersionIds, ...pub.responsibilityListVersionIds];
      const versions = await em.getRepository(DocumentVersionEntity).findBy({ id: In(versionIds) });
      const docs = new Map((await em.getRepository(DocumentEntity).findBy({ id: In(versions.map((v) => v.documentId)) })).map((d) => [d.id, d]));
      const dir = await directoryIndex(em);
      // One query at a time: a transaction's queries share one connection.
      const loaded = [];
      for (const v of versions) loaded.push({ doc: docs.get(v.documentId) as DocumentEntity, version: v, content: v.content, reviews: await this.docs.roundReviews(em, v) });
      const byCode = (a: { doc: DocumentEntity }, b: { doc: DocumentEntity }) => a.doc.code.localeCompare(b.doc.code);
      const powerItems = [];
      for (const l of loaded.filter((x) => x.doc.kind === DocumentKind.PowerItem).sort(byCode)) powerItems.push(await this.items.toDto(em, l as never, dir));
      const responsibilityLists = loaded
        .filter((l) => l.doc.kind === DocumentKind.ResponsibilityList)
        .sort(byCode)
        .map((l) => toListDto(l as never));
      return { ...summary(pub), tenantId: caller.tenantId, powerItems, responsibilityLists };
    });
  }

  /** The flow chart of a power item as published in the publication the caller may open. */
  flowSvg(caller: CallerContext, powerItemId: string): Promise<InlineFileDto> {
    requirePermission(caller, Permission.PublicationRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const pub = await this.visible(em, caller);
      const version = await em.getRepository(DocumentVersionEntity).findOneBy({ id: In(pub.powerItemVersionIds), documentId: powerItemId });
      if (!version) throw DomainError.notFound('power item in the publication', powerItemId);
      return this.items.flowSvgOf(em, powerItemId, version.versionNo);
    });
  }

  /** The latest publication the caller may open (see `current`). */
  private async visible(em: EntityManager, caller: CallerContext): Promise<PublicationEntity> {
    const where = caller.supervisingTenantId === undefined ? {} : { scope: PublicationScope.Supervisor };
    const pub = await em.getRepository(PublicationEntity).findOne({ where, order: { publishedAt: 'DESC' } });
    if (!pub) throw DomainError.notFound('publication', caller.supervisingTenantId === undefined ? '(none yet)' : '(none published to the supervisor)');
    return pub;
  }
}

function summary(p: PublicationEntity): PublicationSummaryDto {
  return {
    id: p.id,
    scope: p.scope,
    note: p.note,
    publishedAt: p.publishedAt.toISOString(),
    publishedBy: p.publishedBy,
    powerItemCount: p.powerItemVersionIds.length,
    responsibilityListCount: p.responsibilityListVersionIds.length,
  };
}
