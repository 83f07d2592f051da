import { type ServiceDefinition } from '@qinglian/runtime';
import { ApprovalsModule } from './approvals.module';
import { PlatformTables1763776700000 } from './migrations/1763776700000-platform-tables';
import { MattersAndMeetings1764300000000, SEALED_TABLES } from './migrations/1764300000000-matters-and-meetings';

/** approvals: matters, 三重一大 meetings, positions, sealed decisions, execution and detection. */
export const approvalsService: ServiceDefinition = {
  name: 'approvals',
  schema: 'approvals',
  module: ApprovalsModule,
  entities: [],
  migrations: [PlatformTables1763776700000, MattersAndMeetings1764300000000],
  appendOnlyTables: ['audit_log', ...SEALED_TABLES],
};
