import { type ActorRef, type FlowDto } from './flow.dto';
import { type LeadershipPosition } from './directory.dto';
import { type PublicationScope } from './publication.dto';
import { type ResponsibilityRole } from './responsibility-list.dto';
import { type DocumentKind, type ReviewDecision, type VersionStatus } from './versioning.dto';

/** Every event power-list publishes, `power-list.<entity>.<event>`; payloads below, all version 1. */
export const PowerListEvents = {
  orgUnitCreated: 'power-list.org-unit.created',
  orgUnitUpdated: 'power-list.org-unit.updated',
  postCreated: 'power-list.post.created',
  personCreated: 'power-list.person.created',
  postHoldingChanged: 'power-list.post-holding.changed',
  leadershipChanged: 'power-list.leadership.changed',
  powerItemCreated: 'power-list.power-item.created',
  powerItemDrafted: 'power-list.power-item.drafted',
  powerItemSubmitted: 'power-list.power-item.submitted',
  powerItemReviewed: 'power-list.power-item.reviewed',
  powerItemPublished: 'power-list.power-item.published',
  flowChanged: 'power-list.flow.changed',
  responsibilityListCreated: 'power-list.responsibility-list.created',
  responsibilityListDrafted: 'power-list.responsibility-list.drafted',
  responsibilityListSubmitted: 'power-list.responsibility-list.submitted',
  responsibilityListReviewed: 'power-list.responsibility-list.reviewed',
  responsibilityListPublished: 'power-list.responsibility-list.published',
  publicationPublished: 'power-list.publication.published',
} as const;

export interface OrgUnitCreatedV1 {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly parentId: string | null;
}

/** A unit was renamed or moved; `path` is its new path from the root. */
export interface OrgUnitUpdatedV1 extends OrgUnitCreatedV1 {
  readonly path: string[];
}

export interface PostCreatedV1 {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly orgUnitId: string;
}

export interface PersonCreatedV1 {
  readonly id: string;
  readonly name: string;
  readonly subject: string | null;
}

/** A holding started, or its end date was set. */
export interface PostHoldingChangedV1 {
  readonly id: string;
  readonly personId: string;
  readonly postId: string;
  readonly startOn: string;
  readonly endOn: string | null;
}

/** A leadership membership or one of its 分管 charges started or ended. */
export interface LeadershipChangedV1 {
  readonly memberId: string;
  readonly personId: string;
  readonly position: LeadershipPosition;
  readonly title: string;
  readonly startOn: string;
  readonly endOn: string | null;
  readonly charges: { readonly id: string; readonly orgUnitId: string; readonly startOn: string; readonly endOn: string | null }[];
}

export interface PowerItemCreatedV1 {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly handlingUnitCode: string;
}

/**
 * A version of a power item or responsibility list changed status (drafted, submitted, reviewed,
 * published). `previousPublishedVersionNo` is set on publish when it superseded one.
 */
export interface VersionChangedV1 {
  readonly kind: DocumentKind;
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly versionId: string;
  readonly versionNo: number;
  readonly status: VersionStatus;
  readonly review?: { readonly role: string; readonly decision: ReviewDecision; readonly reviewerId: string };
  readonly supersededVersionNo?: number | null;
}

/** Published power item: the whole version, so other services can mirror its flow. */
export interface PowerItemPublishedV1 extends VersionChangedV1 {
  readonly category: string;
  readonly handlingUnitCode: string;
  readonly flow: FlowDto;
}

export interface ResponsibilityListPublishedV1 extends VersionChangedV1 {
  readonly role: ResponsibilityRole;
  readonly duties: { readonly number: number; readonly title: string | null; readonly text: string; readonly cadence: unknown[] }[];
}

/** A draft's flow was replaced. */
export interface FlowChangedV1 {
  readonly powerItemId: string;
  readonly code: string;
  readonly versionId: string;
  readonly versionNo: number;
  readonly steps: { readonly order: number; readonly name: string | null; readonly kind: string; readonly actor: ActorRef | null }[];
}

export interface PublicationPublishedV1 {
  readonly id: string;
  readonly scope: PublicationScope;
  readonly powerItemVersionIds: string[];
  readonly responsibilityListVersionIds: string[];
}
