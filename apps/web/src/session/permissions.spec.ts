import { mayWrite } from './permissions';

describe('mayWrite', () => {
  it('offers an action when the permission is granted in the caller’s own tenant', () => {
    expect(mayWrite(['power-item:read', 'power-item:write'], false, 'power-item:write')).toBe(true);
    expect(mayWrite(['power-item:read'], false, 'power-item:write')).toBe(false);
  });

  it('offers no write while a supervisor views a tenant below its own', () => {
    expect(mayWrite(['power-item:write', 'publish:write'], true, 'publish:write')).toBe(false);
  });
});
