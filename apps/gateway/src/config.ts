import { Transform, Type } from 'class-transformer';
import { LOG_LEVELS, NATS_URL_MESSAGE, NATS_URL_PATTERN } from '@qinglian/runtime';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };
const split = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value);


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
   * Tests only: take the caller from the `x-qinglian-dev-caller` header. Refused in production
   * (NODE_ENV=production).
   */
  @Transform(({ value }: { value: unknown }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production')
  @IsIn([false], { message: 'GATEWAY_DEV_AUTH must not be enabled when NODE_ENV=production' })
  GATEWAY_DEV_AUTH = false;

  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  /** The console's public base URL (sign-in redirects come back to `<PUBLIC_URL>/auth/callback`). */
  @IsUrl(URL_OPTIONS, { message: 'PUBLIC_URL must be an http(s) URL such as https://qinglian.example.gov.cn' })
  PUBLIC_URL = 'http://127.0.0.1:3000';

  /**
   * The realm's issuer, pinned: tokens must carry exactly this `iss`. Keycloak:
   * `https://<host>/realms/qinglian`. Without it, sign-in and bearer tokens are off.
   */
  @ValidateIf((c: GatewayConfig) => c.NODE_ENV === 'production' || c.OIDC_ISSUER !== '')
  @IsUrl(URL_OPTIONS, { message: 'OIDC_ISSUER must be the realm URL, e.g. https://sso.example.gov.cn/realms/qinglian (required in production)' })
  OIDC_ISSUER = '';

  /** The confidential client the console signs in with (authorization code + PKCE). */
  @IsString()
  @IsNotEmpty()
  OIDC_CLIENT_ID = 'qinglian-console';

  @ValidateIf((c: GatewayConfig) => c.OIDC_ISSUER !== '')
  @IsString()
  @IsNotEmpty({ message: 'OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set' })
  OIDC_CLIENT_SECRET = '';

  /** Audience every access token must carry. */
  @IsString()
  @IsNotEmpty()
  OIDC_AUDIENCE = 'qinglian-api';

  /** Accepted signature algorithms (asymmetric only). */
  @Transform(split)
  @IsIn(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'], {
    each: true,
    message: 'OIDC_ALGORITHMS must list asymmetric JWS algorithms, e.g. RS256 (none and HS* are never accepted)',
  })
  OIDC_ALGORITHMS: string[] = ['RS256'];

  /** Seconds of clock difference tolerated when checking a token's exp, iat and nbf. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  OIDC_CLOCK_TOLERANCE_SECONDS = 5;

  /** Claim naming the caller's organization (the tenant). */
  @IsString()
  @IsNotEmpty()
  OIDC_TENANT_CLAIM = 'organization';

  /** Scopes the console asks for. */
  @IsString()
  OIDC_SCOPES = 'openid profile organization';

  /** Sessions live in this NATS KV bucket, so every gateway replica shares them. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'SESSION_BUCKET must be 1–64 letters, digits, "_" or "-"' })
  SESSION_BUCKET = 'qinglian_sessions';

  /** Longest a console session lasts, however active (Keycloak's SSO Session Max is 10 h by default). */
  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(7 * 24 * 3600)
  SESSION_MAX_SECONDS = 36_000;

  /** Requests per minute per client address, and per signed-in user. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ADDRESS_PER_MINUTE = 1_200;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_USER_PER_MINUTE = 600;

  /** Express `trust proxy`: hops of reverse proxies in front (0 = none), so rate limits see the real address. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  /** The console's built files (`nx run web:build`); not served when the folder is missing. */
  @IsOptional()
  @IsString()
  WEB_ROOT = 'dist/web';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL = 'info';
}
