import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { NullableText } from './nullable-text';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Flow, type ResolvedFlowDto } from './flow.dto';
import { type VersionMetaDto, VersionStatus } from './versioning.dto';

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
export const CODE_MESSAGE = 'must be 1–40 letters, digits, "_", "." or "-", starting with a letter or digit';

/** 制度依据 — one rule or law the power rests on. */
export class LegalBasis {
  @ApiProperty({ description: '名称 Title', example: '《广元市市属监管企业工资总额管理试行办法》' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiPropertyOptional({ description: '文号 Document number', example: '广国资委[2019]212号', nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsString()
  @Length(1, 100)
  docNo?: string | null;
}

/** Everything a power item version holds besides its code and its flow. */
export class PowerItemFields {
  @ApiProperty({ description: '事项名称 Name', example: '市属国有企业产权（股权）处置等审核' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: '类别 Category, the tenant’s own classification (产权, 投资, 薪酬 …)', example: '产权' })
  @IsString()
  @Length(1, 20)
  category!: string;

  @ApiProperty({ description: '承办单元 Handling org unit, by code', example: 'CQK' })
  @IsString()
  @Matches(CODE_PATTERN, { message: `handlingUnitCode ${CODE_MESSAGE}` })
  handlingUnitCode!: string;

  @ApiPropertyOptional({ description: '制度依据 Legal basis', type: [LegalBasis] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => LegalBasis)
  legalBasis?: LegalBasis[];

  @NullableText('实施主体 Subject exercising the power', 200, '广元市国资委')
  subject?: string | null;

  @NullableText('受理条件 Conditions', 4000)
  conditions?: string | null;

  @NullableText('办理程序 Procedure, in words (the steps are the flow)', 4000)
  procedure?: string | null;

  @ApiPropertyOptional({ description: '时限 Time limit in working days', nullable: true, type: Number, minimum: 1, maximum: 365 })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  timeLimitDays?: number | null;

  @NullableText('责任事项 Responsibility', 4000)
  responsibility?: string | null;

  @NullableText('监督方式 Supervision mode', 2000)
  supervisionMode?: string | null;
}

/** Creates the item and its first draft (version 1). */
export class CreatePowerItemRequest extends PowerItemFields {
  @ApiProperty({ description: '事项编码 Code, unique in the tenant', example: 'GZW-CQ-001' })
  @IsString()
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code!: string;

  @ApiPropertyOptional({ description: '行权流程 Flow', type: Flow })
  @IsOptional()
  @ValidateNested()
  @Type(() => Flow)
  flow?: Flow;
}

/** Replaces a draft's fields and flow (the code never changes). */
export class UpdatePowerItemDraftRequest extends PowerItemFields {
  @ApiPropertyOptional({ description: '行权流程 Flow; omitted keeps the draft’s flow', type: Flow })
  @IsOptional()
  @ValidateNested()
  @Type(() => Flow)
  flow?: Flow;
}

/** A page of a list: `limit` (1–200, default 50) rows from `offset`. */
export class PageRequest {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class ListPowerItemsRequest extends PageRequest {
  @ApiPropertyOptional({ description: '类别 Category (exact)', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  category?: string;

  @ApiPropertyOptional({ description: '承办单元 Handling unit code; units below it count too', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  unit?: string;

  @ApiPropertyOptional({ description: 'Status of the item’s latest version', enum: VersionStatus })
  @IsOptional()
  @IsEnum(VersionStatus)
  status?: VersionStatus;

  @ApiPropertyOptional({ description: 'Substring of the code, name or content (风险点, 防控措施, 制度依据 …); Chinese works', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

}

/** One row of the power list: the item and its latest version. */
export interface PowerItemListEntryDto {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly handlingUnitCode: string;
  readonly handlingUnitName: string | null;
  readonly status: VersionStatus;
  readonly latestVersionNo: number;
  readonly publishedVersionNo: number | null;
  readonly stepCount: number;
  readonly updatedAt: string;
}

/** A power item version in full: fields, resolved flow, version metadata. */
export interface PowerItemDto {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly handlingUnitCode: string;
  readonly handlingUnitName: string | null;
  readonly legalBasis: LegalBasis[];
  readonly subject: string | null;
  readonly conditions: string | null;
  readonly procedure: string | null;
  readonly timeLimitDays: number | null;
  readonly responsibility: string | null;
  readonly supervisionMode: string | null;
  readonly flow: ResolvedFlowDto;
  readonly version: VersionMetaDto;
  /** Version number of the item’s published version, if any. */
  readonly publishedVersionNo: number | null;
  readonly latestVersionNo: number;
}

export class PageDto<T> {
  items!: T[];
  total!: number;
  limit!: number;
  offset!: number;
}

/** A versioned document by id (the id comes from the HTTP path). */
export class DocumentRef {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

export class VersionRef extends DocumentRef {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  versionNo!: number;
}

/** Two versions of one document to compare field by field. */
export class DiffRequest extends DocumentRef {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to!: number;
}

/** Makes a new draft from the published version (or another version, by number). */
export class NewDraftRequest extends DocumentRef {
  @ApiPropertyOptional({ description: 'Version to start from; the published one when omitted', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  fromVersionNo?: number;
}

/** Request of `power-list.power-item.published-get`: the published version by code or id. */
export class PublishedPowerItemRequest {
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @IsOptional()
  @IsString()
  @Matches(CODE_PATTERN, { message: `code ${CODE_MESSAGE}` })
  code?: string;
}
