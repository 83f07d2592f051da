import { Module } from '@nestjs/common';

/** risk-registry: risk points, ratings, measures, commitments, warnings (features arrive with their issue). */
@Module({})
export class RiskRegistryModule {}
