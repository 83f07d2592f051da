import { type ServiceDefinition } from '@qinglian/runtime';
import { RiskRegistryModule } from './risk-registry.module';
import { PlatformTables1763776700000 } from './migrations/1763776700000-platform-tables';

/** risk-registry: risk points, ratings, measures, commitments, warnings (features arrive with their issue). */
export const riskRegistryService: ServiceDefinition = {
  name: 'risk-registry',
  schema: 'risk_registry',
  module: RiskRegistryModule,
  entities: [],
  migrations: [PlatformTables1763776700000],
  appendOnlyTables: ['audit_log'],
};
