/**
 * Request-reply subjects, `<service>.<entity>.<verb>`. Each service listens in a queue group named
 * after itself, so replicas share the load.
 */
export const ServiceNames = ['power-list', 'approvals', 'risk-registry', 'assessment', 'accountability'] as const;
export type ServiceName = (typeof ServiceNames)[number];

export function healthSubject(service: ServiceName): string {
  return `${service}.health.check`;
}

export const PowerListSubjects = {
  health: healthSubject('power-list'),
  orgUnitCreate: 'power-list.org-unit.create',
  orgUnitUpdate: 'power-list.org-unit.update',
  orgUnitList: 'power-list.org-unit.list',
  orgUnitGet: 'power-list.org-unit.get',
  postCreate: 'power-list.post.create',
  postList: 'power-list.post.list',
  postGet: 'power-list.post.get',
  personCreate: 'power-list.person.create',
  personList: 'power-list.person.list',
  personGet: 'power-list.person.get',
  /** PersonBySubjectRequest → PersonDetailDto: the directory entry of a signed-in subject. */
  personBySubject: 'power-list.person.by-subject',
  /** PostsOnRequest → PostHoldingDto[]: which posts a person held on a date. */
  personPostsOn: 'power-list.person.posts-on',
  postHoldingCreate: 'power-list.post-holding.create',
  postHoldingEnd: 'power-list.post-holding.end',
  /** OnDateRequest → LeadershipMemberDto[]: the leadership team on a date. */
  leadershipMembersOn: 'power-list.leadership.members-on',
  /** InChargeOfRequest → InChargeOfDto: who is in charge of (分管) a unit on a date. */
  leadershipInChargeOf: 'power-list.leadership.in-charge-of',
  /** AssigneesOnRequest → AssigneesOnDto: who acts as a flow step's actor on a date (approvals). */
  directoryAssigneesOn: 'power-list.directory.assignees-on',
  leadershipMemberCreate: 'power-list.leadership.member-create',
  leadershipMemberEnd: 'power-list.leadership.member-end',
  leadershipChargeCreate: 'power-list.leadership.charge-create',
  leadershipChargeEnd: 'power-list.leadership.charge-end',
  powerItemCreate: 'power-list.power-item.create',
  powerItemList: 'power-list.power-item.list',
  powerItemCategories: 'power-list.power-item.categories',
  powerItemGet: 'power-list.power-item.get',
  powerItemVersions: 'power-list.power-item.versions',
  powerItemVersionGet: 'power-list.power-item.version-get',
  powerItemNewDraft: 'power-list.power-item.new-draft',
  powerItemUpdateDraft: 'power-list.power-item.update-draft',
  powerItemPutFlow: 'power-list.power-item.put-flow',
  powerItemSubmit: 'power-list.power-item.submit',
  powerItemReview: 'power-list.power-item.review',
  powerItemPublish: 'power-list.power-item.publish',
  powerItemDiff: 'power-list.power-item.diff',
  powerItemFlowSvg: 'power-list.power-item.flow-svg',
  powerItemFlowPng: 'power-list.power-item.flow-png',
  /** PublishedPowerItemRequest → PowerItemDto: the published version, for services running matters. */
  powerItemPublishedGet: 'power-list.power-item.published-get',
  responsibilityListCreate: 'power-list.responsibility-list.create',
  responsibilityListList: 'power-list.responsibility-list.list',
  responsibilityListGet: 'power-list.responsibility-list.get',
  responsibilityListVersions: 'power-list.responsibility-list.versions',
  responsibilityListVersionGet: 'power-list.responsibility-list.version-get',
  responsibilityListNewDraft: 'power-list.responsibility-list.new-draft',
  responsibilityListUpdateDraft: 'power-list.responsibility-list.update-draft',
  responsibilityListSubmit: 'power-list.responsibility-list.submit',
  responsibilityListReview: 'power-list.responsibility-list.review',
  responsibilityListPublish: 'power-list.responsibility-list.publish',
  responsibilityListDiff: 'power-list.responsibility-list.diff',
  /** → ResponsibilityListDto[]: every published list, for the assessment service. */
  responsibilityListPublished: 'power-list.responsibility-list.published-list',
  excelTemplate: 'power-list.excel.template',
  excelExport: 'power-list.excel.export',
  excelImport: 'power-list.excel.import',
  publicationCreate: 'power-list.publication.create',
  publicationList: 'power-list.publication.list',
  publicationCurrent: 'power-list.publication.current',
  /** GetByIdRequest (power item id) → InlineFileDto: the chart of an item in the publication the caller may open. */
  publicationFlowSvg: 'power-list.publication.flow-svg',
  /** The tenant tree (platform registry, not tenant data): answered without a caller. */
  tenantList: 'power-list.tenant.list',
} as const;

/** What every service answers on its health subject. */
export interface HealthReply {
  readonly service: ServiceName;
  readonly status: 'ok' | 'degraded';
  readonly checks: Readonly<Record<string, 'up' | 'down'>>;
  readonly version: string;
}
