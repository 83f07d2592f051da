import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { NullableText } from '../power-list/nullable-text';
import { PageRequest } from '../power-list/power-item.dto';
import { type ActorRef, type MeetingBody, type StepKind } from '../power-list/flow.dto';
import { MatterType } from './policy.dto';

/**
 * 关键要素 — what a decision is about and an issued document must not change: amount (元), counterparty,
 * project, scope and conditions. Compared field by field (rules/terms.ts).
 */
export class DecisionTerms {
  @ApiPropertyOptional({ description: '金额（元）', nullable: true, minimum: 0, example: 3200000 })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'amount must be a number of yuan with at most 2 decimals' })
  @Min(0, { message: 'amount must not be negative' })
  @Max(1e13, { message: 'amount must be at most 10 000 000 000 000' })
  amount?: number | null;

  @NullableText('交易对方 counterparty', 200, '广元市某建设工程有限公司')
  counterparty?: string | null;

  @NullableText('项目 project (name or code)', 200)
  project?: string | null;

  @NullableText('范围 scope', 2000)
  scope?: string | null;

  @NullableText('条件 conditions', 2000)
  conditions?: string | null;
}

export interface DecisionTermsDto {
  readonly amount: number | null;
  readonly counterparty: string | null;
  readonly project: string | null;
  readonly scope: string | null;
  readonly conditions: string | null;
}

export type TermField = keyof DecisionTermsDto;
export const TERM_FIELDS: readonly TermField[] = ['amount', 'counterparty', 'project', 'scope', 'conditions'];
export const TermFieldLabels: Readonly<Record<TermField, { readonly zh: string; readonly en: string }>> = {
  amount: { zh: '金额', en: 'Amount' },
  counterparty: { zh: '交易对方', en: 'Counterparty' },
  project: { zh: '项目', en: 'Project' },
  scope: { zh: '范围', en: 'Scope' },
  conditions: { zh: '条件', en: 'Conditions' },
};

/** One term that differs between what was decided and what was issued or done. */
export interface TermDifferenceDto {
  readonly field: TermField;
  readonly decided: string | number | null;
  readonly actual: string | number | null;
}

/** 发起事项: runs the published version of a power item. */
export class CreateMatterRequest {
  @ApiProperty({ format: 'uuid', description: '权力事项 (its published version is run)' })
  @IsUUID('all')
  powerItemId!: string;

  @ApiProperty({ minLength: 2, maxLength: 200, example: '2026年度安置房项目工程款支付' })
  @IsString()
  @Length(2, 200)
  title!: string;

  @ApiPropertyOptional({ enum: MatterType, nullable: true, description: '“三重一大”类型; null: 一般事项' })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsEnum(MatterType)
  matterType?: MatterType | null;

  @ApiProperty({ type: DecisionTerms })
  @ValidateNested()
  @Type(() => DecisionTerms)
  terms!: DecisionTerms;

  @ApiProperty({ minLength: 2, maxLength: 4000, description: '申请说明 (the proposer’s opinion on the submit step)' })
  @IsString()
  @Length(2, 4000)
  description!: string;
}

export enum MatterStatus {
  /** 办理中 */ InProgress = 'in-progress',
  /** 待上会 */ AwaitingMeeting = 'awaiting-meeting',
  /** 执行中 */ Executing = 'executing',
  /** 已办结 */ Closed = 'closed',
  /** 未通过 */ Rejected = 'rejected',
  /** 已撤回 */ Withdrawn = 'withdrawn',
}

export const MatterStatusLabels: Readonly<Record<MatterStatus, { readonly zh: string; readonly en: string }>> = {
  [MatterStatus.InProgress]: { zh: '办理中', en: 'In progress' },
  [MatterStatus.AwaitingMeeting]: { zh: '待上会', en: 'Awaiting meeting' },
  [MatterStatus.Executing]: { zh: '执行中', en: 'Executing' },
  [MatterStatus.Closed]: { zh: '已办结', en: 'Closed' },
  [MatterStatus.Rejected]: { zh: '未通过', en: 'Rejected' },
  [MatterStatus.Withdrawn]: { zh: '已撤回', en: 'Withdrawn' },
};

export class ListMattersRequest extends PageRequest {
  @ApiPropertyOptional({ enum: MatterStatus })
  @IsOptional()
  @IsEnum(MatterStatus)
  status?: MatterStatus;

  @ApiPropertyOptional({ enum: MatterType })
  @IsOptional()
  @IsEnum(MatterType)
  matterType?: MatterType;

  @ApiPropertyOptional({ description: '标题/编号包含' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export enum StepAction {
  /** 同意 */ Approve = 'approve',
  /** 不同意（终止） */ Reject = 'reject',
  /** 退回 */ Return = 'return',
}

/** 办理: the assignee of the open step acts, always with a written opinion. */
export class ActOnStepRequest {
  @ApiProperty({ enum: StepAction })
  @IsEnum(StepAction)
  action!: StepAction;

  @ApiProperty({ minLength: 2, maxLength: 2000, description: '明确意见 (required: 审核、审批人必须签署或发表明确的意见)' })
  @IsString()
  @Length(2, 2000, { message: 'opinion must be a written opinion of 2 to 2000 characters' })
  opinion!: string;

  @ApiPropertyOptional({ minimum: 1, description: 'return: the earlier step to return to' })
  @IsOptional()
  @IsInt()
  @Min(1)
  toStep?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'The step the caller saw open (stale-page guard)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  stepOrder?: number;
}

export class WithdrawRequest {
  @ApiProperty({ minLength: 2, maxLength: 2000 })
  @IsString()
  @Length(2, 2000)
  reason!: string;
}

export enum TaskStatus {
  Open = 'open',
  Approved = 'approved',
  Rejected = 'rejected',
  Returned = 'returned',
  Withdrawn = 'withdrawn',
  /** A meeting step completed by a sealed decision */ Decided = 'decided',
}

export interface AssigneeDto {
  readonly subject: string;
  readonly name: string;
}

/** One pass through one step (a returned step runs again: a new task). */
export interface StepTaskDto {
  readonly id: string;
  readonly stepOrder: number;
  readonly stepName: string;
  readonly kind: StepKind;
  readonly status: TaskStatus;
  /** Who may act: people from the directory on the day the step opened. */
  readonly assignees: AssigneeDto[];
  /** When no one could be found in the directory: anyone with this role may act. */
  readonly assigneeRole: string | null;
  readonly assignmentNote: string | null;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly remindedAt: string | null;
  readonly overdueAt: string | null;
  readonly actedAt: string | null;
  readonly action: StepAction | null;
  readonly opinion: string | null;
  readonly actorSubject: string | null;
  readonly actorName: string | null;
  readonly returnedTo: number | null;
}

export interface MatterStepDto {
  readonly order: number;
  readonly name: string;
  readonly kind: StepKind;
  readonly actor: ActorRef | null;
  readonly meetingBodies: MeetingBody[];
  readonly timeLimitDays: number;
  readonly riskPoints: string[];
  readonly controlMeasures: string[];
}

export interface MatterSummaryDto {
  readonly id: string;
  readonly no: string;
  readonly title: string;
  readonly matterType: MatterType | null;
  readonly amount: number | null;
  readonly counterparty: string | null;
  readonly requiresMeeting: boolean;
  readonly status: MatterStatus;
  readonly currentStep: number | null;
  readonly currentStepName: string | null;
  readonly dueAt: string | null;
  readonly proposerName: string;
  readonly powerItemCode: string;
  readonly powerItemName: string;
  readonly createdAt: string;
  readonly alertCount: number;
}

export enum FilingKind {
  /** 合法合规审查（书面意见） */ ComplianceReview = 'compliance-review',
  /** 先调研论证 */ Research = 'research',
  /** 先征求意见 */ Consultation = 'consultation',
  /** 先风险评估 */ RiskAssessment = 'risk-assessment',
  /** 党委（党组）书记签字 */ SecretarySignature = 'secretary-signature',
}

export const FilingKindLabels: Readonly<Record<FilingKind, { readonly zh: string; readonly en: string }>> = {
  [FilingKind.ComplianceReview]: { zh: '合法合规审查', en: 'Compliance review' },
  [FilingKind.Research]: { zh: '调研论证', en: 'Research' },
  [FilingKind.Consultation]: { zh: '征求意见', en: 'Consultation' },
  [FilingKind.RiskAssessment]: { zh: '风险评估', en: 'Risk assessment' },
  [FilingKind.SecretarySignature]: { zh: '书记签字', en: "Secretary's signature" },
};

/** 会前报备 one record: compliance review, research, consultation or risk assessment. */
export class RecordFilingRequest {
  @ApiProperty({ enum: [FilingKind.ComplianceReview, FilingKind.Research, FilingKind.Consultation, FilingKind.RiskAssessment] })
  @IsIn([FilingKind.ComplianceReview, FilingKind.Research, FilingKind.Consultation, FilingKind.RiskAssessment], { message: 'kind must be compliance-review, research, consultation or risk-assessment (the secretary signs through /filing/sign)' })
  kind!: FilingKind;

  @ApiProperty({ minLength: 2, maxLength: 4000, description: '书面意见 / 记录' })
  @IsString()
  @Length(2, 4000)
  opinion!: string;

  @ApiPropertyOptional({ type: [String], description: 'Attachments of this matter backing the record' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class SignFilingRequest {
  @ApiProperty({ minLength: 2, maxLength: 2000, description: '书记签批意见' })
  @IsString()
  @Length(2, 2000)
  opinion!: string;
}

export interface FilingEntryDto {
  readonly id: string;
  readonly kind: FilingKind;
  readonly opinion: string;
  readonly attachmentIds: string[];
  readonly recordedBy: string;
  readonly recordedByName: string;
  readonly recordedAt: string;
}

/** 会前报备 checklist of a “三重一大” matter. */
export interface FilingDto {
  readonly required: boolean;
  readonly entries: FilingEntryDto[];
  /** What is still missing, in order. */
  readonly missing: FilingKind[];
  /** 抄送派驻纪检监察组: set when the secretary signed. */
  readonly copiedToDisciplineAt: string | null;
  readonly complete: boolean;
}

export enum AttachmentPurpose {
  General = 'general',
  Research = 'research',
  Consultation = 'consultation',
  RiskAssessment = 'risk-assessment',
  ComplianceReview = 'compliance-review',
  Issued = 'issued',
  Execution = 'execution',
}

export interface AttachmentDto {
  readonly id: string;
  readonly purpose: AttachmentPurpose;
  readonly fileName: string;
  readonly mediaType: string;
  readonly size: number;
  /** SM3 of the content, hex */
  readonly sm3: string;
  readonly uploadedBy: string;
  readonly uploadedByName: string;
  readonly uploadedAt: string;
}

export interface MatterDto extends MatterSummaryDto {
  readonly description: string;
  readonly terms: DecisionTermsDto;
  readonly powerItemId: string;
  readonly powerItemVersionNo: number;
  readonly policyVersionNo: number;
  readonly proposerSubject: string;
  readonly handlingUnitCode: string;
  readonly steps: MatterStepDto[];
  readonly tasks: StepTaskDto[];
  readonly filing: FilingDto;
  readonly attachments: AttachmentDto[];
  /** Bodies that must decide, in turn, and the decisions so far. */
  readonly requiredBodies: MeetingBody[];
  readonly decisions: MatterDecisionSummaryDto[];
  readonly issuances: IssuanceDto[];
  readonly executionReports: ExecutionReportDto[];
  readonly evaluation: EvaluationDto | null;
  readonly withdrawable: boolean;
  /** What the caller may do now (the console shows these actions). */
  readonly can: { readonly act: boolean; readonly withdraw: boolean; readonly sign: boolean; readonly issue: boolean; readonly report: boolean; readonly evaluate: boolean };
}

export interface MatterDecisionSummaryDto {
  readonly decisionId: string;
  readonly meetingId: string;
  readonly body: MeetingBody;
  readonly heldOn: string;
  readonly result: DecisionResult;
  readonly terms: DecisionTermsDto;
  readonly hash: string;
  readonly sealedAt: string;
}

export enum DecisionResult {
  /** 通过 */ Passed = 'passed',
  /** 未通过 */ Rejected = 'rejected',
  /** 缓议 */ Deferred = 'deferred',
}

export const DecisionResultLabels: Readonly<Record<DecisionResult, { readonly zh: string; readonly en: string }>> = {
  [DecisionResult.Passed]: { zh: '通过', en: 'Passed' },
  [DecisionResult.Rejected]: { zh: '未通过', en: 'Rejected' },
  [DecisionResult.Deferred]: { zh: '缓议', en: 'Deferred' },
};

/** 下达意见 / 批复: the issued document, compared with the decision. */
export class RecordIssuanceRequest {
  @ApiProperty({ minLength: 1, maxLength: 100, example: '广元资本〔2026〕12号' })
  @IsString()
  @Length(1, 100)
  docNo!: string;

  @ApiProperty({ minLength: 2, maxLength: 200 })
  @IsString()
  @Length(2, 200)
  title!: string;

  @ApiProperty({ format: 'date', example: '2026-12-05' })
  @IsString()
  @Length(10, 10)
  issuedOn!: string;

  @ApiProperty({ type: DecisionTerms })
  @ValidateNested()
  @Type(() => DecisionTerms)
  terms!: DecisionTerms;

  @NullableText('说明', 2000)
  note?: string | null;
}

export interface IssuanceDto {
  readonly id: string;
  readonly docNo: string;
  readonly title: string;
  readonly issuedOn: string;
  readonly terms: DecisionTermsDto;
  /** 擅自改变决策事项: what differs from the decision (empty: consistent). */
  readonly differences: TermDifferenceDto[];
  readonly recordedBy: string;
  readonly recordedByName: string;
  readonly recordedAt: string;
}

/** 执行情况: progress against the decision. */
export class ReportExecutionRequest {
  @ApiProperty({ format: 'date' })
  @IsString()
  @Length(10, 10)
  reportedOn!: string;

  @ApiProperty({ minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent!: number;

  @ApiPropertyOptional({ description: '已支出/已执行金额（元）', nullable: true, minimum: 0 })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'amountSpent must be a number of yuan with at most 2 decimals' })
  @Min(0, { message: 'amountSpent must not be negative' })
  amountSpent?: number | null;

  @NullableText('实际交易对方', 200)
  counterparty?: string | null;

  @ApiProperty({ minLength: 2, maxLength: 4000 })
  @IsString()
  @Length(2, 4000)
  note!: string;
}

export interface ExecutionReportDto {
  readonly id: string;
  readonly reportedOn: string;
  readonly progressPercent: number;
  readonly amountSpent: number | null;
  readonly counterparty: string | null;
  readonly note: string;
  /** 决议决策与落实推进不一致 */
  readonly divergences: TermDifferenceDto[];
  readonly recordedBy: string;
  readonly recordedByName: string;
  readonly recordedAt: string;
}

export enum EvaluationRating {
  /** 好 */ Good = 'good',
  /** 较好 */ Fair = 'fair',
  /** 差 */ Poor = 'poor',
}

export class EvaluationIndicator {
  @ApiProperty({ maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  target!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  actual!: string;
}

/** 执行后评价: closes the matter. */
export class EvaluateRequest {
  @ApiProperty({ format: 'date' })
  @IsString()
  @Length(10, 10)
  evaluatedOn!: string;

  @ApiProperty({ enum: EvaluationRating })
  @IsEnum(EvaluationRating)
  rating!: EvaluationRating;

  @ApiProperty({ minLength: 2, maxLength: 4000 })
  @IsString()
  @Length(2, 4000)
  summary!: string;

  @ApiPropertyOptional({ type: [EvaluationIndicator], description: '可量化指标' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvaluationIndicator)
  indicators?: EvaluationIndicator[];
}

export interface EvaluationDto {
  readonly evaluatedOn: string;
  readonly rating: EvaluationRating;
  readonly summary: string;
  readonly indicators: { readonly name: string; readonly target: string; readonly actual: string }[];
  readonly recordedBy: string;
  readonly recordedByName: string;
  readonly recordedAt: string;
}

/** 我的待办 */
export enum TodoKind {
  /** 办理步骤 */ Step = 'step',
  /** 合法合规审查 */ ComplianceReview = 'compliance-review',
  /** 书记签字 */ Sign = 'sign',
  /** 会议表态 */ Position = 'position',
}

export interface TodoDto {
  readonly kind: TodoKind;
  readonly matterId: string;
  readonly matterNo: string;
  readonly matterTitle: string;
  readonly label: string;
  readonly taskId: string | null;
  readonly meetingId: string | null;
  readonly stepOrder: number | null;
  readonly startedAt: string;
  readonly dueAt: string | null;
  readonly overdue: boolean;
}
