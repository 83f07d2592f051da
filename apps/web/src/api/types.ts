// Shapes of the gateway answers the console reads and the bodies it sends. They come from
// libs/contracts as type-only imports (nothing of the server code reaches the bundle); the session
// shape is the one tmp/sso-spec.md gives for GET /api/v1/me.
import type {
  ActorRef as ActorRefContract,
  Cadence as CadenceContract,
  ChargeDto,
  CreateChargeRequest,
  CreateLeadershipMemberRequest,
  CreateOrgUnitRequest,
  CreatePersonRequest,
  CreatePostHoldingRequest,
  CreatePostRequest,
  CreatePowerItemRequest,
  CreatePublicationRequest,
  CreateResponsibilityListRequest,
  Duty as DutyContract,
  DutyDto,
  Flow,
  ImportResultDto,
  LeadershipMemberDto,
  OrgUnitDto,
  PageDto,
  PersonDetailDto,
  PersonDto,
  PostDto,
  PostHoldingDto,
  PowerItemDto,
  PowerItemListEntryDto,
  PublicationSummaryDto,
  PublishedViewDto,
  ResolvedActorDto,
  ResolvedFlowStepDto,
  ResponsibilityListDto,
  ResponsibilityListEntryDto,
  ReviewDto,
  ReviewRequest,
  SharedBlock as SharedBlockContract,
  UpdatePowerItemDraftRequest,
  UpdateResponsibilityListDraftRequest,
  VersionDiffDto,
  VersionMetaDto,
  VersionSummaryDto,
} from '@qinglian/contracts';

/**
 * A contract type with its enums as their string values (`StepKind` → 'submit' | 'review' | …).
 * The console imports contracts as types only, so it cannot name an enum member; it writes the
 * value, which TypeScript accepts for a string union but not for an enum.
 */
export type Loose<T> = unknown extends T
  ? T
  : T extends string
    ? `${T}`
    : T extends number | boolean | null | undefined
      ? T
      : T extends readonly (infer U)[]
        ? Loose<U>[]
        : T extends object
          ? { readonly [K in keyof T]: Loose<T[K]> }
          : T;

export type OrgUnit = Loose<OrgUnitDto>;
export type Post = Loose<PostDto>;
export type Person = Loose<PersonDto>;
export type PersonDetail = Loose<PersonDetailDto>;
export type PostHolding = Loose<PostHoldingDto>;
export type LeadershipMember = Loose<LeadershipMemberDto>;
export type Charge = Loose<ChargeDto>;

export type ActorRef = Loose<ActorRefContract>;
export type ResolvedActor = Loose<ResolvedActorDto>;
export type ResolvedFlowStep = Loose<ResolvedFlowStepDto>;
export type SharedBlock = Loose<SharedBlockContract>;
export type PowerItem = Loose<PowerItemDto>;
export type PowerItemListEntry = Loose<PowerItemListEntryDto>;
export type PowerItemPage = Loose<PageDto<PowerItemListEntryDto>>;

export type Cadence = Loose<CadenceContract>;
export type Duty = Loose<DutyDto>;
export type ResponsibilityList = Loose<ResponsibilityListDto>;
export type ResponsibilityListEntry = Loose<ResponsibilityListEntryDto>;

export type VersionMeta = Loose<VersionMetaDto>;
export type VersionSummary = Loose<VersionSummaryDto>;
export type Review = Loose<ReviewDto>;
export type VersionDiff = Loose<VersionDiffDto>;

export type PublicationSummary = Loose<PublicationSummaryDto>;
export type PublishedView = Loose<PublishedViewDto>;
export type ImportResult = Loose<ImportResultDto>;

// Request bodies.
export type CreateOrgUnitBody = Loose<CreateOrgUnitRequest>;
/** PATCH /org-units/:id: the id is in the path. */
export type UpdateOrgUnitBody = { readonly name?: string; readonly parentId?: string | null };
export type CreatePostBody = Loose<CreatePostRequest>;
export type CreatePersonBody = Loose<CreatePersonRequest>;
export type CreatePostHoldingBody = Loose<CreatePostHoldingRequest>;
export type CreateLeadershipMemberBody = Loose<CreateLeadershipMemberRequest>;
export type CreateChargeBody = Loose<CreateChargeRequest>;
/** POST …/end: the id is in the path. */
export type EndBody = { readonly endOn: string };
export type FlowBody = Loose<Flow>;
export type CreatePowerItemBody = Loose<CreatePowerItemRequest>;
export type UpdatePowerItemDraftBody = Loose<UpdatePowerItemDraftRequest>;
export type DutyBody = Loose<DutyContract>;
export type CreateResponsibilityListBody = Loose<CreateResponsibilityListRequest>;
export type UpdateResponsibilityListDraftBody = Loose<UpdateResponsibilityListDraftRequest>;
export type ReviewBody = Loose<ReviewRequest>;
export type CreatePublicationBody = Loose<CreatePublicationRequest>;

export interface TenantSummary {
  readonly id: string;
  readonly alias: string;
  readonly name: string;
  readonly kind: string;
}

/** GET /api/v1/me */
export interface Me {
  readonly user: { readonly id: string; readonly username: string; readonly name: string };
  readonly tenant: TenantSummary;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
  /** Required on cookie-authenticated writes (x-csrf-token); null for bearer callers. */
  readonly csrfToken: string | null;
  /** The tenants the caller may read: its own, and those below it for supervisor inspectors. */
  readonly tenants: readonly (TenantSummary & { readonly parentId: string | null })[];
}

/** POST /auth/logout */
export interface LogoutAnswer {
  readonly logoutUrl: string;
}
