import { type ServiceDefinition } from '@qinglian/runtime';
import { ApprovalsModule } from './approvals.module';
import { PlatformTables1763776700000 } from './migrations/1763776700000-platform-tables';

/** approvals: matters, 三重一大 meetings, votes, decisions, execution (features arrive with their issue). */
export const approvalsService: ServiceDefinition = {
  name: 'approvals',
  schema: 'approvals',
  module: ApprovalsModule,
  entities: [],
  migrations: [PlatformTables1763776700000],
  appendOnlyTables: ['audit_log'],
};
