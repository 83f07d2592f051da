import { type CallerContext, type CreateOrgUnitRequest, type CreatePersonRequest, type CreatePostRequest, type OrgUnitCreatedV1, type OrgUnitDto, type PersonDto, PowerListEvents, type PostDto } from '@qinglian/contracts';
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

  listOrgUnits(caller: CallerContext): Promise<OrgUnitDto[]> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const units = await em.getRepository(OrgUnitEntity).find({ order: { path: 'ASC' } });
      return units.map(toOrgUnitDto);
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
      const { identifiers } = await repo.insert({ tenantId: caller.tenantId, name: req.name, orgUnitId: req.orgUnitId });
      const saved = await repo.findOneByOrFail({ id: String(identifiers[0]?.['id']) });
      await this.changes.record(em, caller, {
        type: PowerListEvents.postCreated,
        version: 1,
        entityType: 'post',
        entityId: saved.id,
        data: { id: saved.id, name: saved.name, orgUnitId: saved.orgUnitId },
      });
      return toPostDto(saved);
    });
  }

  listPosts(caller: CallerContext): Promise<PostDto[]> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => (await em.getRepository(PostEntity).find({ order: { createdAt: 'ASC' } })).map(toPostDto));
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

  getPerson(caller: CallerContext, id: string): Promise<PersonDto> {
    requirePermission(caller, Permission.DirectoryRead);
    return this.tx.read(caller.tenantId, async (em) => toPersonDto(await findOr404(em, PersonEntity, 'person', id)));
  }
}

async function findOr404<T extends { id: string }>(em: EntityManager, entity: new () => T, label: string, id: string): Promise<T> {
  const found = await em.getRepository(entity).findOne({ where: { id } as never });
  if (!found) throw DomainError.notFound(label, id);
  return found;
}

export function toOrgUnitDto(u: OrgUnitEntity): OrgUnitDto {
  return { id: u.id, name: u.name, code: u.code, parentId: u.parentId, path: u.path, createdAt: u.createdAt.toISOString() };
}

function toPostDto(p: PostEntity): PostDto {
  return { id: p.id, name: p.name, orgUnitId: p.orgUnitId, createdAt: p.createdAt.toISOString() };
}

function toPersonDto(p: PersonEntity): PersonDto {
  return { id: p.id, name: p.name, subject: p.subject, joinedOn: p.joinedOn, createdAt: p.createdAt.toISOString() };
}
