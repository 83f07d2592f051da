import {
  type CallerContext,
  type CreateOrgUnitRequest,
  type CreatePersonRequest,
  type CreatePostRequest,
  type OrgUnitCreatedV1,
  type OrgUnitDto,
  type OrgUnitUpdatedV1,
  type PersonDto,
  PowerListEvents,
  type PostCreatedV1,
  type PostDto,
  type UpdateOrgUnitRequest,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { TenantTransactions } from '@qinglian/persistence';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { OrgUnitEntity, PersonEntity, PostEntity } from './directory.entities';

/** The tenant's directory: org units as a tree, posts in units, people. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
  ) {}

  createOrgUnit(caller: CallerContext, req: CreateOrgUnitRequest): Promise<OrgUnitDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const repo = em.getRepository(OrgUnitEntity);
      if (await repo.existsBy({ code: req.code })) {
        throw DomainError.conflict(`org unit code ${req.code} already exists`, 'code', 'unique');
      }
      let parentPath: string[] = [];
      if (req.parentId) {
        const parent = await repo.findOneBy({ id: req.parentId });
        if (!parent) throw DomainError.validation('parentId', 'exists', `parent org unit ${req.parentId} does not exist`);
        parentPath = parent.path;
      }
      // A new unit hangs under an existing one, so the tree stays acyclic by construction.
      const id = (await em.query<{ id: string }[]>('SELECT gen_random_uuid() AS id'))[0]?.id ?? '';
      const unit = repo.create({ id, tenantId: caller.tenantId, code: req.code, name: req.name, parentId: req.parentId ?? null, path: [...parentPath, id] });
      await repo.insert(unit);
      const saved = await repo.findOneByOrFail({ id });
      const data: OrgUnitCreatedV1 = { id, code: saved.code, name: saved.name, parentId: saved.parentId };
      await this.changes.record(em, caller, { type: PowerListEvents.orgUnitCreated, version: 1, entityType: 'org-unit', entityId: id, data });
      return toOrgUnitDto(saved);
    });
  }

  /** Renames or moves a unit; the paths of the unit and everything below it move with it. */
  updateOrgUnit(caller: CallerContext, req: UpdateOrgUnitRequest): Promise<OrgUnitDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const repo = em.getRepository(OrgUnitEntity);
      const unit = await findOr404(em, OrgUnitEntity, 'org unit', req.id);
      if (req.name !== undefined) await repo.update({ id: unit.id }, { name: req.name });
      if (req.parentId !== undefined && req.parentId !== unit.parentId) {
        let parentPath: string[] = [];
        if (req.parentId !== null) {
          const parent = await repo.findOneBy({ id: req.parentId });
          if (!parent) throw DomainError.validation('parentId', 'exists', `上级单元 ${req.parentId} 不存在 / parent org unit ${req.parentId} does not exist`);
          if (parent.path.includes(unit.id)) {
            throw DomainError.validation('parentId', 'no-cycle', `不能把 ${unit.name} 移到它自己或它的下级单元 ${parent.name} 之下（组织树不能成环） / moving ${unit.code} under ${parent.code} would make a cycle in the unit tree`);
          }
          parentPath = parent.path;
        }
        // Every unit whose path runs through this one gets the new prefix.
        const depth = unit.path.length;
        await em.query(`UPDATE power_list.org_unit SET path = $1::uuid[] || path[$2:] WHERE $3 = ANY (path)`, [parentPath, depth, unit.id]);
        await repo.update({ id: unit.id }, { parentId: req.parentId });
      }
      const saved = await repo.findOneByOrFail({ id: unit.id });
      const data: OrgUnitUpdatedV1 = { id: saved.id, code: saved.code, name: saved.name, parentId: saved.parentId, path: saved.path };
      await this.changes.record(em, caller, { type: PowerListEvents.orgUnitUpdated, version: 1, entityType: 'org-unit', entityId: saved.id, data });
      return toOrgUnitDto(saved);
    });
  }

  listOrgUnits(caller: CallerContext): Promise<OrgUnitDto[]> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const units = await em.getRepository(OrgUnitEntity).find();
      return treeOrder(units).map(toOrgUnitDto);
    });
  }

  getOrgUnit(caller: CallerContext, id: string): Promise<OrgUnitDto> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => toOrgUnitDto(await findOr404(em, OrgUnitEntity, 'org unit', id)));
  }

  createPost(caller: CallerContext, req: CreatePostRequest): Promise<PostDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      if (!(await em.getRepository(OrgUnitEntity).existsBy({ id: req.orgUnitId }))) {
        throw DomainError.validation('orgUnitId', 'exists', `org unit ${req.orgUnitId} does not exist`);
      }
      const repo = em.getRepository(PostEntity);
      if (await repo.existsBy({ code: req.code })) throw DomainError.conflict(`岗位编码 ${req.code} 已存在 / post code ${req.code} already exists`, 'code', 'unique');
      const { identifiers } = await repo.insert({ tenantId: caller.tenantId, code: req.code, name: req.name, orgUnitId: req.orgUnitId });
      const saved = await repo.findOneByOrFail({ id: String(identifiers[0]?.['id']) });
      const data: PostCreatedV1 = { id: saved.id, code: saved.code, name: saved.name, orgUnitId: saved.orgUnitId };
      await this.changes.record(em, caller, { type: PowerListEvents.postCreated, version: 1, entityType: 'post', entityId: saved.id, data });
      return toPostDto(saved);
    });
  }

  listPosts(caller: CallerContext): Promise<PostDto[]> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => (await em.getRepository(PostEntity).find({ order: { code: 'ASC' } })).map(toPostDto));
  }

  getPost(caller: CallerContext, id: string): Promise<PostDto> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => toPostDto(await findOr404(em, PostEntity, 'post', id)));
  }

  createPerson(caller: CallerContext, req: CreatePersonRequest): Promise<PersonDto> {
    requirePermission(caller, Permission.DirectoryWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const repo = em.getRepository(PersonEntity);
      if (req.subject && (await repo.existsBy({ subject: req.subject }))) {
        throw DomainError.conflict(`a person with subject ${req.subject} already exists`, 'subject', 'unique');
      }
      const { identifiers } = await repo.insert({ tenantId: caller.tenantId, name: req.name, subject: req.subject ?? null, joinedOn: req.joinedOn ?? null });
      const saved = await repo.findOneByOrFail({ id: String(identifiers[0]?.['id']) });
      await this.changes.record(em, caller, {
        type: PowerListEvents.personCreated,
        version: 1,
        entityType: 'person',
        entityId: saved.id,
        data: { id: saved.id, name: saved.name, subject: saved.subject },
      });
      return toPersonDto(saved);
    });
  }

  listPeople(caller: CallerContext): Promise<PersonDto[]> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => (await em.getRepository(PersonEntity).find({ order: { createdAt: 'ASC' } })).map(toPersonDto));
  }
}

/** Depth first, siblings by code: each unit's key is the codes on its path (ids are random). */
export function treeOrder(units: readonly OrgUnitEntity[]): OrgUnitEntity[] {
  const code = new Map(units.map((u) => [u.id, u.code]));
  const key = (u: OrgUnitEntity) => u.path.map((id) => code.get(id) ?? '');
  return [...units].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? '') < (y[i] ?? '') ? -1 : 1;
    return x.length - y.length;
  });
}

export async function findOr404<T extends { id: string }>(em: EntityManager, entity: new () => T, label: string, id: string): Promise<T> {
  const found = await em.getRepository(entity).findOne({ where: { id } as never });
  if (!found) throw DomainError.notFound(label, id);
  return found;
}

export function toOrgUnitDto(u: OrgUnitEntity): OrgUnitDto {
  return { id: u.id, name: u.name, code: u.code, parentId: u.parentId, path: u.path, createdAt: u.createdAt.toISOString() };
}

function toPostDto(p: PostEntity): PostDto {
  return { id: p.id, code: p.code, name: p.name, orgUnitId: p.orgUnitId, createdAt: p.createdAt.toISOString() };
}

export function toPersonDto(p: PersonEntity): PersonDto {
  return { id: p.id, name: p.name, subject: p.subject, joinedOn: p.joinedOn, createdAt: p.createdAt.toISOString() };
}
