// Keycloak 26's token claims, built from the realm data. Pure functions: the provider applies them to
// the tokens it issues, and keycloak-export.spec.ts compares their claim names with the protocol
// mappers of deploy/keycloak/qinglian-realm.json.
import { type DemoUser, type RealmDirectory, type ServiceClient, type Tenant } from './realm';

/** The `aud` of every access token: the API's client id (Keycloak: an audience mapper). */
export const API_AUDIENCE = 'qinglian-api';

/** Keycloak's `organization` claim with "Add organization id": `{ "<alias>": { "id": "<uuid>" } }`. */
export type OrganizationClaim = Record<string, { id: string }>;

export function organizationClaim(tenant: Tenant): OrganizationClaim {
  return { [tenant.alias]: { id: tenant.id } };
}

/**
 * `realm_access`: the platform's realm roles the subject holds. The Keycloak clients have "full scope"
 * off and the `roles` client scope maps exactly the platform roles, so Keycloak's built-in roles
 * (`default-roles-<realm>`, `offline_access`, `uma_authorization`) stay out of the tokens there too.
 */
function realmAccess(roles: readonly string[]): { roles: string[] } {
  return { roles: [...new Set(roles)] };
}

/** `resource_access`, present only when there are client roles (as Keycloak's client roles mapper does). */
function resourceAccess(clientRoles: DemoUser['clientRoles']): { resource_access?: Record<string, { roles: string[] }> } {
  const entries = Object.entries(clientRoles ?? {}).filter(([, roles]) => roles.length > 0);
  return entries.length === 0 ? {} : { resource_access: Object.fromEntries(entries.map(([client, roles]) => [client, { roles: [...roles] }])) };
}

/** Scopes a request asked for that decide optional claims (Keycloak's optional client scopes). */
export interface ClaimContext {
  readonly scopes: ReadonlySet<string>;
}

/** Given name, family name, e-mail: the parts of a person's profile Keycloak maps when they are set. */
function personal(user: DemoUser): Record<string, unknown> {
  return {
    ...(user.givenName !== undefined ? { given_name: user.givenName } : {}),
    ...(user.familyName !== undefined ? { family_name: user.familyName } : {}),
    ...(user.email !== undefined ? { email: user.email, email_verified: true } : {}),
  };
}

/**
 * What Keycloak's protocol mappers put into a person's access token (client scopes profile, email,
 * roles and — when requested — organization). A person in no organization gets no `organization`.
 */
export function mappedUserClaims(user: DemoUser, directory: RealmDirectory, context: ClaimContext): Record<string, unknown> {
  const tenant = directory.tenant(user.tenant);
  return {
    realm_access: realmAccess(user.roles),
    ...resourceAccess(user.clientRoles),
    preferred_username: user.username,
    name: user.name,
    ...personal(user),
    ...(tenant && context.scopes.has('organization') ? { organization: organizationClaim(tenant) } : {}),
  };
}

/**
 * What Keycloak's mappers put into a service account's access token: the `service-account-<client>`
 * user name, `client_id`, its realm roles and the tenant from the client's hardcoded `organization` mapper.
 */
export function mappedServiceAccountClaims(client: ServiceClient, directory: RealmDirectory): Record<string, unknown> {
  const tenant = directory.tenant(client.tenant);
  if (!tenant) throw new Error(`service client ${client.clientId} names unknown tenant ${client.tenant}`);
  return {
    realm_access: realmAccess(client.roles),
    ...resourceAccess(client.clientRoles),
    preferred_username: `service-account-${client.clientId}`,
    client_id: client.clientId,
    organization: organizationClaim(tenant),
  };
}

/** ID token and userinfo claims of a person (Keycloak: the same mappers, ID token and userinfo switched on). */
export function profileClaims(user: DemoUser, directory: RealmDirectory, context: ClaimContext): Record<string, unknown> {
  const tenant = directory.tenant(user.tenant);
  return {
    sub: user.id,
    preferred_username: user.username,
    name: user.name,
    ...personal(user),
    ...(tenant && context.scopes.has('organization') ? { organization: organizationClaim(tenant) } : {}),
  };
}

/**
 * Claims Keycloak writes on its own, without a mapper: `typ`, `azp` (the client) and `sid` (the user
 * session; service accounts have none).
 */
export function keycloakCoreClaims(clientId: string, sid: string | undefined): Record<string, unknown> {
  return { typ: 'Bearer', azp: clientId, ...(sid !== undefined ? { sid } : {}) };
}

/**
 * The scopes a Keycloak access token lists: what was asked for among the supported ones, plus the
 * client's default scopes (`profile email` for people; service accounts list none).
 */
export function tokenScope(requested: Iterable<string>, supported: ReadonlySet<string>, defaults: readonly string[]): string {
  const scopes = new Set<string>();
  for (const s of requested) if (supported.has(s)) scopes.add(s);
  for (const s of defaults) scopes.add(s);
  return [...scopes].join(' ');
}
