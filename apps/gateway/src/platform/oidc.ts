import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import * as client from 'openid-client';
import { type GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from './tokens';

export interface SignInTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly idToken: string | undefined;
  readonly expiresIn: number;
}

/**
 * The console's side of OpenID Connect (openid-client): authorization code with PKCE, refresh, and
 * RP-initiated logout. The realm's metadata is discovered on first use and retried after a failure,
 * so the gateway starts even while the realm is still starting.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger('OidcClient');
  private discovered: Promise<client.Configuration> | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  get enabled(): boolean {
    return this.config.OIDC_ISSUER !== '';
  }

  get redirectUri(): string {
    return `${this.config.PUBLIC_URL.replace(/\/$/, '')}/auth/callback`;
  }

  async authorizationUrl(params: { state: string; nonce: string; codeVerifier: string; prompt?: 'login' }): Promise<URL> {
    const cfg = await this.configuration();
    return client.buildAuthorizationUrl(cfg, {
      redirect_uri: this.redirectUri,
      scope: this.config.OIDC_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(params.codeVerifier),
      code_challenge_method: 'S256',
      state: params.state,
      nonce: params.nonce,
      ...(params.prompt ? { prompt: params.prompt } : {}),
    });
  }

  async exchangeCode(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<SignInTokens> {
    const cfg = await this.configuration();
    const tokens = await client.authorizationCodeGrant(cfg, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    return toSignInTokens(tokens);
  }

  async refresh(refreshToken: string): Promise<SignInTokens> {
    return toSignInTokens(await client.refreshTokenGrant(await this.configuration(), refreshToken));
  }

  /** The realm's end-session URL; the realm ends its own session and returns to the console. */
  async logoutUrl(idToken: string | undefined): Promise<string> {
    const cfg = await this.configuration();
    const params: Record<string, string> = { post_logout_redirect_uri: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/`, client_id: this.config.OIDC_CLIENT_ID };
    if (idToken) params['id_token_hint'] = idToken;
    return client.buildEndSessionUrl(cfg, params).href;
  }

  private configuration(): Promise<client.Configuration> {
    if (!this.enabled) return Promise.reject(new ServiceUnavailableException('sign-in is not configured (OIDC_ISSUER)'));
    this.discovered ??= client
      .discovery(
        new URL(this.config.OIDC_ISSUER),
        this.config.OIDC_CLIENT_ID,
        { client_secret: this.config.OIDC_CLIENT_SECRET, id_token_signed_response_alg: this.config.OIDC_ALGORITHMS[0] ?? 'RS256' },
        client.ClientSecretBasic(this.config.OIDC_CLIENT_SECRET),
        // A plain-http realm is only acceptable for local runs and tests.
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- deliberate, for http issuers only
        this.config.OIDC_ISSUER.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((e: unknown) => {
        this.discovered = undefined;
        this.logger.warn(`realm discovery failed: ${e instanceof Error ? e.message : String(e)}`);
        throw new ServiceUnavailableException('the sign-in service (realm) is not reachable; try again shortly');
      });
    return this.discovered;
  }
}

function toSignInTokens(t: client.TokenEndpointResponse): SignInTokens {
  return { accessToken: t.access_token, refreshToken: t.refresh_token, idToken: t.id_token, expiresIn: t.expires_in ?? 60 };
}
