import { Module } from '@nestjs/common';

/** approvals: matters, 三重一大 meetings, votes, decisions, execution (features arrive with their issue). */
@Module({})
export class ApprovalsModule {}
