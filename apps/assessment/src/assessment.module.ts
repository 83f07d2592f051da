import { Module } from '@nestjs/common';

/** assessment: responsibility tasks, evidence, checks, scoring (features arrive with their issue). */
@Module({})
export class AssessmentModule {}
