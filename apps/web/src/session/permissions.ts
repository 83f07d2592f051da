// The permissions (GET /api/v1/me `permissions`, libs/auth `Permission`) behind the console's write
// actions. A spec checks that libs/auth still defines them.
export const PERMISSIONS = ['power-item:write', 'responsibility-list:write', 'directory:write', 'review:write', 'publish:write'] as const;
export type PermissionName = (typeof PERMISSIONS)[number];

/**
 * Whether the console offers an action: the caller holds the permission in its own tenant. While a
 * supervisor views a tenant below its own the gateway refuses every write, so nothing is offered.
 */
export function mayWrite(granted: readonly string[], readOnly: boolean, permission: PermissionName): boolean {
  return !readOnly && granted.includes(permission);
}
