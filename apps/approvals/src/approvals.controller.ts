import {
  ActOnStepMessage,
  AddAgendaItemMessage,
  AddAttachmentMessage,
  type AlertDto,
  ApprovalsSubjects,
  type AttachmentDto,
  AttachmentRef,
  type CallerContext,
  ConcludeMessage,
  CreateMatterRequest,
  CreateMeetingRequest,
  type DecisionRecordDto,
  type DecisionVerificationDto,
  EvaluateMessage,
  IdRef,
  type InlineFileDto,
  ListAlertsRequest,
  ListMattersRequest,
  ListMeetingsRequest,
  type MatterDto,
  type MatterSummaryDto,
  type MeetingDto,
  type MeetingSummaryDto,
  type PageDto,
  PolicyContent,
  type PolicyDto,
  RecordFilingMessage,
  RecordIssuanceMessage,
  RecusalMessage,
  ReportExecutionMessage,
  SetAttendanceMessage,
  SignFilingMessage,
  type SigningKeyDto,
  StatePositionMessage,
  type TodoDto,
  VerifyDecisionMessage,
  WithdrawMessage,
} from '@qinglian/contracts';
import { Caller } from '@qinglian/runtime';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AlertsService } from './alerts/alerts.service';
import { DecisionsService } from './decisions/decisions.service';
import { SigningKeys } from './decisions/signing-keys';
import { ExecutionService } from './matters/execution.service';
import { FilingService } from './matters/filing.service';
import { MattersService } from './matters/matters.service';
import { MeetingsService } from './meetings/meetings.service';
import { PolicyService } from './policy/policy.service';

/** approvals' request-reply API (ApprovalsSubjects); each service method checks the caller's permission. */
@Controller()
export class ApprovalsController {
  constructor(
    private readonly policy: PolicyService,
    private readonly matters: MattersService,
    private readonly filing: FilingService,
    private readonly execution: ExecutionService,
    private readonly meetings: MeetingsService,
    private readonly decisions: DecisionsService,
    private readonly keys: SigningKeys,
    private readonly alerts: AlertsService,
  ) {}

  @MessagePattern(ApprovalsSubjects.policyGet)
  policyGet(@Caller() caller: CallerContext): Promise<PolicyDto> {
    return this.policy.current(caller);
  }

  @MessagePattern(ApprovalsSubjects.policyVersions)
  policyVersions(@Caller() caller: CallerContext): Promise<PolicyDto[]> {
    return this.policy.versions(caller);
  }

  @MessagePattern(ApprovalsSubjects.policyUpdate)
  policyUpdate(@Caller() caller: CallerContext, @Payload() body: PolicyContent): Promise<PolicyDto> {
    return this.policy.update(caller, body);
  }

  @MessagePattern(ApprovalsSubjects.matterCreate)
  matterCreate(@Caller() caller: CallerContext, @Payload() body: CreateMatterRequest): Promise<MatterDto> {
    return this.matters.create(caller, body);
  }

  @MessagePattern(ApprovalsSubjects.matterList)
  matterList(@Caller() caller: CallerContext, @Payload() req: ListMattersRequest): Promise<PageDto<MatterSummaryDto>> {
    return this.matters.list(caller, req);
  }

  @MessagePattern(ApprovalsSubjects.matterGet)
  matterGet(@Caller() caller: CallerContext, @Payload() req: IdRef): Promise<MatterDto> {
    return this.matters.get(caller, req.id);
  }

  @MessagePattern(ApprovalsSubjects.matterAct)
  matterAct(@Caller() caller: CallerContext, @Payload() req: ActOnStepMessage): Promise<MatterDto> {
    return this.matters.act(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.matterWithdraw)
  matterWithdraw(@Caller() caller: CallerContext, @Payload() req: WithdrawMessage): Promise<MatterDto> {
    return this.matters.withdraw(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.todoList)
  todos(@Caller() caller: CallerContext): Promise<TodoDto[]> {
    return this.matters.todos(caller);
  }

  @MessagePattern(ApprovalsSubjects.attachmentAdd)
  attachmentAdd(@Caller() caller: CallerContext, @Payload() req: AddAttachmentMessage): Promise<AttachmentDto> {
    return this.filing.addAttachment(caller, req);
  }

  @MessagePattern(ApprovalsSubjects.attachmentGet)
  attachmentGet(@Caller() caller: CallerContext, @Payload() req: AttachmentRef): Promise<InlineFileDto> {
    return this.filing.getAttachment(caller, req);
  }

  @MessagePattern(ApprovalsSubjects.filingRecord)
  filingRecord(@Caller() caller: CallerContext, @Payload() req: RecordFilingMessage): Promise<MatterDto> {
    return this.filing.record(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.filingSign)
  filingSign(@Caller() caller: CallerContext, @Payload() req: SignFilingMessage): Promise<MatterDto> {
    return this.filing.sign(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.filingList)
  filingList(@Caller() caller: CallerContext): Promise<MatterSummaryDto[]> {
    return this.filing.filed(caller);
  }

  @MessagePattern(ApprovalsSubjects.issuanceRecord)
  issuance(@Caller() caller: CallerContext, @Payload() req: RecordIssuanceMessage): Promise<MatterDto> {
    return this.execution.issue(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.executionReport)
  executionReport(@Caller() caller: CallerContext, @Payload() req: ReportExecutionMessage): Promise<MatterDto> {
    return this.execution.report(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.evaluationRecord)
  evaluation(@Caller() caller: CallerContext, @Payload() req: EvaluateMessage): Promise<MatterDto> {
    return this.execution.evaluate(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.meetingCreate)
  meetingCreate(@Caller() caller: CallerContext, @Payload() body: CreateMeetingRequest): Promise<MeetingDto> {
    return this.meetings.create(caller, body);
  }

  @MessagePattern(ApprovalsSubjects.meetingList)
  meetingList(@Caller() caller: CallerContext, @Payload() req: ListMeetingsRequest): Promise<MeetingSummaryDto[]> {
    return this.meetings.list(caller, req);
  }

  @MessagePattern(ApprovalsSubjects.meetingGet)
  meetingGet(@Caller() caller: CallerContext, @Payload() req: IdRef): Promise<MeetingDto> {
    return this.meetings.get(caller, req.id);
  }

  @MessagePattern(ApprovalsSubjects.meetingAttendance)
  attendance(@Caller() caller: CallerContext, @Payload() req: SetAttendanceMessage): Promise<MeetingDto> {
    return this.meetings.attendance(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.meetingOpen)
  meetingOpen(@Caller() caller: CallerContext, @Payload() req: IdRef): Promise<MeetingDto> {
    return this.meetings.open(caller, req.id);
  }

  @MessagePattern(ApprovalsSubjects.meetingClose)
  meetingClose(@Caller() caller: CallerContext, @Payload() req: IdRef): Promise<MeetingDto> {
    return this.meetings.close(caller, req.id);
  }

  @MessagePattern(ApprovalsSubjects.agendaAdd)
  agendaAdd(@Caller() caller: CallerContext, @Payload() req: AddAgendaItemMessage): Promise<MeetingDto> {
    return this.meetings.addAgendaItem(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.recusalRecord)
  recusal(@Caller() caller: CallerContext, @Payload() req: RecusalMessage): Promise<MeetingDto> {
    return this.meetings.recuse(caller, req.ref.meetingId, req.ref.itemId, req.body);
  }

  @MessagePattern(ApprovalsSubjects.positionState)
  position(@Caller() caller: CallerContext, @Payload() req: StatePositionMessage): Promise<MeetingDto> {
    return this.meetings.statePosition(caller, req.ref.meetingId, req.ref.itemId, req.body);
  }

  @MessagePattern(ApprovalsSubjects.agendaConclude)
  conclude(@Caller() caller: CallerContext, @Payload() req: ConcludeMessage): Promise<DecisionRecordDto> {
    return this.meetings.conclude(caller, req.ref.meetingId, req.ref.itemId, req.body);
  }

  @MessagePattern(ApprovalsSubjects.decisionGet)
  decisionGet(@Caller() caller: CallerContext, @Payload() req: IdRef): Promise<DecisionRecordDto> {
    return this.decisions.get(caller, req.id);
  }

  @MessagePattern(ApprovalsSubjects.decisionVerify)
  decisionVerify(@Caller() caller: CallerContext, @Payload() req: VerifyDecisionMessage): Promise<DecisionVerificationDto> {
    return this.decisions.verify(caller, req.ref.id, req.body);
  }

  @MessagePattern(ApprovalsSubjects.decisionPrint)
  decisionPrint(@Caller() caller: CallerContext, @Payload() req: IdRef): Promise<InlineFileDto> {
    return this.decisions.print(caller, req.id);
  }

  @MessagePattern(ApprovalsSubjects.signingKeyList)
  signingKeys(@Caller() caller: CallerContext): Promise<SigningKeyDto[]> {
    return this.keys.list(caller);
  }

  @MessagePattern(ApprovalsSubjects.signingKeyRotate)
  rotate(@Caller() caller: CallerContext): Promise<SigningKeyDto> {
    return this.keys.rotate(caller);
  }

  @MessagePattern(ApprovalsSubjects.alertList)
  alertList(@Caller() caller: CallerContext, @Payload() req: ListAlertsRequest): Promise<AlertDto[]> {
    return this.alerts.list(caller, req);
  }
}
