import { readFileSync } from 'node:fs';
import { ALL_ROLES, Role } from '@qinglian/auth';
import { defaultRealmFile, readRealmDefinition, RealmDataError, RealmDirectory, validateRealmDefinition } from './realm';

const file = defaultRealmFile();
const realm = readRealmDefinition(file);
const directory = new RealmDirectory(realm);

/** The fixed demo tenants of the spec: the platform's tenant registry uses the same ids. */
const TENANTS = [
  { id: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f01', alias: 'gy-sasac', name: '广元市国资委', kind: 'supervisor', parentId: null },
  { id: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f02', alias: 'gy-capital', name: '广元市国有资本投资运营集团有限公司', kind: 'enterprise', parentId: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f01' },
  { id: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f03', alias: 'gy-transport', name: '广元市交通投资集团有限公司', kind: 'enterprise', parentId: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f01' },
];

/** User names are `<tenant short>-<role short>`. */
const PREFIX: Record<string, string> = { 'gy-sasac': 'gzw-', 'gy-capital': 'capital-', 'gy-transport': 'transport-' };

describe('the demo realm data (demo/realm.json)', () => {
  it('is valid', () => {
    expect(validateRealmDefinition(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('has the fixed demo tenants', () => {
    expect(realm.tenants.map(({ id, alias, name, kind, parentId }) => ({ id, alias, name, kind, parentId }))).toEqual(TENANTS);
  });

  it('gives every role to someone in gy-sasac or gy-capital; the inspector and an auditor sit in gy-sasac', () => {
    const inMainTenants = realm.users.filter((u) => u.tenant === 'gy-sasac' || u.tenant === 'gy-capital');
    for (const role of ALL_ROLES) expect({ role, covered: inMainTenants.some((u) => u.roles.includes(role)) }).toEqual({ role, covered: true });
    const sasac = realm.users.filter((u) => u.tenant === 'gy-sasac');
    expect(sasac.some((u) => u.roles.includes(Role.SupervisorInspector))).toBe(true);
    expect(sasac.some((u) => u.roles.includes(Role.Auditor))).toBe(true);
    expect(realm.users.filter((u) => u.roles.includes(Role.SupervisorInspector)).every((u) => u.tenant === 'gy-sasac')).toBe(true);
  });

  it('names people <tenant>-<role>, gives them the demo password, and has `nobody` in no organization', () => {
    for (const user of realm.users) {
      expect(user.password).toBe('Qinglian@2026');
      if (user.username === 'nobody') expect(user.tenant).toBeNull();
      else expect(user.username.startsWith(PREFIX[user.tenant ?? ''] ?? '?')).toBe(true);
    }
    expect(realm.users.map((u) => u.username)).toEqual(
      expect.arrayContaining(['gzw-admin', 'gzw-inspector', 'gzw-auditor', 'gzw-secretary', 'gzw-leader', 'gzw-member', 'gzw-integrity', 'gzw-discipline', 'gzw-paizhu', 'gzw-head', 'gzw-handler', 'transport-admin', 'transport-handler', 'nobody']),
    );
    expect(directory.authenticate('GZW-Admin', 'Qinglian@2026')?.username).toBe('gzw-admin');
    expect(directory.authenticate('gzw-admin', 'qinglian@2026')).toBeUndefined();
    expect(directory.authenticate('no-such-user', 'Qinglian@2026')).toBeUndefined();
  });

  it('has one tenant-admin service client per tenant, named after it', () => {
    expect(directory.serviceClients().map((c) => [c.clientId, c.tenant, c.roles])).toEqual(TENANTS.map((t) => [`qinglian-svc-${t.alias}`, t.alias, [Role.TenantAdmin]]));
  });

  it('names every broken reference', () => {
    const broken = JSON.parse(readFileSync(file, 'utf8')) as { users: { tenant: string; roles: string[] }[]; tenants: { parentId: string | null }[] };
    broken.users[0]!.tenant = 'gy-nowhere';
    broken.users[1]!.roles = ['emperor'];
    broken.tenants[1]!.parentId = '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9fff';
    expect(validateRealmDefinition(broken)).toEqual([
      'tenants.gy-capital: parentId "6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9fff" is not a tenant id',
      'users.gzw-admin: tenant "gy-nowhere" is not a tenant alias (or null)',
      'users.gzw-inspector: role emperor is not a realm role',
    ]);
    expect(() => readRealmDefinition('/nonexistent/realm.json')).toThrow(RealmDataError);
  });
});
