// The dev realm's demo data (apps/dev-realm/src/demo/realm.json, its single source): the tenant tree
// for the platform's registry and the demo sign-ins the launcher prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REALM_JSON = 'apps/dev-realm/src/demo/realm.json';

/**
 * @typedef {object} Tenant
 * @property {string} id
 * @property {string} alias
 * @property {string} name
 * @property {string | undefined} nameEn
 * @property {string} kind
 * @property {string | null} parentId
 */

/**
 * @typedef {object} DemoUser
 * @property {string} username
 * @property {string} name
 * @property {string} tenant the tenant alias ('' when none)
 * @property {string[]} roles
 * @property {string} password
 */

/**
 * @param {string} root workspace root
 * @returns {{ tenants: Tenant[], users: DemoUser[] }}
 */
export function readRealm(root) {
  /** @type {Record<string, any>} */
  const realm = JSON.parse(readFileSync(join(root, REALM_JSON), 'utf8'));
  /** @type {Record<string, any>[]} */
  const rawTenants = realm['tenants'] ?? realm['organizations'] ?? [];
  const idOfAlias = new Map(rawTenants.map((t) => [String(t['alias']), String(t['id'])]));
  /** @type {Tenant[]} */
  const tenants = rawTenants.map((t) => {
    const parent = t['parentId'] ?? t['parent'] ?? t['parentAlias'] ?? null;
    return {
      id: String(t['id']),
      alias: String(t['alias']),
      name: String(t['name']),
      nameEn: t['nameEn'] ?? t['name_en'] ?? t['en'] ?? undefined,
      kind: String(t['kind']),
      parentId: parent === null ? null : (idOfAlias.get(String(parent)) ?? String(parent)),
    };
  });
  const defaultPassword = String(realm['password'] ?? realm['defaultPassword'] ?? realm['demoPassword'] ?? 'Qinglian@2026');
  /** @type {Record<string, any>[]} */
  const rawUsers = realm['users'] ?? [];
  /** @type {DemoUser[]} */
  const users = rawUsers.map((u) => {
    const org = u['tenant'] ?? u['tenantAlias'] ?? u['organization'] ?? u['organizations']?.[0] ?? '';
    return {
      username: String(u['username']),
      name: String(u['name'] ?? u['displayName'] ?? ([u['lastName'], u['firstName']].filter(Boolean).join('') || u['username'])),
      tenant: typeof org === 'object' && org !== null ? String(org['alias'] ?? '') : String(org ?? ''),
      roles: (u['roles'] ?? u['realmRoles'] ?? []).map(String),
      password: String(u['password'] ?? defaultPassword),
    };
  });
  return { tenants, users };
}

/**
 * Role labels as the realm describes them ("经办人员 / Handler" → "经办人员").
 * @param {string} root
 * @returns {(role: string) => string}
 */
export function roleLabeller(root) {
  /** @type {{ roles?: { name: string, description?: string }[] }} */
  const realm = JSON.parse(readFileSync(join(root, REALM_JSON), 'utf8'));
  const labels = new Map((realm.roles ?? []).map((r) => [r.name, (r.description ?? r.name).split(' / ')[0] ?? r.name]));
  return (role) => labels.get(role) ?? role;
}
