/**
 * Every domain event travels in this envelope on the JetStream stream, at subject
 * `evt.<service>.<entity>.<event>`. `type` repeats the subject's tail; `version` is the payload's
 * schema version, raised whenever a field changes meaning or goes away (consumers switch on it).
 */
export interface EventEnvelope<T = unknown> {
  /** Unique event id (UUID): JetStream de-duplication key and the consumers' inbox key. */
  readonly id: string;
  /** `<service>.<entity>.<event>`, e.g. `power-list.power-item.created`. */
  readonly type: string;
  readonly version: number;
  readonly tenantId: string;
  /** ISO-8601 instant the state change committed in. */
  readonly occurredAt: string;
  /** Who caused it; absent for system work. */
  readonly actor?: { readonly userId: string; readonly requestId?: string };
  readonly data: T;
}

/** Default subject prefix; tests use their own so runs never collide. */
export const EVENT_SUBJECT_PREFIX = 'evt';
export const EVENT_STREAM = 'QINGLIAN_EVENTS';

export function eventSubject(type: string, prefix: string = EVENT_SUBJECT_PREFIX): string {
  return `${prefix}.${type}`;
}
