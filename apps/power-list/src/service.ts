import { type ServiceDefinition } from '@qinglian/runtime';
import { LeaderChargeEntity, LeadershipMemberEntity, OrgUnitEntity, PersonEntity, PostEntity, PostHoldingEntity } from './directory/directory.entities';
import { DocumentEntity, DocumentVersionEntity, PublicationEntity, ReviewEntity } from './documents/document.entities';
import { DirectoryAndPowerItems1763776800000 } from './migrations/1763776800000-directory-and-power-items';
import { PlatformTables1763776700000 } from './migrations/1763776700000-platform-tables';
import { TenantRegistry1763900000000 } from './migrations/1763900000000-tenant-registry';
import { VersionedDocuments1764100000000 } from './migrations/1764100000000-versioned-documents';
import { SearchIndex1764200000000 } from './migrations/1764200000000-search-index';
import { PowerListModule } from './power-list.module';

/** power-list: the directory, power items with their flows, responsibility lists, publication. */
export const powerListService: ServiceDefinition = {
  name: 'power-list',
  schema: 'power_list',
  module: PowerListModule,
  entities: [
    OrgUnitEntity,
    PostEntity,
    PersonEntity,
    PostHoldingEntity,
    LeadershipMemberEntity,
    LeaderChargeEntity,
    DocumentEntity,
    DocumentVersionEntity,
    ReviewEntity,
    PublicationEntity,
  ],
  migrations: [PlatformTables1763776700000, DirectoryAndPowerItems1763776800000, TenantRegistry1763900000000, VersionedDocuments1764100000000, SearchIndex1764200000000],
  readOnlyTables: ['tenant'],
  privateTables: ['version_search'],
  appendOnlyTables: ['audit_log', 'review'],
};
