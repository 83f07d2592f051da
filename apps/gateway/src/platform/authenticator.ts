import { ClaimsError, identityFromClaims, isRole, type KeycloakClaims, type Role, TokenRejected, TokenVerifier } from '@qinglian/auth';
import { isUuid, type TenantDto, TenantKind } from '@qinglian/contracts';
import { Inject, Injectable, Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { type Response } from 'express';
import { type GatewayConfig } from '../config';
import { type AuthedRequest, cookieOf } from './request';
import { OidcClient } from './oidc';
import { nowSeconds, type Session, SessionStore } from './session-store';
import { TenantDirectory } from './tenant-directory';
import { GATEWAY_CONFIG } from './tokens';

/**
 * The console's session cookie. Over https it carries the `__Host-` prefix, so browsers accept it only
 * Secure, for this exact host and path `/` (no subdomain can plant or read it).
 */
export function sessionCookie(config: Pick<GatewayConfig, 'PUBLIC_URL'>): string {
  return config.PUBLIC_URL.startsWith('https:') ? '__Host-qinglian_session' : 'qinglian_session';
}
/** Tests only, behind GATEWAY_DEV_AUTH: the caller as JSON {tenantId, userId, roles}. */
export const DEV_CALLER_HEADER = 'x-qinglian-dev-caller';
/** Refresh the access token this long before it expires. */
const REFRESH_MARGIN_SECONDS = 30;

/** Who is calling, after verification. */
export interface Identity {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** The caller's own tenant. */
  readonly tenant: TenantDto;
  readonly via: 'session' | 'bearer' | 'dev';
  readonly sessionId?: string;
  readonly csrfToken?: string;
}

/**
 * Turns a request's credentials into an Identity. Access tokens — from the Authorization header or
 * held in the console session — are verified with the realm's keys (issuer, audience and algorithms
 * pinned in configuration), and the token's organization must be a registered tenant.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger('Authenticator');
  private readonly verifier: TokenVerifier | undefined;
  private readonly refreshing = new Map<string, Promise<Session | undefined>>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly sessions: SessionStore,
    private readonly oidc: OidcClient,
    private readonly tenants: TenantDirectory,
  ) {
    this.verifier = config.OIDC_ISSUER
      ? new TokenVerifier({
          issuer: config.OIDC_ISSUER,
          audience: config.OIDC_AUDIENCE,
          algorithms: config.OIDC_ALGORITHMS,
          clockToleranceSeconds: config.OIDC_CLOCK_TOLERANCE_SECONDS,
        })
      : undefined;
  }

  async authenticate(req: AuthedRequest, res: Response): Promise<Identity> {
    const authorization = req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(authorization);
      if (!match?.[1]) throw this.bearerError(res, 'the Authorization header must be "Bearer <access token>"');
      try {
        return await this.fromAccessToken(match[1], 'bearer');
      } catch (e) {
        if (e instanceof UnauthorizedException) throw this.bearerError(res, e.message);
        throw e;
      }
    }
    const sessionId = cookieOf(req, sessionCookie(this.config));
    if (sessionId) return this.fromSession(sessionId, res);
    if (req.header(DEV_CALLER_HEADER) !== undefined) return this.fromDevHeader(req.header(DEV_CALLER_HEADER) ?? '');
    throw new UnauthorizedException('authentication required: sign in at /auth/login, or send a bearer token');
  }

  /** Verifies an access token and resolves its organization to a registered tenant. */
  async fromAccessToken(token: string, via: 'session' | 'bearer'): Promise<Identity> {
    if (!this.verifier) throw new UnauthorizedException('bearer tokens are not accepted: OIDC_ISSUER is not configured');
    let identity;
    try {
      const claims = (await this.verifier.verify(token)) as KeycloakClaims;
      identity = identityFromClaims(claims, { tenantClaim: this.config.OIDC_TENANT_CLAIM, rolesClient: this.config.OIDC_AUDIENCE });
    } catch (e) {
      if (e instanceof TokenRejected || e instanceof ClaimsError) throw new UnauthorizedException(e.message);
      throw e;
    }
    const tenant = await this.tenants.byAlias(identity.organization.alias);
    if (!tenant || (identity.organization.id !== undefined && identity.organization.id !== tenant.id)) {
      throw new UnauthorizedException(`organization ${identity.organization.alias} is not a registered tenant`);
    }
    return { userId: identity.userId, username: identity.username, name: identity.name, roles: identity.roles, tenant, via };
  }

  private async fromSession(sessionId: string, res: Response): Promise<Identity> {
    // An unreachable session store is an outage (503), not a signed-out user.
    let session = await this.sessions.getSession(sessionId).catch((e: unknown) => {
      this.logger.error(`session store: ${e instanceof Error ? e.message : String(e)}`);
      throw new ServiceUnavailableException('sessions are unavailable; try again shortly');
    });
    if (session && session.accessExpiresAt - nowSeconds() < REFRESH_MARGIN_SECONDS) session = await this.refreshOnce(sessionId, session);
    if (!session) {
      res.clearCookie(sessionCookie(this.config), { path: '/' });
      throw new UnauthorizedException('your session has ended; sign in again');
    }
    const identity = await this.fromAccessToken(session.accessToken, 'session');
    return { ...identity, sessionId, csrfToken: session.csrfToken };
  }

  /** One refresh per session at a time, however many requests arrive together. */
  private refreshOnce(sessionId: string, session: Session): Promise<Session | undefined> {
    let pending = this.refreshing.get(sessionId);
    if (!pending) {
      pending = this.refresh(sessionId, session).finally(() => this.refreshing.delete(sessionId));
      this.refreshing.set(sessionId, pending);
    }
    return pending;
  }

  private async refresh(sessionId: string, session: Session): Promise<Session | undefined> {
    if (!session.refreshToken) {
      await this.sessions.deleteSession(sessionId);
      return undefined;
    }
    try {
      const t = await this.oidc.refresh(session.refreshToken);
      const next: Session = {
        ...session,
        accessToken: t.accessToken,
        refreshToken: t.refreshToken ?? session.refreshToken,
        idToken: t.idToken ?? session.idToken,
        accessExpiresAt: nowSeconds() + t.expiresIn,
      };
      await this.sessions.putSession(sessionId, next);
      return next;
    } catch (e) {
      // The realm ended the session (logout elsewhere, idle timeout, user disabled): so do we.
      this.logger.log(`session refresh refused: ${e instanceof Error ? e.message : String(e)}`);
      await this.sessions.deleteSession(sessionId);
      return undefined;
    }
  }

  private fromDevHeader(raw: string): Identity {
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
    const tenantId = p.tenantId.toLowerCase();
    // A test stand-in: the tenant stands alone, without the registry (no supervisor reads this way).
    const tenant: TenantDto = { id: tenantId, alias: tenantId, name: tenantId, nameEn: null, kind: TenantKind.Enterprise, parentId: null };
    return { userId: p.userId, username: p.userId, name: p.userId, roles: p.roles.filter(isRole), tenant, via: 'dev' };
  }

  private bearerError(res: Response, description: string): UnauthorizedException {
    res.setHeader('WWW-Authenticate', `Bearer realm="qinglian", error="invalid_token", error_description="${description.replace(/["\\]/g, "'")}"`);
    return new UnauthorizedException(description);
  }
}
