import { type CallerContext, hasPermission, isUuid, type Permission } from '@qinglian/contracts';
import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Request } from 'express';
import { randomUUID } from 'node:crypto';
import { type GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from './tokens';

export const DEV_CALLER_HEADER = 'x-qinglian-dev-caller';
export const PERMISSION_KEY = 'qinglian:permission';
export const PUBLIC_KEY = 'qinglian:public';

/** Every API endpoint declares the permission it needs; a test fails when one does not. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);
/** For the few routes anyone may call (health probes, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export type AuthedRequest = Request & { caller?: CallerContext; requestId?: string };

export const CurrentCaller = createParamDecorator((_: unknown, ctx: ExecutionContext): CallerContext => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.caller) throw new UnauthorizedException('authentication required');
  return req.caller;
});

/**
 * Establishes who is calling, then checks the route's permission. Until SSO lands the caller can only
 * come from the development header, and only when GATEWAY_DEV_AUTH is on; otherwise every API call
 * is 401.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    // Fail closed: a route that forgot to declare its permission is not reachable at all.
    if (!permission) throw new ForbiddenException('this endpoint declares no permission');
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const caller = this.resolveCaller(req);
    req.caller = caller;
    if (!hasPermission(caller.roles, permission)) throw new ForbiddenException(`permission ${permission} is required`);
    return true;
  }

  private resolveCaller(req: AuthedRequest): CallerContext {
    const raw = req.header(DEV_CALLER_HEADER);
    if (raw === undefined) throw new UnauthorizedException('authentication required');
    if (!this.config.GATEWAY_DEV_AUTH) {
      throw new UnauthorizedException(`the ${DEV_CALLER_HEADER} header is accepted only when GATEWAY_DEV_AUTH is enabled`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new UnauthorizedException(`${DEV_CALLER_HEADER} must be JSON: {"tenantId","userId","roles"}`);
    }
    const p = parsed as { tenantId?: unknown; userId?: unknown; roles?: unknown };
    if (!isUuid(p.tenantId)) throw new UnauthorizedException(`${DEV_CALLER_HEADER}.tenantId must be a UUID`);
    if (typeof p.userId !== 'string' || p.userId.length === 0) throw new UnauthorizedException(`${DEV_CALLER_HEADER}.userId is required`);
    if (!Array.isArray(p.roles) || !p.roles.every((r) => typeof r === 'string')) {
      throw new UnauthorizedException(`${DEV_CALLER_HEADER}.roles must be an array of strings`);
    }
    return { tenantId: p.tenantId.toLowerCase(), userId: p.userId, roles: p.roles, requestId: req.requestId ?? randomUUID() };
  }
}
