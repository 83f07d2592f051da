import { callerFromHeaders, callerToHeaders, Headers } from './caller-context';

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

  it('carries the supervising tenant when a supervisor reads below its own', () => {
    const supervising = { ...caller, supervisingTenantId: '0c3f5d2b-8a5e-4f2b-9a51-6f1c1b0e7e11' };
    const h = callerToHeaders(supervising);
    expect(callerFromHeaders((n) => h[n])).toEqual(supervising);
    const bad: Record<string, string> = { ...h, [Headers.supervisingTenantId]: 'gy-sasac' };
    expect(callerFromHeaders((n) => bad[n])).toEqual({ error: 'header x-supervising-tenant-id must be a UUID' });
  });

  it('normalises the tenant id and drops empty roles', () => {
    const h: Record<string, string> = { ...callerToHeaders(caller), [Headers.tenantId]: caller.tenantId.toUpperCase(), [Headers.roles]: ' auditor ,, ' };
    expect(callerFromHeaders((n) => h[n])).toMatchObject({ tenantId: caller.tenantId, roles: ['auditor'] });
  });
});
