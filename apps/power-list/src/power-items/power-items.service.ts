import { type CallerContext, type CreatePowerItemRequest, type ListPowerItemsRequest, type PageDto, type PowerItemCreatedV1, type PowerItemDto, PowerListEvents } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, DomainError, requirePermission } from '@qinglian/runtime';
import { Injectable } from '@nestjs/common';
import { OrgUnitEntity } from '../directory/directory.entities';
import { PowerItemEntity } from './power-item.entity';

/** 权力事项: the first slice — create, list with filters, get. Versions and flows come next. */
@Injectable()
export class PowerItemsService {
  constructor(
    private readonly tx: TenantTransactions,
    private readonly changes: ChangeLog,
  ) {}

  create(caller: CallerContext, req: CreatePowerItemRequest): Promise<PowerItemDto> {
    requirePermission(caller, Permission.PowerItemWrite);
    return this.tx.run(caller.tenantId, async (em) => {
      const repo = em.getRepository(PowerItemEntity);
      if (await repo.existsBy({ code: req.code })) {
        throw DomainError.conflict(`power item code ${req.code} already exists`, 'code', 'unique');
      }
      if (!(await em.getRepository(OrgUnitEntity).existsBy({ id: req.handlingUnitId }))) {
        throw DomainError.validation('handlingUnitId', 'exists', `org unit ${req.handlingUnitId} does not exist`);
      }
      const { identifiers } = await repo.insert({
        tenantId: caller.tenantId,
        code: req.code,
        name: req.name,
        category: req.category,
        handlingUnitId: req.handlingUnitId,
        legalBasis: req.legalBasis,
      });
      const saved = await repo.findOneByOrFail({ id: String(identifiers[0]?.['id']) });
      const data: PowerItemCreatedV1 = { id: saved.id, code: saved.code, name: saved.name, category: saved.category, handlingUnitId: saved.handlingUnitId };
      await this.changes.record(em, caller, { type: PowerListEvents.powerItemCreated, version: 1, entityType: 'power-item', entityId: saved.id, data });
      return toPowerItemDto(saved);
    });
  }

  list(caller: CallerContext, req: ListPowerItemsRequest): Promise<PageDto<PowerItemDto>> {
    requirePermission(caller, Permission.PowerItemRead);
    const limit = req.limit ?? 50;
    const offset = req.offset ?? 0;
    return this.tx.read(caller.tenantId, async (em) => {
      const qb = em.getRepository(PowerItemEntity).createQueryBuilder('p');
      if (req.category) qb.andWhere('p.category = :category', { category: req.category });
      if (req.handlingUnitId) qb.andWhere('p.handling_unit_id = :unit', { unit: req.handlingUnitId });
      if (req.q) qb.andWhere("(p.code ILIKE :q ESCAPE '\\' OR p.name ILIKE :q ESCAPE '\\')", { q: `%${escapeLike(req.q)}%` });
      const [items, total] = await qb.orderBy('p.code', 'ASC').limit(limit).offset(offset).getManyAndCount();
      return { items: items.map(toPowerItemDto), total, limit, offset };
    });
  }

  get(caller: CallerContext, id: string): Promise<PowerItemDto> {
    requirePermission(caller, Permission.PowerItemRead);
    return this.tx.read(caller.tenantId, async (em) => {
      const item = await em.getRepository(PowerItemEntity).findOneBy({ id });
      if (!item) throw DomainError.notFound('power item', id);
      return toPowerItemDto(item);
    });
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function toPowerItemDto(p: PowerItemEntity): PowerItemDto {
  return { id: p.id, code: p.code, name: p.name, category: p.category, handlingUnitId: p.handlingUnitId, legalBasis: p.legalBasis, createdAt: p.createdAt.toISOString() };
}
