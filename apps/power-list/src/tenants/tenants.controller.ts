import { PowerListSubjects, type TenantDto, TenantKind } from '@qinglian/contracts';
import { TenantTransactions } from '@qinglian/persistence';
import { Controller, Injectable } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';

interface TenantRow {
  id: string;
  alias: string;
  name: string;
  name_en: string | null;
  kind: string;
  parent_id: string | null;
}

export function toTenantDto(r: TenantRow): TenantDto {
  return { id: r.id, alias: r.alias, name: r.name, nameEn: r.name_en, kind: r.kind === 'supervisor' ? TenantKind.Supervisor : TenantKind.Enterprise, parentId: r.parent_id };
}

@Injectable()
export class TenantsService {
  constructor(private readonly tx: TenantTransactions) {}

  list(): Promise<TenantDto[]> {
    return this.tx.runWithoutTenant(async (em) => {
      const rows: TenantRow[] = await em.query('SELECT id, alias, name, name_en, kind, parent_id FROM power_list.tenant ORDER BY alias');
      return rows.map(toTenantDto);
    });
  }
}

/**
 * The tenant tree for the gateway, which needs it before it knows who is calling (to turn a token's
 * organization into a tenant, and to tell whether a supervisor may read a tenant). It holds the
 * organisations' names only, no tenant's data, so it is answered without a caller context.
 */
@Controller()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @MessagePattern(PowerListSubjects.tenantList)
  list(): Promise<TenantDto[]> {
    return this.tenants.list();
  }
}
