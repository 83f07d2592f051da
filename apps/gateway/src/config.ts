import { Transform, Type } from 'class-transformer';
import { LOG_LEVELS, NATS_URL_MESSAGE, NATS_URL_PATTERN } from '@qinglian/runtime';
import { IsBoolean, IsIn, IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';


/** Environment of the gateway (README lists every variable). */
export class GatewayConfig {
  @Matches(NATS_URL_PATTERN, { message: NATS_URL_MESSAGE })
  NATS_URL = 'nats://127.0.0.1:4222';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** How long the gateway waits for a service's answer before replying 503. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  RPC_TIMEOUT_MS = 5_000;

  /**
   * Development only: take the caller from the `x-qinglian-dev-caller` header. Refused in production
   * (NODE_ENV=production); replaced by SSO in the next release.
   */
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production')
  @IsIn([false], { message: 'GATEWAY_DEV_AUTH must not be enabled when NODE_ENV=production' })
  GATEWAY_DEV_AUTH = false;

  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL = 'info';
}
