import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, Length } from 'class-validator';

/**
 * Life of a version of a power item or a responsibility list. A published version never changes:
 * editing means a new draft made from it; publishing the draft supersedes it.
 */
export enum VersionStatus {
  /** 草稿 */ Draft = 'draft',
  /** 审核中 */ InReview = 'in-review',
  /** 已发布 */ Published = 'published',
  /** 已替代 */ Superseded = 'superseded',
}

export const VersionStatusLabels: Readonly<Record<VersionStatus, { readonly zh: string; readonly en: string }>> = {
  [VersionStatus.Draft]: { zh: '草稿', en: 'Draft' },
  [VersionStatus.InReview]: { zh: '审核中', en: 'In review' },
  [VersionStatus.Published]: { zh: '已发布', en: 'Published' },
  [VersionStatus.Superseded]: { zh: '已替代', en: 'Superseded' },
};

/** 审核意见: approve, or return to the author for changes. */
export enum ReviewDecision {
  /** 同意 */ Approve = 'approve',
  /** 退回修改 */ Return = 'return',
}

/** The kinds of versioned documents power-list keeps. */
export enum DocumentKind {
  PowerItem = 'power-item',
  ResponsibilityList = 'responsibility-list',
}

export class ReviewRequest {
  @ApiProperty({ enum: ReviewDecision })
  @IsEnum(ReviewDecision)
  decision!: ReviewDecision;

  @ApiProperty({ description: '审核意见 The reviewer’s written opinion (审核人必须发表明确的意见)', example: '同意发布。', minLength: 2, maxLength: 2000 })
  @IsString()
  @Length(2, 2000)
  opinion!: string;
}

export interface ReviewDto {
  readonly id: string;
  /** The role the reviewer reviewed in (integrity office or discipline committee). */
  readonly role: string;
  readonly reviewerId: string;
  readonly reviewerName: string;
  readonly decision: ReviewDecision;
  readonly opinion: string;
  readonly reviewedAt: string;
}

/** What every version answers besides its content. */
export interface VersionMetaDto {
  readonly versionId: string;
  readonly versionNo: number;
  readonly status: VersionStatus;
  readonly basedOnVersionNo: number | null;
  readonly authorId: string;
  readonly authorName: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly publishedAt: string | null;
  readonly publishedBy: string | null;
  readonly supersededAt: string | null;
  /** Reviews of the current review round (cleared when a returned draft is submitted again). */
  readonly reviews: ReviewDto[];
  /** Roles whose approval is still missing before the version can be published. */
  readonly pendingReviewRoles: string[];
}

export interface VersionSummaryDto {
  readonly versionNo: number;
  readonly status: VersionStatus;
  readonly title: string;
  readonly authorName: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly supersededAt: string | null;
}

/** One field that differs between two versions; `field` is a dotted path such as `flow.steps[2].riskPoints`. */
export interface FieldChangeDto {
  readonly field: string;
  /** What people read: 名称, 流程第3步 风险点, … */
  readonly label: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface VersionDiffDto {
  readonly fromVersionNo: number;
  readonly toVersionNo: number;
  readonly changes: FieldChangeDto[];
}
