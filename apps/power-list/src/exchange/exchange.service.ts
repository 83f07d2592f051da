import {
  type CallerContext,
  DocumentKind,
  type FileRefDto,
  type ImportProblemDto,
  type ImportResultDto,
  type InlineFileDto,
  TemplateKind,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { FileStore } from '@qinglian/messaging';
import { TenantTransactions } from '@qinglian/persistence';
import { DomainError, ImportRejectedError, NATS_CONNECTION, RequestValidationError, requirePermission } from '@qinglian/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { type NatsConnection } from '@nats-io/transport-node';
import { type EntityManager } from 'typeorm';
import { OrgUnitEntity, PostEntity } from '../directory/directory.entities';
import { treeOrder } from '../directory/directory.service';
import { DocumentEntity } from '../documents/document.entities';
import { type DocumentAdapter, VersionedDocuments } from '../documents/versioned-documents';
import { type BundleLocations, type PowerListBundle, readWorkbook, writeTemplate, writeWorkbook } from '../excel';
import { normaliseContent, type PowerItemContent } from '../power-items/power-item-content';
import { PowerItemsService } from '../power-items/power-items.service';
import { normaliseList, type ResponsibilityListContent, ResponsibilityListsService } from '../responsibility-lists/responsibility-lists.service';
import { locateProblem } from './locate';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Excel exchange: templates to fill in, export of what is published, and import that checks every
 * row and imports all or nothing. Imported items and lists become drafts: nothing is published
 * without review.
 */
@Injectable()
export class ExchangeService {
  private readonly files: FileStore;

  constructor(
    private readonly tx: TenantTransactions,
    private readonly docs: VersionedDocuments,
    private readonly items: PowerItemsService,
    private readonly lists: ResponsibilityListsService,
    @Inject(NATS_CONNECTION) nc: NatsConnection,
  ) {
    this.files = new FileStore(nc);
  }

  async template(caller: CallerContext, kind: TemplateKind): Promise<InlineFileDto> {
    requirePermission(caller, Permission.PowerItemRead);
    const data = await writeTemplate(kind);
    return { contentType: XLSX, fileName: `${kind === TemplateKind.PowerItems ? '权力事项及流程' : '责任清单'}-导入模板.xlsx`, base64: Buffer.from(data).toString('base64') };
  }

  /** Published power items with their flows, published responsibility lists, and the directory they name. */
  async export(caller: CallerContext): Promise<FileRefDto> {
    requirePermission(caller, Permission.PowerItemRead);
    requirePermission(caller, Permission.ResponsibilityListRead);
    const bundle = await this.tx.read(caller.tenantId, async (em): Promise<PowerListBundle> => {
      const units = treeOrder(await em.getRepository(OrgUnitEntity).find());
      const codeOf = new Map(units.map((u) => [u.id, u.code]));
      const posts = await em.getRepository(PostEntity).find({ order: { code: 'ASC' } });
      const docs = await em.getRepository(DocumentEntity).find({ order: { code: 'ASC' } });
      const powerItems: PowerListBundle['powerItems'] = [];
      const responsibilityLists: PowerListBundle['responsibilityLists'] = [];
      for (const d of docs) {
        if (d.publishedVersionNo === null) continue;
        if (d.kind === DocumentKind.PowerItem) {
          const { content } = await this.docs.load<PowerItemContent>(em, this.items.adapter, d.id, d.publishedVersionNo);
          powerItems.push({ code: d.code, ...content });
        } else {
          const { content } = await this.docs.load<ResponsibilityListContent>(em, this.lists.adapter, d.id, d.publishedVersionNo);
          responsibilityLists.push({ code: d.code, ...content });
        }
      }
      return {
        orgUnits: units.map((u) => ({ code: u.code, name: u.name, parentCode: u.parentId ? (codeOf.get(u.parentId) ?? null) : null })),
        posts: posts.map((p) => ({ code: p.code, name: p.name, unitCode: codeOf.get(p.orgUnitId) ?? '' })),
        powerItems,
        responsibilityLists,
      };
    });
    const data = await writeWorkbook(bundle);
    const objectKey = await this.files.put(data, 'power-list export');
    const day = new Date().toISOString().slice(0, 10);
    return { objectKey, fileName: `权力清单导出-${day}.xlsx`, contentType: XLSX, size: data.byteLength };
  }

  async import(caller: CallerContext, objectKey: string): Promise<ImportResultDto> {
    const data = await this.files.take(objectKey);
    if (data === null) throw DomainError.validation('objectKey', 'exists', '上传的文件已过期或不存在，请重新上传 / the uploaded file is gone (expired or already imported): upload it again');
    const { bundle, locations, problems } = await readWorkbook(Buffer.from(data));
    if (problems.length > 0) throw new ImportRejectedError(problems);
    if (bundle.orgUnits.length + bundle.posts.length > 0) requirePermission(caller, Permission.DirectoryWrite);
    if (bundle.powerItems.length > 0) requirePermission(caller, Permission.PowerItemWrite);
    if (bundle.responsibilityLists.length > 0) requirePermission(caller, Permission.ResponsibilityListWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const found: ImportProblemDto[] = [];
      const result = await this.importBundle(em, caller, bundle, locations, found);
      // All or nothing: throwing rolls the transaction back.
      if (found.length > 0) throw new ImportRejectedError(found);
      return result;
    });
  }

  private async importBundle(em: EntityManager, caller: CallerContext, bundle: PowerListBundle, at: BundleLocations, problems: ImportProblemDto[]): Promise<ImportResultDto> {
    const unitRepo = em.getRepository(OrgUnitEntity);
    const units = new Map((await unitRepo.find()).map((u) => [u.code, u]));
    let orgUnits = 0;
    let posts = 0;
    // Units in file order: a parent is either in the tenant already or an earlier row.
    for (const u of bundle.orgUnits) {
      if (units.has(u.code)) continue;
      const parent = u.parentCode === null ? null : units.get(u.parentCode);
      if (u.parentCode !== null && !parent) {
        problems.push({ ...(at.unit(u.code) ?? { sheet: '组织单元', row: 0 }), column: '上级编码', message: `上级单元 ${u.parentCode} 既不在本单位目录中，也不在此前的行中 / parent unit ${u.parentCode} is neither in the directory nor in an earlier row` });
        continue;
      }
      const id = (await em.query<{ id: string }[]>('SELECT gen_random_uuid() AS id'))[0]?.id ?? '';
      await unitRepo.insert({ id, tenantId: caller.tenantId, code: u.code, name: u.name, parentId: parent?.id ?? null, path: [...(parent?.path ?? []), id] });
      units.set(u.code, await unitRepo.findOneByOrFail({ id }));
      orgUnits++;
    }
    const postRepo = em.getRepository(PostEntity);
    const existingPosts = new Set((await postRepo.find()).map((p) => p.code));
    for (const p of bundle.posts) {
      if (existingPosts.has(p.code)) continue;
      const unit = units.get(p.unitCode);
      if (!unit) {
        problems.push({ ...(at.post(p.code) ?? { sheet: '岗位', row: 0 }), column: '所属单元编码', message: `单元 ${p.unitCode} 不存在 / unit ${p.unitCode} does not exist` });
        continue;
      }
      await postRepo.insert({ tenantId: caller.tenantId, code: p.code, name: p.name, orgUnitId: unit.id });
      posts++;
    }
    if (problems.length > 0) return { orgUnits, posts, powerItems: 0, responsibilityLists: 0 };

    let powerItems = 0;
    for (const item of bundle.powerItems) {
      const ok = await this.importOne(em, caller, this.items.adapter, item.code, normaliseContent(item), (p) => locateProblem(p, DocumentKind.PowerItem, item.code, at), problems);
      if (ok) powerItems++;
    }
    let responsibilityLists = 0;
    for (const list of bundle.responsibilityLists) {
      const ok = await this.importOne(em, caller, this.lists.adapter, list.code, normaliseList(list), (p) => locateProblem(p, DocumentKind.ResponsibilityList, list.code, at), problems);
      if (ok) responsibilityLists++;
    }
    return { orgUnits, posts, powerItems, responsibilityLists };
  }

  /** A new document, or a new draft of an existing one; its problems are collected, not thrown. */
  private async importOne<C extends object>(
    em: EntityManager,
    caller: CallerContext,
    adapter: DocumentAdapter<C>,
    code: string,
    content: C,
    locate: (p: { field: string; message: string }) => ImportProblemDto,
    problems: ImportProblemDto[],
  ): Promise<boolean> {
    // A savepoint per document, so one bad document does not abort the checks of the others.
    await em.query('SAVEPOINT import_one');
    try {
      const existing = await em.getRepository(DocumentEntity).findOneBy({ kind: adapter.kind, code });
      if (existing) await this.docs.newDraftIn(em, caller, adapter, existing.id, undefined, content);
      else await this.docs.createIn(em, caller, adapter, code, content);
      await em.query('RELEASE SAVEPOINT import_one');
      return true;
    } catch (e: unknown) {
      await em.query('ROLLBACK TO SAVEPOINT import_one');
      if (e instanceof RequestValidationError) problems.push(...e.problems.map(locate));
      else if (e instanceof DomainError) problems.push(locate({ field: e.field ?? 'code', message: e.message }));
      else throw e;
      return false;
    }
  }
}
