import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { type ThrottlerRequest } from '@nestjs/throttler/dist/throttler.guard.interface.js';
import { type GatewayConfig } from '../config';
import { type AuthedRequest } from './auth';

const MINUTE_MS = 60_000;

/**
 * Two limits: per client address (checked first, so floods of bad credentials are cut off before any
 * token is verified) and per signed-in user (checked after authentication, wherever the user comes
 * from). Counters live in each replica's memory: with N replicas a client gets up to N times the limit.
 */
export function throttlerOptions(config: GatewayConfig): ThrottlerModuleOptions {
  return {
    errorMessage: 'too many requests; slow down and try again in a minute',
    throttlers: [
      { name: 'address', ttl: MINUTE_MS, limit: config.RATE_LIMIT_ADDRESS_PER_MINUTE, getTracker: (req) => (req as AuthedRequest).ip ?? 'unknown' },
      {
        name: 'user',
        ttl: MINUTE_MS,
        limit: config.RATE_LIMIT_USER_PER_MINUTE,
        getTracker: (req) => {
          const caller = (req as AuthedRequest).caller;
          return caller ? `${caller.supervisingTenantId ?? caller.tenantId}:${caller.userId}` : '';
        },
        skipIf: (ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthedRequest>().caller === undefined,
      },
    ],
  };
}

abstract class NamedThrottlerGuard extends ThrottlerGuard {
  protected abstract readonly throttlerName: string;

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    return props.throttler.name === this.throttlerName ? super.handleRequest(props) : Promise.resolve(true);
  }
}

@Injectable()
export class AddressThrottlerGuard extends NamedThrottlerGuard {
  protected readonly throttlerName = 'address';
}

@Injectable()
export class UserThrottlerGuard extends NamedThrottlerGuard {
  protected readonly throttlerName = 'user';
}
