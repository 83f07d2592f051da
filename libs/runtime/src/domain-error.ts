import { ErrorCode, type ServiceError } from '@qinglian/contracts';
export { flattenValidationErrors } from '@qinglian/contracts';
import { HttpException } from '@nestjs/common';

/**
 * The exception services throw for anything a caller did wrong or asked for in vain. Each feature
 * may subclass it; the RPC filter turns it into the ServiceError shape, the gateway into HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(entity: string, id: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${entity} ${id} not found`);
  }

  static conflict(message: string, field?: string, rule?: string): DomainError {
    return new DomainError(ErrorCode.Conflict, message, field, rule);
  }

  static validation(field: string, rule: string, message: string): DomainError {
    return new DomainError(ErrorCode.Validation, message, field, rule);
  }

  static forbidden(message: string): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }
}

export class RequestValidationError extends DomainError {
  constructor(readonly problems: { field: string; rule: string; message: string }[]) {
    const first = problems[0] ?? { field: '', rule: 'invalid', message: 'invalid request' };
    super(ErrorCode.Validation, problems.map((p) => `${p.field}: ${p.message}`).join('; '), first.field, first.rule);
  }
}

/** A file import refused as a whole: nothing was imported; every problem says where it is. */
export class ImportRejectedError extends DomainError {
  constructor(readonly problems: { sheet: string; row: number; column: string | null; message: string }[]) {
    super(ErrorCode.Validation, `导入失败，共 ${problems.length} 处问题，未导入任何内容 / import rejected: ${problems.length} problem(s), nothing imported`, 'file', 'import');
  }
}

/** Maps anything thrown inside a handler to the ServiceError shape that crosses NATS. */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof RequestValidationError) {
    return { code: error.code, message: error.message, field: error.field, rule: error.rule, errors: error.problems };
  }
  if (error instanceof ImportRejectedError) {
    return { code: error.code, message: error.message, field: 'file', rule: 'import', problems: error.problems };
  }
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.rule ? { rule: error.rule } : {}) };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      status === 400 ? ErrorCode.Validation : status === 401 ? ErrorCode.Unauthenticated : status === 403 ? ErrorCode.Forbidden : status === 404 ? ErrorCode.NotFound : status === 409 ? ErrorCode.Conflict : ErrorCode.Internal;
    return { code, message: error.message };
  }
  const pg = pgErrorToServiceError(error);
  if (pg) return pg;
  return { code: ErrorCode.Internal, message: 'internal error' };
}

/** Constraint violations the database catches (unique keys, foreign keys, RLS) become caller errors. */
function pgErrorToServiceError(error: unknown): ServiceError | undefined {
  const e = (error as { driverError?: { code?: string; constraint?: string; detail?: string } } | null)?.driverError ?? (error as { code?: string; constraint?: string; detail?: string } | null);
  const detail = e?.detail ? `: ${e.detail}` : '';
  const field = e?.constraint ? { field: constraintField(e.constraint) } : {};
  if (e?.code === '23505') return { code: ErrorCode.Conflict, message: `already exists${detail}`, rule: 'unique', ...field };
  if (e?.code === '23503') return { code: ErrorCode.Validation, message: `refers to a record that does not exist${detail}`, rule: 'exists', ...field };
  if (e?.code === '42501') return { code: ErrorCode.Forbidden, message: 'not allowed in this tenant' };
  return undefined;
}

/**
 * Constraint names follow `<table>__<column>__<kind>` (e.g. `power_item__code__uq`), so a violation
 * names the request field (the column in camelCase).
 */
export function constraintField(constraint: string): string {
  const parts = constraint.split('__');
  if (parts.length !== 3 || !parts[1]) return constraint;
  return parts[1].replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
