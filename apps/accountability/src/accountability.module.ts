import { Module } from '@nestjs/common';

/** accountability: cases, sanctions, influence periods, liability, rectification (features arrive with their issue). */
@Module({})
export class AccountabilityModule {}
