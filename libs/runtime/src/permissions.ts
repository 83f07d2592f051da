import { denialReason, type Permission } from '@qinglian/auth';
import { type CallerContext, ErrorCode } from '@qinglian/contracts';
import { DomainError } from './domain-error';

/**
 * Services check the caller's permission themselves; the gateway is not the only wall. A caller acting
 * in a tenant below its own (a supervisor) gets read permissions only.
 */
export function requirePermission(caller: CallerContext, permission: Permission): void {
  const reason = denialReason(caller, permission);
  if (reason !== null) throw new DomainError(ErrorCode.Forbidden, reason);
}
