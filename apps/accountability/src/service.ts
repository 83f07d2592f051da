import { type ServiceDefinition } from '@qinglian/runtime';
import { AccountabilityModule } from './accountability.module';
import { PlatformTables1763776700000 } from './migrations/1763776700000-platform-tables';

/** accountability: cases, sanctions, influence periods, liability, rectification (features arrive with their issue). */
export const accountabilityService: ServiceDefinition = {
  name: 'accountability',
  schema: 'accountability',
  module: AccountabilityModule,
  entities: [],
  migrations: [PlatformTables1763776700000],
  appendOnlyTables: ['audit_log'],
};
