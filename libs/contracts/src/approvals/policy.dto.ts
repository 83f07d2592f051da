import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MeetingBody, StepKind } from '../power-list/flow.dto';

/** “三重一大” 事项类型 (fixtures/decision-rules.json `matterTypes`). */
export enum MatterType {
  /** 重大问题决策 */ MajorDecision = 'majorDecision',
  /** 重要人事任免 */ Personnel = 'personnel',
  /** 重大项目安排 */ MajorProject = 'majorProject',
  /** 大额资金使用 */ LargeFunds = 'largeFunds',
}

export const MatterTypeLabels: Readonly<Record<MatterType, { readonly zh: string; readonly en: string }>> = {
  [MatterType.MajorDecision]: { zh: '重大问题决策', en: 'Major decision' },
  [MatterType.Personnel]: { zh: '重要人事任免', en: 'Important appointment or removal' },
  [MatterType.MajorProject]: { zh: '重大项目安排', en: 'Major project' },
  [MatterType.LargeFunds]: { zh: '大额资金使用', en: 'Use of large sums' },
};

/** How one matter type is decided: from which amount it is “三重一大”, and by which bodies in turn. */
export class MatterTypeRule {
  @ApiProperty({ enum: MatterType })
  @IsEnum(MatterType)
  type!: MatterType;

  @ApiPropertyOptional({ description: '金额标准（元）: a matter of this type is “三重一大” from this amount on; null: always', nullable: true, minimum: 0 })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  thresholdAmount?: number | null;

  @ApiProperty({ enum: MeetingBody, isArray: true, description: '决策机构，依次上会 (e.g. 党委会前置研究, then 董事会)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(MeetingBody, { each: true })
  bodies!: MeetingBody[];
}

/** A “more than half” style rule: `fraction` of the base, strictly more (超过) or at least (不少于). */
export class FractionRule {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(0)
  @Max(1)
  fraction!: number;

  @ApiProperty({ description: 'true: strictly more than the fraction (超过半数); false: at least (半数以上含本数)' })
  @IsBoolean()
  strict!: boolean;
}

export enum MajorityBase {
  /** 全体成员 (应到) */ AllMembers = 'all-members',
  /** 到会成员 */ Present = 'present',
}

export class MajorityRule extends FractionRule {
  @ApiProperty({ enum: MajorityBase })
  @IsIn(Object.values(MajorityBase))
  base!: MajorityBase;
}

export class StepTimeLimit {
  @ApiProperty({ enum: StepKind })
  @IsEnum(StepKind)
  kind!: StepKind;

  @ApiProperty({ minimum: 1, maximum: 365, description: '办理时限（天）when the flow step states none' })
  @IsInt()
  @Min(1)
  @Max(365)
  days!: number;
}

/** 决策规则 — the tenant's policy. Each change makes a new version; a matter keeps the version it started under. */
export class PolicyContent {
  @ApiProperty({ type: [MatterTypeRule] })
  @IsArray()
  @ArrayMinSize(4)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => MatterTypeRule)
  matterTypes!: MatterTypeRule[];

  @ApiProperty({ type: FractionRule, description: '开会人数: of all members, present' })
  @ValidateNested()
  @Type(() => FractionRule)
  quorum!: FractionRule;

  @ApiProperty({ type: MajorityRule, description: '通过: agreeing, of the base' })
  @ValidateNested()
  @Type(() => MajorityRule)
  majority!: MajorityRule;

  @ApiProperty({ type: [StepTimeLimit] })
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => StepTimeLimit)
  stepTimeLimits!: StepTimeLimit[];

  @ApiProperty({ minimum: 1, maximum: 168, description: '到期前多少小时提醒 reminder before the due time' })
  @IsInt()
  @Min(1)
  @Max(168)
  reminderHours!: number;

  @ApiProperty({ minimum: 1, maximum: 366, description: '拆分识别窗口（天）splitting window' })
  @IsInt()
  @Min(1)
  @Max(366)
  splittingWindowDays!: number;
}

export interface PolicyDto {
  readonly versionNo: number;
  readonly content: PolicyContent;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly createdByName: string | null;
}

/** The platform default: the seed's rules (超过半数到会; 超过全体成员半数同意). */
export const DEFAULT_POLICY: PolicyContent = {
  matterTypes: [
    { type: MatterType.MajorDecision, thresholdAmount: null, bodies: [MeetingBody.PartyCommittee, MeetingBody.Board] },
    { type: MatterType.Personnel, thresholdAmount: null, bodies: [MeetingBody.PartyCommittee] },
    { type: MatterType.MajorProject, thresholdAmount: 5_000_000, bodies: [MeetingBody.PartyCommittee, MeetingBody.Board] },
    { type: MatterType.LargeFunds, thresholdAmount: 1_000_000, bodies: [MeetingBody.PartyCommittee] },
  ],
  quorum: { fraction: 0.5, strict: true },
  majority: { base: MajorityBase.AllMembers, fraction: 0.5, strict: true },
  stepTimeLimits: [
    { kind: StepKind.Submit, days: 3 },
    { kind: StepKind.Review, days: 3 },
    { kind: StepKind.Meeting, days: 15 },
    { kind: StepKind.Issue, days: 5 },
    { kind: StepKind.Report, days: 5 },
  ],
  reminderHours: 24,
  splittingWindowDays: 90,
};
