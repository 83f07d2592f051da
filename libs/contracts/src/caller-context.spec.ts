import { callerFromHeaders, callerToHeaders, Headers } from './caller-context';
import { hasPermission, Permission, Role } from './roles';

describe('caller context in headers', () => {
  const caller = { tenantId: '6f1c1b0e-8a5e-4f2b-9a51-0c3f5d2b7e11', userId: 'zhangsan', roles: ['tenant-admin', 'auditor'], requestId: 'req-12345678' };

  it('round-trips through header values', () => {
    const h = callerToHeaders(caller);
    expect(h[Headers.roles]).toBe('tenant-admin,auditor');
    expect(callerFromHeaders((n) => h[n])).toEqual(caller);
  });

  it('names the header that is missing or malformed', () => {
    expect(callerFromHeaders(() => undefined)).toEqual({ error: 'header x-tenant-id must be a UUID' });
    const h: Record<string, string> = { ...callerToHeaders(caller), [Headers.tenantId]: 'tenant-a' };
    expect(callerFromHeaders((n) => h[n])).toEqual({ error: 'header x-tenant-id must be a UUID' });
    const noUser: Record<string, string> = { ...callerToHeaders(caller), [Headers.userId]: '' };
    expect(callerFromHeaders((n) => noUser[n] || undefined)).toEqual({ error: 'header x-user-id is required' });
  });

  it('normalises the tenant id and drops empty roles', () => {
    const h: Record<string, string> = { ...callerToHeaders(caller), [Headers.tenantId]: caller.tenantId.toUpperCase(), [Headers.roles]: ' auditor ,, ' };
    expect(callerFromHeaders((n) => h[n])).toMatchObject({ tenantId: caller.tenantId, roles: ['auditor'] });
  });
});

describe('role → permission table', () => {
  it('lets only the tenant admin change the directory', () => {
    expect(hasPermission([Role.TenantAdmin], Permission.DirectoryWrite)).toBe(true);
    expect(hasPermission([Role.MainLeader, Role.IntegrityOffice], Permission.DirectoryWrite)).toBe(false);
  });

  it('lets every role read power items and the integrity office write them', () => {
    for (const role of Object.values(Role)) expect(hasPermission([role], Permission.PowerItemRead)).toBe(true);
    expect(hasPermission([Role.IntegrityOffice], Permission.PowerItemWrite)).toBe(true);
    expect(hasPermission([Role.Handler], Permission.PowerItemWrite)).toBe(false);
    expect(hasPermission([], Permission.PowerItemRead)).toBe(false);
    expect(hasPermission(['unknown-role'], Permission.PowerItemRead)).toBe(false);
  });
});
