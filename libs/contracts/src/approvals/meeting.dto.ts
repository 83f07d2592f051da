import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { NullableText } from '../power-list/nullable-text';
import { MeetingBody } from '../power-list/flow.dto';
import { type DecisionResult, DecisionTerms, type DecisionTermsDto, type MatterStatus } from './matter.dto';
import { type MatterType } from './policy.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 会议: the members are the leadership team on `heldOn` (power-list directory). */
export class CreateMeetingRequest {
  @ApiProperty({ enum: MeetingBody })
  @IsEnum(MeetingBody)
  body!: MeetingBody;

  @ApiProperty({ minLength: 2, maxLength: 200, example: '2026年第12次党委会' })
  @IsString()
  @Length(2, 200)
  title!: string;

  @ApiProperty({ format: 'date', example: '2026-12-05' })
  @Matches(DATE, { message: 'heldOn must be a date YYYY-MM-DD' })
  heldOn!: string;

  @NullableText('地点', 200)
  location?: string | null;
}

export enum MeetingStatus {
  /** 待召开 */ Scheduled = 'scheduled',
  /** 进行中 */ InSession = 'in-session',
  /** 已结束 */ Closed = 'closed',
}

export const MeetingStatusLabels: Readonly<Record<MeetingStatus, { readonly zh: string; readonly en: string }>> = {
  [MeetingStatus.Scheduled]: { zh: '待召开', en: 'Scheduled' },
  [MeetingStatus.InSession]: { zh: '进行中', en: 'In session' },
  [MeetingStatus.Closed]: { zh: '已结束', en: 'Closed' },
};

export class AttendanceEntry {
  @ApiProperty({ description: 'The member’s sign-in subject' })
  @IsString()
  @Length(1, 200)
  subject!: string;

  @ApiProperty()
  @IsBoolean()
  present!: boolean;

  @NullableText('缺席原因 (required when absent)', 200)
  absenceReason?: string | null;
}

export class SetAttendanceRequest {
  @ApiProperty({ type: [AttendanceEntry] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttendanceEntry)
  attendance!: AttendanceEntry[];
}

export class AddAgendaItemRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  matterId!: string;
}

/** 回避: a member declares it (no subject), or the chair requires it of a member (subject). */
export class RecusalRequest {
  @ApiPropertyOptional({ description: 'The member required to recuse (chair only); omitted: the caller declares' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiProperty({ minLength: 2, maxLength: 500, description: '回避事由' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export enum Position {
  /** 同意 */ Agree = 'agree',
  /** 不同意 */ Disagree = 'disagree',
  /** 缓议 */ Defer = 'defer',
  /** 弃权 */ Abstain = 'abstain',
}

export const PositionLabels: Readonly<Record<Position, { readonly zh: string; readonly en: string }>> = {
  [Position.Agree]: { zh: '同意', en: 'Agree' },
  [Position.Disagree]: { zh: '不同意', en: 'Disagree' },
  [Position.Defer]: { zh: '缓议', en: 'Defer' },
  [Position.Abstain]: { zh: '弃权', en: 'Abstain' },
};

/** 表态: a reason is required for all but agree. */
export class StatePositionRequest {
  @ApiProperty({ enum: Position })
  @IsEnum(Position)
  position!: Position;

  @ApiPropertyOptional({ maxLength: 2000, description: '理由 (required unless agree)' })
  @ValidateIf((o: StatePositionRequest, v) => o.position !== Position.Agree || (v !== undefined && v !== null))
  @IsString({ message: 'reason is required for disagree, defer and abstain' })
  @Length(2, 2000, { message: 'reason must be 2 to 2000 characters (required unless agree)' })
  reason?: string | null;
}

/** 形成决议: computes the result, builds the decision record and seals it. */
export class ConcludeRequest {
  @ApiPropertyOptional({ type: DecisionTerms, description: 'The terms as decided, when the meeting amended the proposal' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionTerms)
  terms?: DecisionTerms;

  @NullableText('会议意见/纪要要点', 4000)
  summary?: string | null;
}

export interface MeetingMemberDto {
  readonly subject: string;
  readonly personId: string;
  readonly name: string;
  readonly title: string;
  readonly isMainLeader: boolean;
  /** null until attendance is taken */
  readonly present: boolean | null;
  readonly absenceReason: string | null;
}

export interface QuorumDto {
  readonly members: number;
  readonly present: number;
  readonly required: number;
  readonly met: boolean;
}

export interface RecusalDto {
  readonly subject: string;
  readonly name: string;
  readonly kind: 'declared' | 'required';
  readonly reason: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface PositionDto {
  readonly subject: string;
  readonly name: string;
  readonly isMainLeader: boolean;
  readonly position: Position;
  readonly reason: string | null;
  readonly statedAt: string;
  /** 1 for the first position stated on this item */
  readonly seq: number;
}

export interface AgendaItemDto {
  readonly id: string;
  readonly seq: number;
  readonly matterId: string;
  readonly matterNo: string;
  readonly matterTitle: string;
  readonly matterType: MatterType | null;
  readonly matterStatus: MatterStatus;
  readonly terms: DecisionTermsDto;
  readonly status: 'open' | 'decided';
  readonly recusals: RecusalDto[];
  readonly positions: PositionDto[];
  /** Present, non-recused members who have not stated yet. */
  readonly pending: string[];
  /** 末位表态: why the main leader may not state yet (null: may). */
  readonly mainLeaderBlockedReason: string | null;
  readonly result: DecisionResult | null;
  readonly decisionId: string | null;
}

export interface MeetingDto {
  readonly id: string;
  readonly body: MeetingBody;
  readonly title: string;
  readonly heldOn: string;
  readonly location: string | null;
  readonly status: MeetingStatus;
  readonly policyVersionNo: number;
  readonly members: MeetingMemberDto[];
  readonly quorum: QuorumDto;
  readonly agenda: AgendaItemDto[];
  readonly createdAt: string;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
}

export interface MeetingSummaryDto {
  readonly id: string;
  readonly body: MeetingBody;
  readonly title: string;
  readonly heldOn: string;
  readonly status: MeetingStatus;
  readonly memberCount: number;
  readonly agendaCount: number;
}

/** 决策记录 as sealed: the content is what was hashed (canonical JSON) and signed. */
export interface DecisionRecordContent {
  readonly schema: 'qinglian.decision-record/1';
  readonly tenantId: string;
  readonly decisionId: string;
  readonly meeting: { readonly id: string; readonly body: MeetingBody; readonly title: string; readonly heldOn: string; readonly location: string | null };
  readonly matter: { readonly id: string; readonly no: string; readonly title: string; readonly matterType: MatterType | null; readonly proposedTerms: DecisionTermsDto };
  readonly policyVersionNo: number;
  readonly attendance: { readonly subject: string; readonly name: string; readonly title: string; readonly isMainLeader: boolean; readonly present: boolean; readonly absenceReason: string | null }[];
  readonly recusals: RecusalDto[];
  readonly positions: PositionDto[];
  readonly tally: { readonly agree: number; readonly disagree: number; readonly defer: number; readonly abstain: number; readonly base: number; readonly required: number };
  readonly result: DecisionResult;
  readonly terms: DecisionTermsDto;
  readonly summary: string | null;
  readonly concludedBy: { readonly subject: string; readonly name: string };
  readonly concludedAt: string;
}

export interface DecisionRecordDto {
  readonly id: string;
  readonly matterId: string;
  readonly meetingId: string;
  readonly agendaItemId: string;
  readonly content: DecisionRecordContent;
  /** SM3 (GB/T 32905) of the canonical content, hex */
  readonly hash: string;
  /** SM2 (GB/T 32918) signature over the canonical content with SM3, DER, base64 */
  readonly signature: string;
  readonly keyId: string;
  readonly sealedAt: string;
  /** The audit-chain entry that holds the hash */
  readonly auditSeq: number;
}

export interface DecisionVerificationDto {
  readonly decisionId: string;
  readonly ok: boolean;
  readonly storedHash: string;
  readonly computedHash: string;
  readonly hashMatches: boolean;
  readonly signatureValid: boolean;
  readonly auditEntryMatches: boolean;
  readonly keyId: string;
  readonly problems: string[];
}

/** Verify a printed copy: the hash and signature as printed (the record is looked up by id). */
export class VerifyPrintedRequest {
  @ApiPropertyOptional({ description: 'SM3 hash as printed' })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'hash must be 64 hex digits' })
  hash?: string;

  @ApiPropertyOptional({ description: 'signature as printed (base64)' })
  @IsOptional()
  @IsString()
  @Length(16, 400)
  signature?: string;
}

export interface SigningKeyDto {
  readonly keyId: string;
  readonly algorithm: 'SM2';
  readonly publicKeyPem: string;
  readonly createdAt: string;
  readonly retiredAt: string | null;
  readonly active: boolean;
}

export enum AlertKind {
  /** 应上会未上会 */ ShouldHaveMet = 'should-have-met',
  /** 拆分事项规避上会 */ Splitting = 'splitting',
  /** 擅自改变决策事项 */ DecisionChanged = 'decision-changed',
  /** 决议决策与落实推进不一致 */ ExecutionDivergent = 'execution-divergent',
  /** 超时 */ Overdue = 'overdue',
}

export const AlertKindLabels: Readonly<Record<AlertKind, { readonly zh: string; readonly en: string }>> = {
  [AlertKind.ShouldHaveMet]: { zh: '应上会未上会', en: 'Should have gone to a meeting' },
  [AlertKind.Splitting]: { zh: '拆分事项规避上会', en: 'Split to avoid a meeting' },
  [AlertKind.DecisionChanged]: { zh: '擅自改变决策事项', en: 'Decision changed in issuing' },
  [AlertKind.ExecutionDivergent]: { zh: '决议决策与落实推进不一致', en: 'Execution diverges from the decision' },
  [AlertKind.Overdue]: { zh: '办理超时', en: 'Step overdue' },
};

export class ListAlertsRequest {
  @ApiPropertyOptional({ enum: AlertKind })
  @IsOptional()
  @IsEnum(AlertKind)
  kind?: AlertKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  matterId?: string;
}

export interface AlertDto {
  readonly id: string;
  readonly kind: AlertKind;
  readonly matterId: string;
  readonly matterNo: string;
  readonly matterTitle: string;
  /** Other matters involved (splitting) */
  readonly relatedMatterIds: string[];
  readonly summary: string;
  readonly data: Record<string, unknown>;
  readonly raisedAt: string;
}

export class ListMeetingsRequest {
  @ApiPropertyOptional({ enum: MeetingStatus })
  @IsOptional()
  @IsEnum(MeetingStatus)
  status?: MeetingStatus;
}
