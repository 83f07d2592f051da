import { type DocumentKind, type PublicationScope, type ReviewDecision, type VersionStatus } from '@qinglian/contracts';
import { type Role } from '@qinglian/auth';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A power item or responsibility list: its code and where its versions stand. */
@Entity({ name: 'document' })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) kind!: DocumentKind;
  @Column({ type: 'text' }) code!: string;
  @Column({ name: 'latest_version_no', type: 'integer', default: 0 }) latestVersionNo!: number;
  @Column({ name: 'published_version_no', type: 'integer', nullable: true }) publishedVersionNo!: number | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One version; `content` is the whole document (fields and flow, or duties) as the contracts shape it. */
@Entity({ name: 'document_version' })
export class DocumentVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId!: string;
  @Column({ name: 'version_no', type: 'integer' }) versionNo!: number;
  @Column({ type: 'text' }) status!: VersionStatus;
  @Column({ name: 'based_on_version_no', type: 'integer', nullable: true }) basedOnVersionNo!: number | null;
  @Column({ name: 'review_round', type: 'integer', default: 1 }) reviewRound!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', nullable: true }) category!: string | null;
  @Column({ name: 'handling_unit_code', type: 'text', nullable: true }) handlingUnitCode!: string | null;
  @Column({ name: 'list_role', type: 'text', nullable: true }) listRole!: string | null;
  /** Steps of a power item's flow (0 for lists), so the list need not open the content. */
  @Column({ name: 'step_count', type: 'integer', default: 0 }) stepCount!: number;
  @Column({ type: 'jsonb' }) content!: object;
  @Column({ name: 'search_text', type: 'text' }) searchText!: string;
  @Column({ name: 'author_id', type: 'text' }) authorId!: string;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'published_by', type: 'text', nullable: true }) publishedBy!: string | null;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt!: Date | null;
}

@Entity({ name: 'review' })
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId!: string;
  @Column({ name: 'review_round', type: 'integer' }) reviewRound!: number;
  @Column({ type: 'text' }) role!: Role;
  @Column({ name: 'reviewer_id', type: 'text' }) reviewerId!: string;
  @Column({ name: 'reviewer_name', type: 'text' }) reviewerName!: string;
  @Column({ type: 'text' }) decision!: ReviewDecision;
  @Column({ type: 'text' }) opinion!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** 公开: a snapshot of the published versions, to a scope. */
@Entity({ name: 'publication' })
export class PublicationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) scope!: PublicationScope;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' }) publishedAt!: Date;
  @Column({ name: 'published_by', type: 'text' }) publishedBy!: string;
  @Column({ name: 'power_item_version_ids', type: 'uuid', array: true }) powerItemVersionIds!: string[];
  @Column({ name: 'responsibility_list_version_ids', type: 'uuid', array: true }) responsibilityListVersionIds!: string[];
}
