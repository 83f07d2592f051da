import { isRole, type Role } from './roles';

/** The parts of a Keycloak 26 access token the platform reads. */
export interface KeycloakClaims {
  readonly sub?: string;
  readonly azp?: string;
  readonly client_id?: string;
  readonly preferred_username?: string;
  readonly name?: string;
  readonly realm_access?: { readonly roles?: readonly string[] };
  readonly resource_access?: Readonly<Record<string, { readonly roles?: readonly string[] } | undefined>>;
  readonly [claim: string]: unknown;
}

/** Who a verified token says the caller is. The tenant is resolved from `organization` by the gateway. */
export interface RealmIdentity {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  /** Platform roles only (realm roles and the API client's roles); anything else the realm sends is dropped. */
  readonly roles: readonly Role[];
  readonly organization: { readonly alias: string; readonly id?: string };
  /** The client the token was issued to. */
  readonly clientId: string | undefined;
}

export interface ClaimOptions {
  /** Claim holding the organization: Keycloak's `organization` ({"<alias>": {"id": …}} or ["<alias>"]). */
  readonly tenantClaim: string;
  /** The `resource_access` entry whose roles count too (the API's client id). */
  readonly rolesClient: string;
}

export class ClaimsError extends Error {}

/**
 * Reads identity, roles and organization from verified claims. Exactly one organization is required:
 * a person in none has no tenant to act in, and one in several must not get to pick by accident.
 */
export function identityFromClaims(claims: KeycloakClaims, options: ClaimOptions): RealmIdentity {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new ClaimsError('the token has no subject (sub)');
  const roles = new Set<Role>();
  for (const r of [...(claims.realm_access?.roles ?? []), ...(claims.resource_access?.[options.rolesClient]?.roles ?? [])]) {
    if (isRole(r)) roles.add(r);
  }
  return {
    userId: claims.sub,
    username: claims.preferred_username ?? claims.sub,
    name: claims.name ?? claims.preferred_username ?? claims.sub,
    roles: [...roles].sort(),
    organization: organizationOf(claims[options.tenantClaim], options.tenantClaim),
    clientId: claims.azp ?? claims.client_id,
  };
}

function organizationOf(value: unknown, claim: string): { alias: string; id?: string } {
  let entries: { alias: string; id?: string }[] = [];
  if (typeof value === 'string') entries = [{ alias: value }];
  else if (Array.isArray(value)) entries = value.filter((v): v is string => typeof v === 'string').map((alias) => ({ alias }));
  else if (value !== null && typeof value === 'object') {
    entries = Object.entries(value as Record<string, unknown>).map(([alias, attrs]) => {
      const id = (attrs as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? { alias, id } : { alias };
    });
  }
  if (entries.length === 0) throw new ClaimsError(`the token names no organization (claim ${claim}): the user belongs to no tenant`);
  if (entries.length > 1) throw new ClaimsError(`the token names ${entries.length} organizations (claim ${claim}); exactly one is required`);
  const [only] = entries as [{ alias: string; id?: string }];
  return only;
}
