import { ErrorCode, type ServiceError } from '@qinglian/contracts';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { type Response } from 'express';
import { type AuthedRequest } from './auth';
import { ServiceCallError } from './service-client';

export class BadRequestProblem extends HttpException {
  constructor(readonly problems: { field: string; rule: string; message: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '), HttpStatus.BAD_REQUEST);
  }
}

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Unavailable]: 503,
  [ErrorCode.Internal]: 500,
};

const TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId?: string | undefined;
  field?: string | undefined;
  rule?: string | undefined;
  errors?: readonly { field: string; rule: string; message: string }[] | undefined;
  problems?: ServiceError['problems'] | undefined;
}

/** The one place where errors become HTTP: RFC 9457 problem+json with our code, field and rule. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<AuthedRequest>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (problem.status >= 500) this.logger.error(`${req.method} ${req.originalUrl} → ${problem.status}: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, req: AuthedRequest): Problem {
    const base = { instance: req.originalUrl, requestId: req.requestId };
    if (exception instanceof ServiceCallError) return fromServiceError(exception.error, base);
    if (exception instanceof BadRequestProblem) {
      const first = exception.problems[0];
      return { ...base, type: typeUri(ErrorCode.Validation), title: 'Bad Request', status: 400, code: ErrorCode.Validation, detail: exception.message, field: first?.field, rule: first?.rule, errors: exception.problems };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 401 ? ErrorCode.Unauthenticated : status === 403 ? ErrorCode.Forbidden : status === 404 ? ErrorCode.NotFound : status === 409 ? ErrorCode.Conflict : status >= 500 ? ErrorCode.Internal : ErrorCode.Validation;
      const body = exception.getResponse();
      const detail = typeof body === 'object' && 'message' in body ? String(body.message) : exception.message;
      return { ...base, type: typeUri(code), title: TITLE[status] ?? 'Error', status, code, detail };
    }
    return { ...base, type: typeUri(ErrorCode.Internal), title: TITLE[500] ?? 'Error', status: 500, code: ErrorCode.Internal, detail: 'internal error' };
  }
}

function fromServiceError(e: ServiceError, base: { instance: string; requestId?: string | undefined }): Problem {
  const status = STATUS[e.code];
  return { ...base, type: typeUri(e.code), title: TITLE[status] ?? 'Error', status, code: e.code, detail: e.message, field: e.field, rule: e.rule, errors: e.errors, problems: e.problems };
}

function typeUri(code: ErrorCode): string {
  return `urn:qinglian:problem:${code.toLowerCase()}`;
}
