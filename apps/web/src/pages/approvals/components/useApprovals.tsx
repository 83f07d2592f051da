import { useCallback, useEffect, useState } from 'react';
import { type ApprovalReadPermission, type ApprovalWritePermission, holds, mayApprove } from '../../../approvals/permissions';
import { useSession } from '../../../session/SessionProvider';

/** The session as the approvals pages use it: the API, who I am, and which actions to offer. */
export function useApprovals() {
  const session = useSession();
  const { me, readOnly } = session;
  const may = useCallback((p: ApprovalWritePermission) => mayApprove(me.permissions, readOnly, p), [me.permissions, readOnly]);
  const has = useCallback((p: ApprovalReadPermission) => holds(me.permissions, p), [me.permissions]);
  return { ...session, subject: me.user.id, may, has };
}

/** The time now, renewed every `everyMs` (remaining times count down without a reload). */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
