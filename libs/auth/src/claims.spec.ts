import { ClaimsError, identityFromClaims } from './claims';
import { Role } from './roles';

const options = { tenantClaim: 'organization', rolesClient: 'qinglian-api' };
const base = {
  sub: '2d6c8f7e-1111-4c1d-9f00-000000000001',
  azp: 'qinglian-console',
  preferred_username: 'gzw-admin',
  name: '王管理',
  realm_access: { roles: ['tenant-admin', 'offline_access', 'default-roles-qinglian'] },
  resource_access: { 'qinglian-api': { roles: ['auditor'] }, account: { roles: ['manage-account'] } },
  organization: { 'gy-sasac': { id: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f01' } },
};

describe('identity from Keycloak claims', () => {
  it('reads the person, platform roles from realm and API client, and the organization', () => {
    expect(identityFromClaims(base, options)).toEqual({
      userId: base.sub,
      username: 'gzw-admin',
      name: '王管理',
      roles: [Role.Auditor, Role.TenantAdmin],
      organization: { alias: 'gy-sasac', id: '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f01' },
      clientId: 'qinglian-console',
    });
  });

  it('accepts the organization as a list of aliases (Keycloak without "add organization id")', () => {
    expect(identityFromClaims({ ...base, organization: ['gy-capital'] }, options).organization).toEqual({ alias: 'gy-capital' });
  });

  it('refuses a token with no organization or several', () => {
    const { organization: _omit, ...none } = base;
    expect(() => identityFromClaims(none, options)).toThrow(new ClaimsError('the token names no organization (claim organization): the user belongs to no tenant'));
    expect(() => identityFromClaims({ ...base, organization: { a: {}, b: {} } }, options)).toThrow(/exactly one is required/);
  });

  it('refuses a token without a subject', () => {
    expect(() => identityFromClaims({ ...base, sub: '' }, options)).toThrow(/no subject/);
  });
});
