import { denialReason, type Permission } from '@qinglian/auth';
import { type CallerContext, isUuid } from '@qinglian/contracts';
import {
  BadRequestException,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Response } from 'express';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Authenticator, type Identity } from './authenticator';
import { type AuthedRequest } from './request';
import { TenantDirectory } from './tenant-directory';

export { DEV_CALLER_HEADER } from './authenticator';
/** A supervisor picks the tenant below its own it wants to read. */
export const TENANT_HEADER = 'x-qinglian-tenant';
export const CSRF_HEADER = 'x-csrf-token';
export const PERMISSION_KEY = 'qinglian:permission';
export const PUBLIC_KEY = 'qinglian:public';

/** Every API endpoint declares the permission it needs; a test fails when one does not. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);
/** For the few routes anyone may call (health probes, API docs, the sign-in redirects). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export { type AuthedRequest, cookieOf } from './request';

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): CallerContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.caller) throw new UnauthorizedException('authentication required');
  return req.caller;
});

export const CurrentIdentity = createParamDecorator((_: unknown, ctx: ExecutionContext): Identity => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.identity) throw new UnauthorizedException('authentication required');
  return req.identity;
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Establishes who is calling (console session cookie, bearer token, or — tests only — the development
 * header), which tenant the request acts in, and checks the route's permission against the one
 * table in libs/auth. Cookie-authenticated writes must also carry the session's CSRF token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly tenants: TenantDirectory,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    // Fail closed: a route that forgot to declare its permission is not reachable at all.
    if (!permission) throw new ForbiddenException('this endpoint declares no permission');
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const identity = await this.authenticator.authenticate(req, res);
    req.identity = identity;
    if (identity.via === 'session' && !SAFE_METHODS.has(req.method)) checkCsrf(req.header(CSRF_HEADER), identity.csrfToken);
    const caller = await this.callerFor(req, identity);
    req.caller = caller;
    const denied = denialReason(caller, permission);
    if (denied !== null) throw new ForbiddenException(denied);
    return true;
  }

  /** The caller context sent to services: the person, and the tenant the request acts in. */
  private async callerFor(req: AuthedRequest, identity: Identity): Promise<CallerContext> {
    const base = { userId: identity.userId, userName: identity.name, roles: identity.roles, requestId: req.requestId ?? randomUUID() };
    const requested = req.header(TENANT_HEADER);
    if (requested === undefined || requested.toLowerCase() === identity.tenant.id) return { ...base, tenantId: identity.tenant.id };
    if (!isUuid(requested)) throw new BadRequestException(`${TENANT_HEADER} must be a tenant id (UUID)`);
    const target = requested.toLowerCase();
    if (!(await this.tenants.isBelow(target, identity.tenant.id))) {
      throw new ForbiddenException(`${TENANT_HEADER}: you may act only in your own tenant or, as a supervisor, read the tenants below it`);
    }
    return { ...base, tenantId: target, supervisingTenantId: identity.tenant.id };
  }
}

export function checkCsrf(given: string | undefined, expected: string | undefined): void {
  const ok = given !== undefined && expected !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  if (!ok) throw new ForbiddenException(`a write from the console must carry the session's ${CSRF_HEADER} header (GET /api/v1/me returns it)`);
}

