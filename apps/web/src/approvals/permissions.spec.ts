// eslint-disable-next-line @nx/enforce-module-boundaries -- a spec, not bundled: it checks the names against libs/auth
import { Permission } from '@qinglian/auth';
import { APPROVAL_READ_PERMISSIONS, APPROVAL_WRITE_PERMISSIONS, holds, mayApprove } from './permissions';

describe('approvals permissions', () => {
  it('are permissions libs/auth defines', () => {
    for (const p of [...APPROVAL_WRITE_PERMISSIONS, ...APPROVAL_READ_PERMISSIONS]) expect(Object.values<string>(Permission)).toContain(p);
  });

  it('offer writes in one’s own tenant only, reads everywhere', () => {
    expect(mayApprove(['meeting:write'], false, 'meeting:write')).toBe(true);
    expect(mayApprove(['meeting:write'], true, 'meeting:write')).toBe(false);
    expect(mayApprove(['meeting:read'], false, 'meeting:write')).toBe(false);
    expect(holds(['alert:read'], 'alert:read')).toBe(true);
    expect(holds([], 'alert:read')).toBe(false);
  });
});
