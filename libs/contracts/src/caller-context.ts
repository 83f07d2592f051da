/**
 * Who is asking, carried with every request between services (in NATS headers) and stamped on
 * every event. The gateway builds it from the verified sign-in; services trust only what arrives
 * through NATS from inside the cluster and still check roles themselves.
 */
export interface CallerContext {
  /** Tenant (organisation) the request acts in; a UUID. */
  readonly tenantId: string;
  /** Stable id of the signed-in person or program (the token's `sub`). */
  readonly userId: string;
  /** Realm roles of the caller inside the tenant. */
  readonly roles: readonly string[];
  /** Correlates logs across services; one per incoming HTTP request. */
  readonly requestId: string;
  /**
   * Set when a supervisor reads a tenant below its own: the caller's own tenant. Such a caller gets
   * read permissions only, and services serve it from read-only transactions.
   */
  readonly supervisingTenantId?: string;
  /** Display name of the caller (the token's `name`), recorded beside the id on reviews and versions. */
  readonly userName?: string;
}

/** NATS header names. `traceparent` / `tracestate` follow W3C Trace Context. */
export const Headers = {
  tenantId: 'x-tenant-id',
  userId: 'x-user-id',
  roles: 'x-roles',
  requestId: 'x-request-id',
  supervisingTenantId: 'x-supervising-tenant-id',
  /** URI-encoded: NATS headers are ASCII. */
  userName: 'x-user-name',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Serialises a caller context into header values (roles comma-separated). */
export function callerToHeaders(caller: CallerContext): Record<string, string> {
  return {
    [Headers.tenantId]: caller.tenantId,
    [Headers.userId]: caller.userId,
    [Headers.roles]: caller.roles.join(','),
    [Headers.requestId]: caller.requestId,
    ...(caller.supervisingTenantId === undefined ? {} : { [Headers.supervisingTenantId]: caller.supervisingTenantId }),
    ...(caller.userName === undefined ? {} : { [Headers.userName]: encodeURIComponent(caller.userName) }),
  };
}

/**
 * Reads a caller context from headers; returns a reason instead of a context when one is missing or
 * malformed, so the service can answer UNAUTHENTICATED with that reason.
 */
export function callerFromHeaders(get: (name: string) => string | undefined): CallerContext | { error: string } {
  const tenantId = get(Headers.tenantId);
  const userId = get(Headers.userId);
  const requestId = get(Headers.requestId) ?? '';
  const roles = (get(Headers.roles) ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
  if (!isUuid(tenantId)) return { error: `header ${Headers.tenantId} must be a UUID` };
  if (!userId) return { error: `header ${Headers.userId} is required` };
  const encodedName = get(Headers.userName);
  let named: { userName?: string } = {};
  if (encodedName !== undefined) {
    try {
      named = { userName: decodeURIComponent(encodedName) };
    } catch {
      return { error: `header ${Headers.userName} must be URI-encoded` };
    }
  }
  const supervising = get(Headers.supervisingTenantId);
  if (supervising === undefined) return { tenantId: tenantId.toLowerCase(), userId, roles, requestId, ...named };
  if (!isUuid(supervising)) return { error: `header ${Headers.supervisingTenantId} must be a UUID` };
  return { tenantId: tenantId.toLowerCase(), userId, roles, requestId, supervisingTenantId: supervising.toLowerCase(), ...named };
}
