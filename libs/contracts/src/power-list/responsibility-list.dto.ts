import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { NullableText } from './nullable-text';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CODE_MESSAGE, CODE_PATTERN } from './power-item.dto';
import { type VersionMetaDto, VersionStatus } from './versioning.dto';

/** Whose responsibility list it is (fixtures/responsibility-lists.json `roles`). */
export enum ResponsibilityRole {
  /** 党委（主体责任） */ PartyCommittee = 'party-committee',
  /** 党委书记（第一责任人） */ Secretary = 'secretary',
  /** 班子成员（一岗双责） */ LeadershipMember = 'leadership-member',
  /** 领导班子 */ LeadershipTeam = 'leadership-team',
  /** 主要负责人 */ MainLeader = 'main-leader',
  /** 办公室 */ Office = 'office',
  /** 纪委 */ DisciplineCommittee = 'discipline-committee',
}

export const ResponsibilityRoleLabels: Readonly<Record<ResponsibilityRole, { readonly zh: string; readonly en: string }>> = {
  [ResponsibilityRole.PartyCommittee]: { zh: '党委（主体责任）', en: 'Party committee' },
  [ResponsibilityRole.Secretary]: { zh: '党委书记（第一责任人）', en: 'Party secretary' },
  [ResponsibilityRole.LeadershipMember]: { zh: '班子成员（一岗双责）', en: 'Leadership-team member' },
  [ResponsibilityRole.LeadershipTeam]: { zh: '领导班子', en: 'Leadership team' },
  [ResponsibilityRole.MainLeader]: { zh: '主要负责人', en: 'Main leader' },
  [ResponsibilityRole.Office]: { zh: '办公室', en: 'Office' },
  [ResponsibilityRole.DisciplineCommittee]: { zh: '纪委', en: 'Discipline committee' },
};

export enum CadencePeriod {
  Quarter = 'quarter',
  HalfYear = 'halfYear',
  Year = 'year',
}

export enum CadenceWindow {
  /** 年初 */ YearStart = 'yearStart',
  /** 年底 */ YearEnd = 'yearEnd',
  /** 第一季度 */ Q1 = 'Q1',
}

/**
 * When a duty falls due, machine-readable (the vocabulary of fixtures/responsibility-lists.json
 * `cadenceSchema`). A cadence is periodic (`every`), loosely regular (`periodic`: 定期/经常) or
 * event-driven (`onEvent`); the assessment service turns the periodic ones into tasks.
 */
export class Cadence {
  @ApiPropertyOptional({ enum: CadencePeriod, description: '周期 every quarter / half year / year' })
  @IsOptional()
  @IsEnum(CadencePeriod)
  every?: CadencePeriod;

  @ApiPropertyOptional({ description: '次数 How many times per period, when the text states it', minimum: 1, maximum: 52 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  times?: number;

  @ApiPropertyOptional({ description: '至少 / 不少于' })
  @IsOptional()
  @IsBoolean()
  atLeast?: boolean;

  @ApiPropertyOptional({ enum: CadenceWindow })
  @IsOptional()
  @IsEnum(CadenceWindow)
  window?: CadenceWindow;

  @ApiPropertyOptional({ description: '截止日期 Due date within the period, MM-DD', example: '01-31' })
  @IsOptional()
  @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'dueMonthDay must be MM-DD, e.g. 01-31' })
  dueMonthDay?: string;

  @ApiPropertyOptional({ description: 'The wording the due date was derived from (年底前 → 12-31)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dueDerivedFrom?: string;

  @ApiPropertyOptional({ description: '定期 / 经常: regular with no stated period' })
  @IsOptional()
  @IsBoolean()
  periodic?: boolean;

  @ApiPropertyOptional({ description: 'Trigger of an event-driven duty (及时…, 遇有…)' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  onEvent?: string;

  @ApiPropertyOptional({ description: '报告人' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reporter?: string;

  @ApiPropertyOptional({ description: '报告对象' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reportTo?: string;

  @ApiPropertyOptional({ description: 'The clause of the duty the cadence is read from' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  clause?: string;
}

/** 佐证材料 — a record that evidences the duty was done. */
export class Evidence {
  @ApiProperty({ example: '会议纪要' })
  @IsString()
  @Length(1, 200)
  record!: string;

  @ApiPropertyOptional({ description: 'True when the duty text names the record itself' })
  @IsOptional()
  @IsBoolean()
  stated?: boolean;
}

/** 责任条目 — one duty of the list. */
export class Duty {
  @NullableText('标题 Short title', 200)
  title?: string | null;

  @ApiProperty({ description: '内容 The duty as the list states it' })
  @IsString()
  @Length(1, 4000)
  text!: string;

  @ApiPropertyOptional({ type: [Cadence] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => Cadence)
  cadence?: Cadence[];

  @ApiPropertyOptional({ type: [Evidence] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => Evidence)
  evidence?: Evidence[];
}

export class ResponsibilityListFields {
  @ApiProperty({ description: '清单名称 Title', example: '2020年党委全面从严治党主体责任清单' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ enum: ResponsibilityRole })
  @IsEnum(ResponsibilityRole)
  role!: ResponsibilityRole;

  @NullableText('责任主体 Organisation the list binds', 200)
  organisation?: string | null;

  @ApiProperty({ type: [Duty] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => Duty)
  duties!: Duty[];
}

export class CreateResponsibilityListRequest extends ResponsibilityListFields {
  @ApiProperty({ description: '清单编码 Code, unique in the tenant', example: 'RL-PC-2020' })
  @IsString()
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code!: string;
}

export class UpdateResponsibilityListDraftRequest extends ResponsibilityListFields {}

export class ListResponsibilityListsRequest {
  @ApiPropertyOptional({ enum: ResponsibilityRole })
  @IsOptional()
  @IsEnum(ResponsibilityRole)
  role?: ResponsibilityRole;

  @ApiPropertyOptional({ enum: VersionStatus })
  @IsOptional()
  @IsEnum(VersionStatus)
  status?: VersionStatus;
}

export interface DutyDto {
  readonly number: number;
  readonly title: string | null;
  readonly text: string;
  readonly cadence: Cadence[];
  readonly evidence: { readonly record: string; readonly stated: boolean }[];
}

export interface ResponsibilityListEntryDto {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly role: ResponsibilityRole;
  readonly status: VersionStatus;
  readonly latestVersionNo: number;
  readonly publishedVersionNo: number | null;
  readonly dutyCount: number;
  readonly updatedAt: string;
}

export interface ResponsibilityListDto {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly role: ResponsibilityRole;
  readonly organisation: string | null;
  readonly duties: DutyDto[];
  readonly version: VersionMetaDto;
  readonly publishedVersionNo: number | null;
  readonly latestVersionNo: number;
}
