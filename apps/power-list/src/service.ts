import { type ServiceDefinition } from '@qinglian/runtime';
import { OrgUnitEntity, PersonEntity, PostEntity } from './directory/directory.entities';
import { DirectoryAndPowerItems1763776800000 } from './migrations/1763776800000-directory-and-power-items';
import { PlatformTables1763776700000 } from './migrations/1763776700000-platform-tables';
import { TenantRegistry1763900000000 } from './migrations/1763900000000-tenant-registry';
import { PowerItemEntity } from './power-items/power-item.entity';
import { PowerListModule } from './power-list.module';

/** power-list: the directory, power items (and, next, their flows and responsibility lists). */
export const powerListService: ServiceDefinition = {
  name: 'power-list',
  schema: 'power_list',
  module: PowerListModule,
  entities: [OrgUnitEntity, PostEntity, PersonEntity, PowerItemEntity],
  migrations: [PlatformTables1763776700000, DirectoryAndPowerItems1763776800000, TenantRegistry1763900000000],
  readOnlyTables: ['tenant'],
  appendOnlyTables: ['audit_log'],
};
