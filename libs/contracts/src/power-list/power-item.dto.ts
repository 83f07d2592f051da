import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';

/** 权力类别 — categories of power items as the seeds list them. */
export enum PowerCategory {
  /** 行政审批 */ Approval = 'approval',
  /** 行政审核 / 核准 */ Review = 'review',
  /** 行政确认 / 备案 */ Filing = 'filing',
  /** 监督检查 */ Supervision = 'supervision',
  /** 决策 (三重一大等) */ Decision = 'decision',
  /** 人事 */ Personnel = 'personnel',
  /** 财务 / 资金 */ Finance = 'finance',
  /** 其他 */ Other = 'other',
}

/** 权力事项 — first slice: the identifying fields; versioning and flows arrive with the power-list issue. */
export class CreatePowerItemRequest {
  @ApiProperty({ description: '事项编码 Code, unique in the tenant', example: 'GZW-CQ-001' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { message: 'code must be 1–40 letters, digits, "_", "." or "-"' })
  code!: string;

  @ApiProperty({ description: '事项名称 Name', example: '市属国有企业产权（股权）处置等审核' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ description: '类别 Category', enum: PowerCategory })
  @IsEnum(PowerCategory)
  category!: PowerCategory;

  @ApiProperty({ description: '承办单元 Handling org unit id', format: 'uuid' })
  @IsUUID('4')
  handlingUnitId!: string;

  @ApiProperty({ description: '制度依据 Legal basis', example: '《企业国有资产交易监督管理办法》' })
  @IsString()
  @Length(1, 4000)
  legalBasis!: string;
}

export class ListPowerItemsRequest {
  @ApiPropertyOptional({ enum: PowerCategory })
  @IsOptional()
  @IsEnum(PowerCategory)
  category?: PowerCategory;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  handlingUnitId?: string;

  @ApiPropertyOptional({ description: 'Substring of code or name', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

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

export class PowerItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PowerCategory }) category!: PowerCategory;
  @ApiProperty({ format: 'uuid' }) handlingUnitId!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() createdAt!: string;
}

export class PageDto<T> {
  items!: T[];
  total!: number;
  limit!: number;
  offset!: number;
}

export class UuidParam {
  @IsUUID('all')
  id!: string;
}

/** Payload of `power-list.power-item.created`, version 1. */
export interface PowerItemCreatedV1 {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly category: PowerCategory;
  readonly handlingUnitId: string;
}

/** Payload of `power-list.org-unit.created`, version 1. */
export interface OrgUnitCreatedV1 {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
}
