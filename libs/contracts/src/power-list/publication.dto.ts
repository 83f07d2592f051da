import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { type PowerItemDto } from './power-item.dto';
import { type ResponsibilityListDto } from './responsibility-list.dto';

/** 公开范围: within the tenant, or also to the supervisor above it. */
export enum PublicationScope {
  /** 本单位 */ Tenant = 'tenant',
  /** 本单位及上级监管机构 */ Supervisor = 'supervisor',
}

/**
 * Publishes (公开) what is published now — every power item's and responsibility list's published
 * version — as one snapshot, to a scope. Later publications replace earlier ones in the published view.
 */
export class CreatePublicationRequest {
  @ApiProperty({ enum: PublicationScope })
  @IsEnum(PublicationScope)
  scope!: PublicationScope;

  @ApiPropertyOptional({ description: '公开说明 Note shown above the published view', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export interface PublicationSummaryDto {
  readonly id: string;
  readonly scope: PublicationScope;
  readonly note: string | null;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly powerItemCount: number;
  readonly responsibilityListCount: number;
}

/** 公开 — the read-only published view. */
export interface PublishedViewDto extends PublicationSummaryDto {
  readonly tenantId: string;
  readonly powerItems: PowerItemDto[];
  readonly responsibilityLists: ResponsibilityListDto[];
}

/** One problem of an Excel import: where it is and what is wrong. */
export interface ImportProblemDto {
  readonly sheet: string;
  /** 1-based row number as Excel shows it. */
  readonly row: number;
  /** Column header as the template prints it, or null for a problem with the whole row or sheet. */
  readonly column: string | null;
  readonly message: string;
}

export interface ImportResultDto {
  readonly orgUnits: number;
  readonly posts: number;
  readonly powerItems: number;
  readonly responsibilityLists: number;
}

/** Which template to download. */
export enum TemplateKind {
  PowerItems = 'power-items',
  ResponsibilityLists = 'responsibility-lists',
}

/** A file passed by claim check: the bytes sit in the JetStream object store under `objectKey`. */
export interface FileRefDto {
  readonly objectKey: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
}

/** An inline file (small renderings such as flow charts), base64 for binary content. */
export interface InlineFileDto {
  readonly contentType: string;
  readonly fileName: string;
  readonly base64: string;
}

export class TemplateRequest {
  @IsEnum(TemplateKind)
  kind!: TemplateKind;
}

/** `power-list.excel.import`: the uploaded workbook sits in the file store under `objectKey`. */
export class ImportRequest {
  @IsUUID('all')
  objectKey!: string;
}
