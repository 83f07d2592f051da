import { type CallerContext, ErrorCode, hasPermission, type Permission } from '@qinglian/contracts';
import { DomainError } from './domain-error';

/** Services check the caller's permission themselves; the gateway is not the only wall. */
export function requirePermission(caller: CallerContext, permission: Permission): void {
  if (!hasPermission(caller.roles, permission)) {
    throw new DomainError(ErrorCode.Forbidden, `permission ${permission} is required`);
  }
}
