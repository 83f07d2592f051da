// The production realm (deploy/keycloak/qinglian-realm.json, imported by Keycloak 26) and the dev realm
// must declare the same clients, realm roles, organizations and token claims. The dev realm's claim
// names come from the functions that build its tokens (claims.ts); Keycloak's from the protocol mappers
// that reach each client through its client scopes and its own mappers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_ROLES } from '@qinglian/auth';
import { API_AUDIENCE, mappedServiceAccountClaims, mappedUserClaims, profileClaims } from './claims';
import { type DemoUser, readRealmDefinition, RealmDirectory, type ServiceClient } from './realm';

interface Mapper {
  name: string;
  protocolMapper: string;
  config: Record<string, string>;
}
interface KeycloakClient {
  clientId: string;
  fullScopeAllowed?: boolean;
  publicClient?: boolean;
  bearerOnly?: boolean;
  standardFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  redirectUris?: string[];
  secret?: string;
  attributes?: Record<string, string>;
  protocolMappers?: Mapper[];
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
}
interface KeycloakRealm {
  realm: string;
  organizationsEnabled: boolean;
  roles: { realm: { name: string }[] };
  clientScopes: { name: string; protocolMappers?: Mapper[] }[];
  scopeMappings?: { client?: string; clientScope?: string; roles: string[] }[];
  clients: KeycloakClient[];
  users?: { username: string; serviceAccountClientId?: string; id?: string; realmRoles?: string[]; credentials?: unknown[] }[];
  organizations: { id: string; alias: string; name: string; enabled: boolean; attributes?: Record<string, string[]>; domains?: { name: string }[] }[];
}

const exported = JSON.parse(readFileSync(join(__dirname, '../../../deploy/keycloak/qinglian-realm.json'), 'utf8')) as KeycloakRealm;
const directory = new RealmDirectory(readRealmDefinition());
const dev = directory.definition;

/**
 * `basic` is OpenID Connect's own part (`sub`, `auth_time`): oidc-provider writes those itself, so
 * they are no claim the dev realm builds.
 */
const PROTOCOL_CORE_SCOPE = 'basic';

function kcClient(clientId: string): KeycloakClient {
  const client = exported.clients.find((c) => c.clientId === clientId);
  if (!client) throw new Error(`deploy/keycloak declares no client ${clientId}`);
  return client;
}

/** Mappers that act on a client's tokens: its own, and those of its default and optional client scopes. */
function mappersOf(client: KeycloakClient): Mapper[] {
  const scopes = [...(client.defaultClientScopes ?? []), ...(client.optionalClientScopes ?? [])].filter((s) => s !== PROTOCOL_CORE_SCOPE);
  return [
    ...(client.protocolMappers ?? []),
    ...scopes.flatMap((name) => {
      const scope = exported.clientScopes.find((s) => s.name === name);
      if (!scope) throw new Error(`client ${client.clientId} uses client scope ${name}, which deploy/keycloak does not declare`);
      return scope.protocolMappers ?? [];
    }),
  ];
}

/** Top-level claim names the mappers write into one kind of token (`access`, `id`, `userinfo`). */
function claimNames(mappers: Mapper[], token: 'access' | 'id' | 'userinfo'): string[] {
  const names = mappers
    .filter((m) => m.config[`${token}.token.claim`] === 'true')
    .flatMap((m) => {
      if (m.protocolMapper === 'oidc-full-name-mapper') return ['name'];
      if (m.protocolMapper === 'oidc-audience-mapper') return []; // writes aud, checked on its own
      const claim = m.config['claim.name'];
      if (!claim) throw new Error(`mapper ${m.name} (${m.protocolMapper}) has no claim.name`);
      return [claim.split('.')[0] ?? claim];
    });
  return [...new Set(names)].sort();
}

/** A person with every optional field set, so every claim the dev realm can write shows up. */
const fullPerson: DemoUser = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'full-person',
  name: '全员',
  familyName: '全',
  givenName: '员',
  email: 'full@gy-sasac.example',
  tenant: 'gy-sasac',
  roles: ['handler'],
  clientRoles: { [API_AUDIENCE]: ['reader'] },
  password: 'unused',
};
const withOrganization = { scopes: new Set(['openid', 'profile', 'email', 'organization']) };

const sorted = (o: Record<string, unknown>): string[] => Object.keys(o).sort();

describe('deploy/keycloak/qinglian-realm.json and the dev realm', () => {
  it('declare the same realm roles, which are exactly the platform roles of libs/auth', () => {
    const kcRoles = exported.roles.realm.map((r) => r.name).sort();
    const devRoles = dev.roles.map((r) => r.name).sort();
    expect(kcRoles).toEqual(devRoles);
    expect(devRoles).toEqual([...ALL_ROLES].sort());
  });

  it('let exactly the platform roles into tokens: full scope off, the roles client scope maps the realm roles', () => {
    for (const client of exported.clients.filter((c) => !c.bearerOnly)) {
      expect({ client: client.clientId, fullScopeAllowed: client.fullScopeAllowed, roles: client.defaultClientScopes?.includes('roles') }).toEqual({ client: client.clientId, fullScopeAllowed: false, roles: true });
    }
    const mapped = (exported.scopeMappings ?? []).filter((m) => m.clientScope === 'roles').flatMap((m) => m.roles);
    expect(mapped.sort()).toEqual(dev.roles.map((r) => r.name).sort());
  });

  it('declare the same clients', () => {
    expect(exported.clients.map((c) => c.clientId).sort()).toEqual(dev.clients.map((c) => c.clientId).sort());
  });

  it('configure each client for its part', () => {
    const console_ = kcClient(directory.clientOfType('console').clientId);
    expect(console_).toMatchObject({ publicClient: false, standardFlowEnabled: true, directAccessGrantsEnabled: false, implicitFlowEnabled: false });
    expect(console_.attributes?.['pkce.code.challenge.method']).toBe('S256');
    expect(console_.redirectUris).toEqual(['${QINGLIAN_CONSOLE_URL}/auth/callback']);
    expect(console_.attributes?.['post.logout.redirect.uris']).toBe('${QINGLIAN_CONSOLE_URL}/');

    expect(kcClient(directory.clientOfType('api').clientId)).toMatchObject({ bearerOnly: true, standardFlowEnabled: false, serviceAccountsEnabled: false });
    expect(kcClient(directory.clientOfType('cli').clientId)).toMatchObject({ publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });

    for (const service of directory.serviceClients()) {
      const kc = kcClient(service.clientId);
      expect(kc).toMatchObject({ publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false, directAccessGrantsEnabled: false });
      // The tenant binding: a hardcoded organization claim naming the same organization as the dev realm.
      const hardcoded = (kc.protocolMappers ?? []).find((m) => m.protocolMapper === 'oidc-hardcoded-claim-mapper' && m.config['claim.name'] === 'organization');
      expect(hardcoded?.config['jsonType.label']).toBe('JSON');
      expect(JSON.parse(hardcoded?.config['claim.value'] ?? 'null')).toEqual(mappedServiceAccountClaims(service, directory)['organization']);
      // Its service-account user holds the same roles and id (the token's sub), and nothing else.
      const account = exported.users?.find((u) => u.serviceAccountClientId === service.clientId);
      expect(account).toMatchObject({ username: `service-account-${service.clientId}`, id: service.serviceAccountUserId });
      expect(account?.realmRoles?.filter((r) => !r.startsWith('default-roles-')).sort()).toEqual([...service.roles].sort());
    }
  });

  it('hold no people and no secrets: only service-account users, and client secrets as ${ENV} placeholders', () => {
    for (const user of exported.users ?? []) {
      expect(user.serviceAccountClientId).toEqual(expect.any(String));
      expect(user.credentials).toBeUndefined();
    }
    for (const client of exported.clients.filter((c) => c.secret !== undefined)) expect(client.secret).toMatch(/^\$\{[A-Z0-9_]+\}$/);
  });

  it("write the same claims into a person's access token (console and CLI)", () => {
    const devClaims = sorted(mappedUserClaims(fullPerson, directory, withOrganization));
    for (const type of ['console', 'cli'] as const) {
      expect(claimNames(mappersOf(kcClient(directory.clientOfType(type).clientId)), 'access')).toEqual(devClaims);
    }
  });

  it("write the same claims into a person's ID token and userinfo", () => {
    const devClaims = sorted(profileClaims(fullPerson, directory, withOrganization)).filter((c) => c !== 'sub');
    for (const type of ['console', 'cli'] as const) {
      const mappers = mappersOf(kcClient(directory.clientOfType(type).clientId));
      expect(claimNames(mappers, 'id')).toEqual(devClaims);
      expect(claimNames(mappers, 'userinfo')).toEqual(devClaims);
    }
  });

  it("write the same claims into a service account's access token", () => {
    for (const service of directory.serviceClients()) {
      const full: ServiceClient = { ...service, clientRoles: { [API_AUDIENCE]: ['reader'] } };
      expect(claimNames(mappersOf(kcClient(service.clientId)), 'access')).toEqual(sorted(mappedServiceAccountClaims(full, directory)));
    }
  });

  it('put the API in the audience of every token-issuing client', () => {
    for (const client of exported.clients.filter((c) => !c.bearerOnly)) {
      const audiences = mappersOf(client)
        .filter((m) => m.protocolMapper === 'oidc-audience-mapper' && m.config['access.token.claim'] === 'true')
        .map((m) => m.config['included.client.audience']);
      expect({ client: client.clientId, audiences }).toEqual({ client: client.clientId, audiences: [API_AUDIENCE] });
    }
  });

  it('declare the same organizations (id, alias, name, parent) with organizations enabled', () => {
    expect(exported.organizationsEnabled).toBe(true);
    const aliasOf = new Map(dev.tenants.map((t) => [t.id, t.alias]));
    const kc = exported.organizations.map((o) => ({ id: o.id, alias: o.alias, name: o.name, parent: o.attributes?.['parent']?.[0] ?? null, parentId: o.attributes?.['parentId']?.[0] ?? null }));
    const devOrgs = dev.tenants.map((t) => ({ id: t.id, alias: t.alias, name: t.name, parent: t.parentId === null ? null : (aliasOf.get(t.parentId) ?? null), parentId: t.parentId }));
    const byAlias = (a: { alias: string }, b: { alias: string }): number => a.alias.localeCompare(b.alias);
    expect(kc.sort(byAlias)).toEqual(devOrgs.sort(byAlias));
    for (const o of exported.organizations) expect(o.enabled).toBe(true);
  });
});
