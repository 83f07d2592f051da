import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

/** 步骤类型 — what a step of an exercise flow does (fixtures/power-items.json `kinds`). */
export enum StepKind {
  /** 申请 / 受理: where a matter enters the flow */ Submit = 'submit',
  /** 审核 */ Review = 'review',
  /** 会议审批: decided collectively by a meeting body ("三重一大") */ Meeting = 'meeting',
  /** 下达意见 / 批复 */ Issue = 'issue',
  /** 报送 */ Report = 'report',
}

/** 会议机构 — the bodies that decide collectively. */
export enum MeetingBody {
  /** 党委会 */ PartyCommittee = 'party-committee',
  /** 委务会 */ CommissionAffairs = 'commission-affairs',
  /** 董事会 */ Board = 'board',
  /** 总经理办公会 */ GeneralManagerOffice = 'general-manager-office',
}

export const MeetingBodyLabels: Readonly<Record<MeetingBody, { readonly zh: string; readonly en: string }>> = {
  [MeetingBody.PartyCommittee]: { zh: '党委会', en: 'Party committee meeting' },
  [MeetingBody.CommissionAffairs]: { zh: '委务会', en: 'Commission affairs meeting' },
  [MeetingBody.Board]: { zh: '董事会', en: 'Board of directors' },
  [MeetingBody.GeneralManagerOffice]: { zh: '总经理办公会', en: "General manager's office meeting" },
};

export const StepKindLabels: Readonly<Record<StepKind, { readonly zh: string; readonly en: string }>> = {
  [StepKind.Submit]: { zh: '申请/受理', en: 'Submit' },
  [StepKind.Review]: { zh: '审核', en: 'Review' },
  [StepKind.Meeting]: { zh: '会议审批', en: 'Meeting' },
  [StepKind.Issue]: { zh: '下达', en: 'Issue' },
  [StepKind.Report]: { zh: '报送', en: 'Report' },
};

/**
 * Who acts or supervises, by a stable key rather than a row id so lists survive export and import:
 * - `role`: a realm role (`handler`, `leader-in-charge`, …: libs/auth Role);
 * - `unit`: an org unit's code (产权科 → `CQK`);
 * - `post`: a post's code;
 * - `external`: a body outside the tenant, by name (市纪委监委第一监督检查室).
 */
export enum ActorKind {
  Role = 'role',
  Unit = 'unit',
  Post = 'post',
  External = 'external',
}

export class ActorRef {
  @ApiProperty({ enum: ActorKind })
  @IsEnum(ActorKind)
  kind!: ActorKind;

  @ApiProperty({ description: 'Role name, unit code, post code, or the external body’s name', example: 'leader-in-charge', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  ref!: string;
}

/** An actor reference with what people read (resolved by power-list when it answers). */
export interface ResolvedActorDto {
  readonly kind: ActorKind;
  readonly ref: string;
  /** Chinese label: the role's, unit's or post's name; the external body's name. */
  readonly label: string;
  /** False when the unit or post no longer exists in the directory. */
  readonly resolved: boolean;
}

/** 风险点 and 防控措施 printed once for several consecutive steps, as some of the seed's charts do. */
export class SharedBlock {
  @ApiProperty({ example: 'SB-1' })
  @IsString()
  @Length(1, 20)
  id!: string;

  @ApiProperty({ type: [Number], description: 'Orders of the steps the block applies to' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(1, { each: true })
  appliesToSteps!: number[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  riskPoints!: string[];

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  controlMeasures!: string[];
}

/** 行权流程的一步. `order` is implied by the position in `steps` (1-based). */
export class FlowStep {
  @ApiPropertyOptional({ description: '步骤名称 Step name; may be empty only in a draft', example: '分管领导审核', nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string | null;

  @ApiProperty({ enum: StepKind })
  @IsEnum(StepKind)
  kind!: StepKind;

  @ApiPropertyOptional({ description: '行权主体 Actor; a meeting step names its meeting bodies instead; may be empty only in a draft', type: ActorRef, nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @ValidateNested()
  @Type(() => ActorRef)
  actor?: ActorRef | null;

  @ApiPropertyOptional({ description: '会议机构 Meeting bodies (meeting steps: one of them decides)', enum: MeetingBody, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsEnum(MeetingBody, { each: true })
  meetingBodies?: MeetingBody[];

  @ApiPropertyOptional({ description: '时限 Time limit in working days', minimum: 1, maximum: 365, nullable: true, type: Number })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  timeLimitDays?: number | null;

  @ApiPropertyOptional({ description: '风险点 Risk points', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  riskPoints?: string[];

  @ApiPropertyOptional({ description: '防控措施 Control measures', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  controlMeasures?: string[];

  @ApiPropertyOptional({ description: '内部监督主体（重在全过程监督）', type: [ActorRef] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ActorRef)
  internalSupervisors?: ActorRef[];

  @ApiPropertyOptional({ description: '外部监督主体（重在全履职监督）', type: [ActorRef] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ActorRef)
  externalSupervisors?: ActorRef[];
}

/** 行权流程 — the ordered steps of a power item version. */
export class Flow {
  @ApiProperty({ type: [FlowStep] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FlowStep)
  steps!: FlowStep[];

  @ApiPropertyOptional({ type: [SharedBlock] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SharedBlock)
  sharedBlocks?: SharedBlock[];
}

/** A flow as stored and answered: every list present, steps numbered. */
export interface FlowStepDto {
  readonly order: number;
  readonly name: string | null;
  readonly kind: StepKind;
  readonly actor: ActorRef | null;
  readonly meetingBodies: MeetingBody[];
  readonly timeLimitDays: number | null;
  readonly riskPoints: string[];
  readonly controlMeasures: string[];
  readonly internalSupervisors: ActorRef[];
  readonly externalSupervisors: ActorRef[];
}

export interface FlowDto {
  readonly steps: FlowStepDto[];
  readonly sharedBlocks: SharedBlock[];
}

/** FlowDto with every actor resolved to a label, for the console and the chart. */
export interface ResolvedFlowStepDto extends Omit<FlowStepDto, 'actor' | 'internalSupervisors' | 'externalSupervisors'> {
  readonly actor: ResolvedActorDto | null;
  readonly internalSupervisors: ResolvedActorDto[];
  readonly externalSupervisors: ResolvedActorDto[];
}

export interface ResolvedFlowDto {
  readonly steps: ResolvedFlowStepDto[];
  readonly sharedBlocks: SharedBlock[];
}

export const FLOW_LIMITS = { maxSteps: 50 } as const;

export class PutFlowRequest extends Flow {}
