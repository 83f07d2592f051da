// Shapes of the approvals API the console reads and sends (libs/contracts/src/approvals), as type-only
// imports with their enums as string values (see `Loose` in api/types.ts).
import type {
  ActOnStepRequest,
  AddAgendaItemRequest,
  AgendaItemDto,
  AlertDto,
  AttachmentDto,
  ConcludeRequest,
  CreateMatterRequest,
  CreateMeetingRequest,
  DecisionRecordDto,
  DecisionTermsDto,
  DecisionVerificationDto,
  EvaluateRequest,
  ExecutionReportDto,
  FilingDto,
  IssuanceDto,
  MatterDecisionSummaryDto,
  MatterDto,
  MatterStepDto,
  MatterSummaryDto,
  MeetingDto,
  MeetingMemberDto,
  MeetingSummaryDto,
  PageDto,
  PolicyContent as PolicyContentContract,
  PolicyDto,
  PositionDto,
  RecordFilingRequest,
  RecordIssuanceRequest,
  RecusalRequest,
  ReportExecutionRequest,
  SetAttendanceRequest,
  SignFilingRequest,
  StatePositionRequest,
  StepTaskDto,
  TermDifferenceDto,
  TodoDto,
  WithdrawRequest,
} from '@qinglian/contracts';
import type { Loose } from '../api/types';

export type Terms = Loose<DecisionTermsDto>;
export type TermDifference = Loose<TermDifferenceDto>;
export type MatterSummary = Loose<MatterSummaryDto>;
export type MatterPage = Loose<PageDto<MatterSummaryDto>>;
export type Matter = Loose<MatterDto>;
export type MatterStep = Loose<MatterStepDto>;
export type StepTask = Loose<StepTaskDto>;
export type Filing = Loose<FilingDto>;
export type Attachment = Loose<AttachmentDto>;
export type MatterDecision = Loose<MatterDecisionSummaryDto>;
export type Issuance = Loose<IssuanceDto>;
export type ExecutionReport = Loose<ExecutionReportDto>;
export type Todo = Loose<TodoDto>;
export type Meeting = Loose<MeetingDto>;
export type MeetingSummary = Loose<MeetingSummaryDto>;
export type MeetingMember = Loose<MeetingMemberDto>;
export type AgendaItem = Loose<AgendaItemDto>;
export type PositionEntry = Loose<PositionDto>;
export type DecisionRecord = Loose<DecisionRecordDto>;
export type DecisionVerification = Loose<DecisionVerificationDto>;
export type Alert = Loose<AlertDto>;
export type Policy = Loose<PolicyDto>;
export type PolicyContent = Loose<PolicyContentContract>;

// Request bodies.
export type CreateMatterBody = Loose<CreateMatterRequest>;
export type ActBody = Loose<ActOnStepRequest>;
export type WithdrawBody = Loose<WithdrawRequest>;
export type FilingBody = Loose<RecordFilingRequest>;
export type SignFilingBody = Loose<SignFilingRequest>;
export type IssuanceBody = Loose<RecordIssuanceRequest>;
export type ExecutionReportBody = Loose<ReportExecutionRequest>;
export type EvaluateBody = Loose<EvaluateRequest>;
export type CreateMeetingBody = Loose<CreateMeetingRequest>;
export type AttendanceBody = Loose<SetAttendanceRequest>;
export type AddAgendaBody = Loose<AddAgendaItemRequest>;
export type RecusalBody = Loose<RecusalRequest>;
export type PositionBody = Loose<StatePositionRequest>;
export type ConcludeBody = Loose<ConcludeRequest>;
