import { Module } from '@nestjs/common';
import { ChangeLog } from '@qinglian/runtime';
import { AlertsService } from './alerts/alerts.service';
import { ApprovalsController } from './approvals.controller';
import { DeadlineSweeper } from './deadlines/deadline-sweeper';
import { DecisionsService } from './decisions/decisions.service';
import { SigningKeys } from './decisions/signing-keys';
import { ATTACHMENT_STORE, PostgresAttachmentStore } from './matters/attachment-store';
import { ExecutionService } from './matters/execution.service';
import { FilingService } from './matters/filing.service';
import { MattersService } from './matters/matters.service';
import { MeetingsService } from './meetings/meetings.service';
import { APPROVALS_CONFIG, loadApprovalsConfig } from './platform/approvals-config';
import { PowerListClient } from './platform/power-list.client';
import { PolicyService } from './policy/policy.service';

/** approvals: matters running power items' flows, 三重一大 meetings, sealed decisions, what follows them. */
@Module({
  controllers: [ApprovalsController],
  providers: [
    { provide: APPROVALS_CONFIG, useFactory: () => loadApprovalsConfig() },
    { provide: ATTACHMENT_STORE, useClass: PostgresAttachmentStore },
    ChangeLog,
    PowerListClient,
    PolicyService,
    AlertsService,
    MattersService,
    FilingService,
    ExecutionService,
    SigningKeys,
    MeetingsService,
    DecisionsService,
    DeadlineSweeper,
  ],
})
export class ApprovalsModule {}
