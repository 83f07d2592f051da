/**
 * The one error shape that crosses service boundaries. Services answer failures with it; the
 * gateway maps it to HTTP problem+json in one place (apps/gateway/src/problem).
 */
export enum ErrorCode {
  /** Bad input: `field` names the field and `rule` the rule it broke. HTTP 400. */
  Validation = 'VALIDATION',
  /** Missing or invalid caller context. HTTP 401. */
  Unauthenticated = 'UNAUTHENTICATED',
  /** The caller lacks the permission. HTTP 403. */
  Forbidden = 'FORBIDDEN',
  /** No such record in the caller's tenant (also used to avoid leaking existence). HTTP 404. */
  NotFound = 'NOT_FOUND',
  /** The change conflicts with current state (duplicate code, wrong status …). HTTP 409. */
  Conflict = 'CONFLICT',
  /** A dependency did not answer in time. HTTP 503. */
  Unavailable = 'UNAVAILABLE',
  /** A bug or an unexpected failure; details are logged, not returned. HTTP 500. */
  Internal = 'INTERNAL',
}

export interface ServiceError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly field?: string;
  readonly rule?: string;
  /** Further problems when several fields are wrong (the first one is repeated in `field`). */
  readonly errors?: readonly { field: string; rule: string; message: string }[];
  /** Problems of a rejected file import, each at its sheet, row and column. */
  readonly problems?: readonly { sheet: string; row: number; column: string | null; message: string }[];
}

export function isServiceError(value: unknown): value is ServiceError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['code'] === 'string' && Object.values<string>(ErrorCode).includes(v['code']) && typeof v['message'] === 'string';
}
