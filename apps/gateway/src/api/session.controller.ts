import { Permission, permissionsOf, SUPERVISING_ROLES } from '@qinglian/auth';
import { type TenantDto } from '@qinglian/contracts';
import { Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import * as client from 'openid-client';
import { type GatewayConfig } from '../config';
import { type AuthedRequest, checkCsrf, cookieOf, CSRF_HEADER, CurrentIdentity, Public, RequirePermission } from '../platform/auth';
import { Authenticator, type Identity, sessionCookie } from '../platform/authenticator';
import { OidcClient, type SignInTokens } from '../platform/oidc';
import { newOpaqueId, nowSeconds, SessionStore } from '../platform/session-store';
import { TenantDirectory } from '../platform/tenant-directory';
import { GATEWAY_CONFIG } from '../platform/tokens';

class MeUser {
  @ApiProperty({ description: 'Realm subject' }) id!: string;
  @ApiProperty({ description: '用户名 Username' }) username!: string;
  @ApiProperty({ description: '姓名 Display name' }) name!: string;
}

class MeTenant {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Keycloak organization alias' }) alias!: string;
  @ApiProperty({ description: '单位名称' }) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ enum: ['supervisor', 'enterprise'] }) kind!: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) parentId!: string | null;
}

class MeResponse {
  @ApiProperty({ type: MeUser }) user!: MeUser;
  @ApiProperty({ type: MeTenant, description: 'The caller’s own tenant' }) tenant!: MeTenant;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: [String], description: 'Permissions the roles grant in the own tenant' }) permissions!: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: `Send as ${CSRF_HEADER} on console writes; null for bearer callers` })
  csrfToken!: string | null;
  @ApiProperty({ type: [MeTenant], description: 'Tenants the caller may open: its own, and for supervisors those below it (read-only)' })
  tenants!: MeTenant[];
}

/** Why a sign-in did not start a session; the console explains each (`/?signInError=<code>`). */
export type SignInFailure = 'realm-refused' | 'expired' | 'no-tenant' | 'failed';

/** Only same-site paths: an open redirect after sign-in would hand phishers a trusted link. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/auth/') ? value : '/';
}

/**
 * Console sign-in as a backend-for-frontend: the gateway runs the authorization-code flow with PKCE
 * against the realm and keeps the tokens; the browser only holds an HttpOnly session cookie.
 */
@ApiTags('session 会话')
@Controller()
export class SessionController {
  private readonly logger = new Logger('SessionController');

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly oidc: OidcClient,
    private readonly sessions: SessionStore,
    private readonly authenticator: Authenticator,
    private readonly tenants: TenantDirectory,
  ) {}

  @Public()
  @Get('auth/login')
  @ApiOperation({ summary: '登录 Sign in: redirects to the realm (authorization code + PKCE)' })
  async login(@Query('returnTo') returnTo: unknown, @Query('prompt') prompt: unknown, @Res() res: Response): Promise<void> {
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    // `prompt=login` makes the realm ask for credentials again (after a refused sign-in, say).
    const url = await this.oidc.authorizationUrl({ state, nonce, codeVerifier, ...(prompt === 'login' ? { prompt: 'login' } : {}) });
    await this.sessions.putPendingLogin(state, { v: 1, codeVerifier, nonce, returnTo: safeReturnTo(returnTo), createdAt: nowSeconds() });
    res.redirect(302, url.href);
  }

  @Public()
  @Get('auth/callback')
  @ApiOperation({ summary: 'Where the realm returns after sign-in; starts the session' })
  async callback(@Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
    // A person lands here in a browser: failures go back to the console's sign-in page with a code it
    // explains (in Chinese first), never to a JSON error page.
    const fail = (code: SignInFailure, reason: string): void => {
      this.logger.warn(`sign-in failed (${code}): ${reason}`);
      res.redirect(302, `/?signInError=${code}`);
    };
    const state = typeof req.query['state'] === 'string' ? req.query['state'] : '';
    if (typeof req.query['error'] === 'string') {
      fail('realm-refused', `${req.query['error']}${typeof req.query['error_description'] === 'string' ? ` (${req.query['error_description']})` : ''}`);
      return;
    }
    const pending = state ? await this.sessions.takePendingLogin(state) : undefined;
    if (!pending) {
      fail('expired', 'unknown, used or expired state');
      return;
    }
    let identity: Identity;
    let tokens: SignInTokens;
    try {
      tokens = await this.oidc.exchangeCode(new URL(req.originalUrl, this.config.PUBLIC_URL), { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
      // The same checks as every later request: a person without a registered tenant gets no session.
      identity = await this.authenticator.fromAccessToken(tokens.accessToken, 'session');
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      fail(e instanceof UnauthorizedException && /organization/.test(message) ? 'no-tenant' : 'failed', message);
      return;
    }
    const sessionId = newOpaqueId();
    await this.sessions.putSession(sessionId, {
      v: 1,
      userId: identity.userId,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      idToken: tokens.idToken,
      accessExpiresAt: nowSeconds() + tokens.expiresIn,
      csrfToken: newOpaqueId(),
      createdAt: nowSeconds(),
    });
    res.cookie(sessionCookie(this.config), sessionId, {
      httpOnly: true,
      secure: this.config.PUBLIC_URL.startsWith('https:'),
      sameSite: 'lax',
      path: '/',
      maxAge: this.config.SESSION_MAX_SECONDS * 1000,
    });
    res.redirect(302, pending.returnTo);
  }

  @Public()
  @Post('auth/logout')
  @HttpCode(200)
  @ApiOperation({ summary: '退出 Sign out: ends the session here; open `logoutUrl` to end it at the realm too' })
  async logout(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response): Promise<{ logoutUrl: string }> {
    const sessionId = cookieOf(req, sessionCookie(this.config));
    const session = sessionId ? await this.sessions.getSession(sessionId) : undefined;
    if (!sessionId || !session) {
      res.clearCookie(sessionCookie(this.config), { path: '/' });
      return { logoutUrl: '/' };
    }
    checkCsrf(req.header(CSRF_HEADER), session.csrfToken);
    await this.sessions.deleteSession(sessionId);
    res.clearCookie(sessionCookie(this.config), { path: '/' });
    return { logoutUrl: await this.oidc.logoutUrl(session.idToken) };
  }

  @RequirePermission(Permission.ProfileRead)
  @Get('api/v1/me')
  @ApiOperation({ summary: '当前用户 The signed-in person, tenant, roles, permissions and CSRF token' })
  @ApiOkResponse({ type: MeResponse })
  async me(@CurrentIdentity() identity: Identity): Promise<MeResponse> {
    const supervises = identity.roles.some((r) => SUPERVISING_ROLES.includes(r));
    const tenants: TenantDto[] = supervises ? await this.tenants.subtree(identity.tenant.id) : [identity.tenant];
    return {
      user: { id: identity.userId, username: identity.username, name: identity.name },
      tenant: identity.tenant,
      roles: [...identity.roles],
      permissions: permissionsOf(identity.roles),
      csrfToken: identity.csrfToken ?? null,
      tenants: tenants.length > 0 ? tenants : [identity.tenant],
    };
  }
}

