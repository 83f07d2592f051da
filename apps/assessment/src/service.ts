import { type ServiceDefinition } from '@qinglian/runtime';
import { AssessmentModule } from './assessment.module';
import { PlatformTables1763776700000 } from './migrations/1763776700000-platform-tables';

/** assessment: responsibility tasks, evidence, checks, scoring (features arrive with their issue). */
export const assessmentService: ServiceDefinition = {
  name: 'assessment',
  schema: 'assessment',
  module: AssessmentModule,
  entities: [],
  migrations: [PlatformTables1763776700000],
  appendOnlyTables: ['audit_log'],
};
