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
  orgUnitList: 'power-list.org-unit.list',
  orgUnitGet: 'power-list.org-unit.get',
  postCreate: 'power-list.post.create',
  postList: 'power-list.post.list',
  postGet: 'power-list.post.get',
  personCreate: 'power-list.person.create',
  personList: 'power-list.person.list',
  personGet: 'power-list.person.get',
  powerItemCreate: 'power-list.power-item.create',
  powerItemList: 'power-list.power-item.list',
  powerItemGet: 'power-list.power-item.get',
  /** The tenant tree (platform registry, not tenant data): answered without a caller. */
  tenantList: 'power-list.tenant.list',
} as const;

export const PowerListEvents = {
  orgUnitCreated: 'power-list.org-unit.created',
  postCreated: 'power-list.post.created',
  personCreated: 'power-list.person.created',
  powerItemCreated: 'power-list.power-item.created',
} as const;

/** What every service answers on its health subject. */
export interface HealthReply {
  readonly service: ServiceName;
  readonly status: 'ok' | 'degraded';
  readonly checks: Readonly<Record<string, 'up' | 'down'>>;
  readonly version: string;
}
