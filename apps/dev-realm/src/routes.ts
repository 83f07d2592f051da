// Koa middleware in front of oidc-provider's router (`provider.use`): the login page, and the places
// where Keycloak behaves differently from oidc-provider's defaults. Paths are below the realm's mount
// (`/realms/<realm>`), which the HTTP server strips before oidc-provider sees the request.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { errors, type KoaContextWithOIDC, type Provider } from 'oidc-provider';
import { type Logger } from 'pino';
import { profileClaims } from './claims';
import { type DevRealmConfig } from './config';
import { type SigningKey } from './keys';
import { errorPage, loginPage, PAGE_CSP } from './pages';
import { keycloakPaths } from './provider';
import { type RealmDirectory } from './realm';

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => Promise<void>;

export interface RouteOptions {
  readonly config: DevRealmConfig;
  readonly directory: RealmDirectory;
  readonly key: SigningKey;
  readonly logger: Logger;
}

/** Installs the realm's own routes on the provider (they run before oidc-provider's router). */
export function installRoutes(provider: Provider, options: RouteOptions): void {
  provider.use(realmInfo(options));
  provider.use(loginActions(provider, options));
  provider.use(userinfo(options));
  provider.use(logoutWithoutPrompt(provider, options));
}

const WRONG_CREDENTIALS = '用户名或密码错误';
const LOGIN_EXPIRED = '登录已过期或无效，请返回应用重新登录。';

function pageHeaders(ctx: KoaContextWithOIDC): void {
  ctx.set('cache-control', 'no-store');
  ctx.set('content-security-policy', PAGE_CSP);
  ctx.set('x-frame-options', 'DENY');
  ctx.set('x-content-type-options', 'nosniff');
  ctx.set('referrer-policy', 'no-referrer');
  ctx.type = 'html';
}

/**
 * The login page of an interaction, `/login-actions/authenticate/<uid>`: GET shows the form, POST checks
 * the credentials and hands the result back to oidc-provider, which then issues the code.
 */
function loginActions(provider: Provider, { directory, config, logger }: RouteOptions): Middleware {
  const { base, login } = keycloakPaths(config.realm);
  const prefix = `${login}/`;
  const realmName = directory.definition.displayName;
  return async (ctx, next) => {
    if (!ctx.path.startsWith(prefix)) {
      await next();
      return;
    }
    const uid = ctx.path.slice(prefix.length);
    pageHeaders(ctx);
    if (ctx.method !== 'GET' && ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.set('allow', 'GET, POST');
      ctx.body = errorPage(realmName, '不支持的请求方法。', {});
      return;
    }
    let interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
    } catch (e) {
      if (!(e instanceof errors.SessionNotFound)) throw e;
      interaction = undefined;
    }
    if (interaction?.uid !== uid || interaction.prompt.name !== 'login') {
      ctx.status = 400;
      ctx.body = errorPage(realmName, LOGIN_EXPIRED, {});
      return;
    }
    const clientId = typeof interaction.params['client_id'] === 'string' ? interaction.params['client_id'] : '';
    const clientName = directory.client(clientId)?.name;
    const action = `${base}${login}/${uid}`;

    if (ctx.method === 'GET') {
      const hint = interaction.params['login_hint'];
      ctx.body = loginPage({ realmName, action, ...(clientName ? { clientName } : {}), ...(typeof hint === 'string' ? { username: hint } : {}) });
      return;
    }

    const form = await readForm(ctx);
    const username = form.get('username') ?? '';
    const user = directory.authenticate(username, form.get('password') ?? '');
    if (!user) {
      logger.info({ username, clientId }, 'sign-in refused: wrong user name or password');
      // Keycloak answers a failed sign-in with the form again (HTTP 200) and the message.
      ctx.body = loginPage({ realmName, action, ...(clientName ? { clientName } : {}), username, error: WRONG_CREDENTIALS });
      return;
    }
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId: user.id, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
    logger.info({ username: user.username, clientId }, 'signed in');
    ctx.status = 302;
    ctx.redirect(returnTo);
  };
}

/**
 * Userinfo for the realm's own (JWT) access tokens, as Keycloak answers it. oidc-provider's userinfo
 * serves only opaque tokens without an audience, and the realm issues neither.
 */
function userinfo({ config, directory, key }: RouteOptions): Middleware {
  const { oidc } = keycloakPaths(config.realm);
  const path = `${oidc}/userinfo`;
  const publicKey: KeyObject = createPublicKey(key.privateKey);
  return async (ctx, next) => {
    if (ctx.path !== path || (ctx.method !== 'GET' && ctx.method !== 'POST')) {
      await next();
      return;
    }
    ctx.set('cache-control', 'no-store');
    const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
    const refuse = (description: string): void => {
      ctx.status = 401;
      ctx.set('www-authenticate', `Bearer realm="${config.realm}", error="invalid_token", error_description="${description}"`);
      ctx.body = { error: 'invalid_token', error_description: description };
    };
    if (!match?.[1]) {
      refuse('Token not provided');
      return;
    }
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(match[1], publicKey, { issuer: config.issuer, algorithms: ['RS256'] }));
    } catch {
      refuse('Token verification failed');
      return;
    }
    if (claims['typ'] !== 'Bearer' || typeof claims['sub'] !== 'string') {
      refuse('Token is not an access token');
      return;
    }
    const scopes = new Set(typeof claims['scope'] === 'string' ? claims['scope'].split(' ') : []);
    const user = directory.userById(claims['sub']);
    if (user) {
      ctx.body = profileClaims(user, directory, { scopes });
      return;
    }
    const service = directory.serviceClients().find((c) => c.serviceAccountUserId === claims['sub']);
    if (service) {
      ctx.body = { sub: service.serviceAccountUserId, preferred_username: `service-account-${service.clientId}` };
      return;
    }
    refuse('User not found');
  };
}

/**
 * RP-initiated logout with an `id_token_hint` ends the session at once and returns to the registered
 * `post_logout_redirect_uri`, as Keycloak does; without a hint the confirmation page stays. oidc-provider
 * has already validated the hint, the client and the redirect URI when its handler returns 200.
 */
function logoutWithoutPrompt(provider: Provider, { config, logger }: RouteOptions): Middleware {
  const cookiePath = `${keycloakPaths(config.realm).base}/`;
  return async (ctx, next) => {
    await next();
    if ((ctx as { _matchedRouteName?: string })._matchedRouteName !== 'end_session' || ctx.status !== 200) return;
    const { oidc } = ctx;
    const session = oidc.session;
    if (!oidc.entities.IdTokenHint || !session) return;
    const state = (session.state ?? {}) as { postLogoutRedirectUri?: string; state?: string };
    // Everything the session holds goes: codes, refresh tokens and the grants themselves.
    for (const { grantId } of Object.values(session.authorizations ?? {})) {
      if (!grantId) continue;
      await provider.AccessToken.revokeByGrantId(grantId); // our store drops every token of the grant
      await (await provider.Grant.find(grantId))?.destroy();
    }
    const accountId = session.accountId;
    await session.destroy();
    oidc.cookies.set(provider.cookieName('session'), null, { path: cookiePath, overwrite: true });
    logger.info({ sub: accountId }, 'signed out');
    let target = oidc.urlFor('end_session_success');
    if (state.postLogoutRedirectUri) {
      const url = new URL(state.postLogoutRedirectUri);
      if (state.state !== undefined) url.searchParams.set('state', state.state);
      target = url.href;
    }
    ctx.status = 302;
    ctx.redirect(target);
  };
}

/** `GET /realms/<realm>`: Keycloak's public realm description. */
function realmInfo({ config, key }: RouteOptions): Middleware {
  const publicKey = createPublicKey(key.privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  return async (ctx, next) => {
    if (ctx.path !== '/' || ctx.method !== 'GET') {
      await next();
      return;
    }
    ctx.body = {
      realm: config.realm,
      public_key: publicKey,
      'token-service': `${config.issuer}/protocol/openid-connect`,
      'account-service': `${config.issuer}/account`,
      'tokens-not-before': 0,
    };
  };
}

const FORM_LIMIT = 16 * 1024;

async function readForm(ctx: KoaContextWithOIDC): Promise<URLSearchParams> {
  if (!ctx.is('application/x-www-form-urlencoded')) return new URLSearchParams();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT) ctx.throw(413, 'form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
