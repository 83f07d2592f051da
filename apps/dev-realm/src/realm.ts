import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A tenant of the platform; in Keycloak, an organization of the realm. */
export interface Tenant {
  readonly id: string;
  readonly alias: string;
  readonly name: string;
  readonly nameEn?: string;
  readonly kind: 'supervisor' | 'enterprise';
  /** The supervising tenant's id (null at the top of the tree). */
  readonly parentId: string | null;
  /** The organization's internet domain (Keycloak uses it to send people to their identity provider). */
  readonly domain?: string;
}

export interface RealmRole {
  readonly name: string;
  readonly description: string;
}

export interface DemoUser {
  readonly id: string;
  readonly username: string;
  /** Display name (Chinese first): the `name` claim. */
  readonly name: string;
  readonly familyName?: string;
  readonly givenName?: string;
  readonly email?: string;
  /** Tenant alias; null for someone in no organization. */
  readonly tenant: string | null;
  readonly roles: readonly string[];
  /** Roles of clients (`resource_access`), by client id. */
  readonly clientRoles?: Readonly<Record<string, readonly string[]>>;
  readonly password: string;
}

interface ClientBase {
  readonly clientId: string;
  readonly name: string;
  readonly description?: string;
}

/** The console's backend: confidential, authorization code + PKCE S256. */
export interface ConsoleClient extends ClientBase {
  readonly type: 'console';
}
/** The API as a resource server (Keycloak: bearer-only); the audience of every access token. */
export interface ApiClient extends ClientBase {
  readonly type: 'api';
}
/** Public client with direct access grants (password grant). */
export interface CliClient extends ClientBase {
  readonly type: 'cli';
}
/** A program acting for one tenant (client credentials). */
export interface ServiceClient extends ClientBase {
  readonly type: 'service';
  /** Tenant alias the service account is bound to. */
  readonly tenant: string;
  readonly roles: readonly string[];
  /** Roles of clients (`resource_access`), by client id. */
  readonly clientRoles?: Readonly<Record<string, readonly string[]>>;
  /** The service account user's id: the `sub` of its tokens. */
  readonly serviceAccountUserId: string;
}

export type RealmClient = ConsoleClient | ApiClient | CliClient | ServiceClient;

/** apps/dev-realm/src/demo/realm.json */
export interface RealmDefinition {
  readonly realm: string;
  readonly displayName: string;
  readonly displayNameEn?: string;
  readonly roles: readonly RealmRole[];
  readonly tenants: readonly Tenant[];
  readonly clients: readonly RealmClient[];
  readonly users: readonly DemoUser[];
}

export class RealmDataError extends Error {
  override name = 'RealmDataError';
}

/**
 * Where the demo data is: next to the code (the build target copies it into dist), else in the
 * checkout the build came from (for a dist built by `tools/scripts/build-app.mjs` alone).
 */
export function defaultRealmFile(): string {
  const beside = join(__dirname, 'demo', 'realm.json');
  if (existsSync(beside)) return beside;
  for (let dir = __dirname; ; ) {
    if (existsSync(join(dir, 'nx.json'))) return join(dir, 'apps', 'dev-realm', 'src', 'demo', 'realm.json');
    const up = dirname(dir);
    if (up === dir) return beside;
    dir = up;
  }
}

export function readRealmDefinition(file = defaultRealmFile()): RealmDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RealmDataError(`cannot read the realm data ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problems = validateRealmDefinition(parsed);
  if (problems.length > 0) throw new RealmDataError(`${file} is not valid:\n  - ${problems.join('\n  - ')}`);
  return parsed as RealmDefinition;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Structural and referential checks of realm.json; every problem is listed, none thrown. */
export function validateRealmDefinition(value: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(value)) return ['the file must hold a JSON object'];
  const def = value as Partial<Record<keyof RealmDefinition, unknown>>;
  if (typeof def.realm !== 'string' || def.realm === '') problems.push('realm: a non-empty name is required');
  const roles = arrayOf(def.roles, 'roles', problems);
  const tenants = arrayOf(def.tenants, 'tenants', problems);
  const clients = arrayOf(def.clients, 'clients', problems);
  const users = arrayOf(def.users, 'users', problems);

  const roleNames = new Set<string>();
  for (const r of roles) {
    if (typeof r['name'] !== 'string' || r['name'] === '') problems.push('roles: every role needs a name');
    else if (roleNames.has(r['name'])) problems.push(`roles: ${r['name']} is declared twice`);
    else roleNames.add(r['name']);
  }

  const aliases = new Set<string>();
  const tenantIds = new Set<string>();
  for (const t of tenants) {
    const alias = String(t['alias']);
    if (typeof t['id'] !== 'string' || !UUID.test(t['id'])) problems.push(`tenants.${alias}: id must be a lower-case UUID`);
    else if (tenantIds.has(t['id'])) problems.push(`tenants.${alias}: id ${t['id']} is used twice`);
    else tenantIds.add(t['id']);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(alias)) problems.push(`tenants: alias "${alias}" must be lower-case letters, digits and dashes`);
    if (aliases.has(alias)) problems.push(`tenants: alias ${alias} is used twice`);
    aliases.add(alias);
    if (t['kind'] !== 'supervisor' && t['kind'] !== 'enterprise') problems.push(`tenants.${alias}: kind must be supervisor or enterprise`);
    if (typeof t['name'] !== 'string' || t['name'] === '') problems.push(`tenants.${alias}: name is required`);
  }
  for (const t of tenants) {
    const parent = t['parentId'];
    if (parent !== null && !(typeof parent === 'string' && tenantIds.has(parent))) problems.push(`tenants.${String(t['alias'])}: parentId ${JSON.stringify(parent)} is not a tenant id`);
  }

  const clientIds = new Set<string>();
  for (const c of clients) {
    const id = String(c['clientId']);
    if (clientIds.has(id)) problems.push(`clients: ${id} is declared twice`);
    clientIds.add(id);
    if (!['console', 'api', 'cli', 'service'].includes(String(c['type']))) problems.push(`clients.${id}: type must be console, api, cli or service`);
    if (c['type'] === 'service') {
      if (!aliases.has(String(c['tenant']))) problems.push(`clients.${id}: tenant ${String(c['tenant'])} is not a tenant alias`);
      if (typeof c['serviceAccountUserId'] !== 'string' || !UUID.test(c['serviceAccountUserId'])) problems.push(`clients.${id}: serviceAccountUserId must be a UUID`);
      for (const r of asStrings(c['roles'])) if (!roleNames.has(r)) problems.push(`clients.${id}: role ${r} is not a realm role`);
    }
  }
  for (const type of ['console', 'api', 'cli']) {
    if (clients.filter((c) => c['type'] === type).length !== 1) problems.push(`clients: exactly one client of type ${type} is required`);
  }

  const usernames = new Set<string>();
  const userIds = new Set<string>();
  for (const u of users) {
    const name = String(u['username']);
    if (usernames.has(name)) problems.push(`users: ${name} is declared twice`);
    usernames.add(name);
    if (typeof u['id'] !== 'string' || !UUID.test(u['id'])) problems.push(`users.${name}: id must be a lower-case UUID`);
    else if (userIds.has(u['id'])) problems.push(`users.${name}: id ${u['id']} is used twice`);
    else userIds.add(u['id']);
    if (typeof u['name'] !== 'string' || u['name'] === '') problems.push(`users.${name}: name is required`);
    if (typeof u['password'] !== 'string' || u['password'] === '') problems.push(`users.${name}: password is required`);
    const tenant = u['tenant'];
    if (tenant !== null && !(typeof tenant === 'string' && aliases.has(tenant))) problems.push(`users.${name}: tenant ${JSON.stringify(tenant)} is not a tenant alias (or null)`);
    for (const r of asStrings(u['roles'])) if (!roleNames.has(r)) problems.push(`users.${name}: role ${r} is not a realm role`);
  }
  return problems;
}

/** The realm's data with the lookups the provider needs. */
export class RealmDirectory {
  private readonly usersByName = new Map<string, DemoUser>();
  private readonly usersById = new Map<string, DemoUser>();
  private readonly tenantsByAlias = new Map<string, Tenant>();
  private readonly clientsById = new Map<string, RealmClient>();

  constructor(readonly definition: RealmDefinition) {
    // Keycloak matches user names case-insensitively (it stores them in lower case).
    for (const u of definition.users) {
      this.usersByName.set(u.username.toLowerCase(), u);
      this.usersById.set(u.id, u);
    }
    for (const t of definition.tenants) this.tenantsByAlias.set(t.alias, t);
    for (const c of definition.clients) this.clientsById.set(c.clientId, c);
  }

  get roles(): readonly RealmRole[] {
    return this.definition.roles;
  }

  get clients(): readonly RealmClient[] {
    return this.definition.clients;
  }

  userById(id: string): DemoUser | undefined {
    return this.usersById.get(id);
  }

  tenant(alias: string | null): Tenant | undefined {
    return alias === null ? undefined : this.tenantsByAlias.get(alias);
  }

  client(clientId: string): RealmClient | undefined {
    return this.clientsById.get(clientId);
  }

  /** The single client of a type (console, api, cli). */
  clientOfType<T extends RealmClient['type']>(type: T): Extract<RealmClient, { type: T }> {
    const found = this.definition.clients.find((c) => c.type === type);
    if (!found) throw new RealmDataError(`no ${type} client in the realm data`);
    return found as Extract<RealmClient, { type: T }>;
  }

  serviceClients(): ServiceClient[] {
    return this.definition.clients.filter((c): c is ServiceClient => c.type === 'service');
  }

  /** The user with these credentials, or undefined. Both checks always run, so timing does not tell which failed. */
  authenticate(username: string, password: string): DemoUser | undefined {
    const user = this.usersByName.get(username.trim().toLowerCase());
    const ok = constantTimeEquals(password, user?.password ?? '\u0000no-such-user');
    return user && ok ? user : undefined;
  }
}

function constantTimeEquals(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function arrayOf(v: unknown, field: string, problems: string[]): Record<string, unknown>[] {
  if (!Array.isArray(v)) {
    problems.push(`${field}: an array is required`);
    return [];
  }
  const records = v.filter(isRecord);
  if (records.length !== v.length) problems.push(`${field}: every entry must be an object`);
  return records;
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}
