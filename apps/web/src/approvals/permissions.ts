// The approvals permissions (libs/auth `Permission`, GET /api/v1/me `permissions`) behind the area's
// actions and sections. A spec checks that libs/auth still defines them.

/** Writes: offered only in the caller's own tenant (see session/permissions `mayWrite`). */
export const APPROVAL_WRITE_PERMISSIONS = [
  'policy:write',
  'matter:write',
  'task:write',
  'compliance-review:write',
  'filing-signature:write',
  'meeting:write',
  'position:write',
  'execution:write',
  'evaluation:write',
  'signing-key:write',
] as const;
/** Reads the console checks before showing a section. */
export const APPROVAL_READ_PERMISSIONS = ['alert:read', 'filing:read', 'matter:read', 'meeting:read', 'decision:read', 'policy:read'] as const;

export type ApprovalWritePermission = (typeof APPROVAL_WRITE_PERMISSIONS)[number];
export type ApprovalReadPermission = (typeof APPROVAL_READ_PERMISSIONS)[number];

/** Whether the caller holds a read permission (a supervisor viewing below keeps its reads). */
export function holds(granted: readonly string[], permission: ApprovalReadPermission): boolean {
  return granted.includes(permission);
}

/** Whether to offer a write: held, and not while viewing another tenant (the gateway refuses it). */
export function mayApprove(granted: readonly string[], readOnly: boolean, permission: ApprovalWritePermission): boolean {
  return !readOnly && granted.includes(permission);
}
