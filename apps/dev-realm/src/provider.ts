// The OpenID provider (oidc-provider 9) configured to behave like a Keycloak 26 realm: Keycloak's
// paths, clients, JWT access tokens with Keycloak's claims, password grant for the CLI client,
// refresh-token rotation and RP-initiated logout as Keycloak does them.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type Account,
  type ClientMetadata,
  type Configuration,
  errors,
  type Grant,
  interactionPolicy,
  type KoaContextWithOIDC,
  Provider,
  type ResourceServer,
  type TokenEndpointGrantContext,
} from 'oidc-provider';
import { type Logger } from 'pino';
import { API_AUDIENCE, keycloakCoreClaims, mappedServiceAccountClaims, mappedUserClaims, profileClaims, tokenScope } from './claims';
import { type DevRealmConfig } from './config';
import { type SigningKey } from './keys';
import { type MemoryStore } from './adapter';
import { errorPage, loggedOutPage, logoutConfirmPage, PAGE_CSP } from './pages';
import { type RealmDirectory } from './realm';

/**
 * oidc-provider's name for the API (resource indicators must be absolute URIs); tokens for it carry
 * `aud: "qinglian-api"`, the client id Keycloak's audience mapper writes. Clients never send it:
 * it is every token's default resource, as the audience mapper applies to every token in Keycloak.
 */
export const API_RESOURCE = 'urn:qinglian:api';

/** Scopes the realm knows (Keycloak: its client scopes as requested by name). */
export const SUPPORTED_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'organization']);

/** A person's default client scopes in deploy/keycloak (listed in every token's `scope`). */
export const PERSON_DEFAULT_SCOPES: readonly string[] = ['profile', 'email'];

/** Keycloak's defaults: SSO session idle 30 min / max 10 h, login timeout 30 min. */
const SESSION_IDLE_SECONDS = 30 * 60;
const SESSION_MAX_SECONDS = 10 * 60 * 60;
const LOGIN_TIMEOUT_SECONDS = 30 * 60;

/** Keycloak's endpoint paths below the realm. */
export function keycloakPaths(realm: string): { base: string; oidc: string; login: string } {
  return { base: `/realms/${realm}`, oidc: '/protocol/openid-connect', login: '/login-actions/authenticate' };
}

export interface ProviderOptions {
  readonly config: DevRealmConfig;
  readonly directory: RealmDirectory;
  readonly key: SigningKey;
  readonly store: MemoryStore;
  readonly logger: Logger;
}

export function createProvider({ config, directory, key, store, logger }: ProviderOptions): Provider {
  const { base, oidc, login } = keycloakPaths(config.realm);
  const realmName = directory.definition.displayName;

  const resourceServer = (): ResourceServer => ({
    scope: [...SUPPORTED_SCOPES].join(' '),
    audience: API_AUDIENCE,
    accessTokenFormat: 'jwt',
    accessTokenTTL: config.accessTokenTtl,
    jwt: { sign: { alg: 'RS256' } },
  });

  const findAccount = (_ctx: KoaContextWithOIDC, sub: string): Account | undefined => {
    const user = directory.userById(sub);
    if (!user) return undefined;
    return {
      accountId: user.id,
      // oidc-provider then keeps only what the scopes allow (see `claims` below).
      claims: (_use, scope) => ({ ...profileClaims(user, directory, { scopes: new Set(scope.split(' ')) }), sub: user.id }),
    };
  };

  const configuration: Configuration = {
    adapter: store.adapterFor,
    clients: clientMetadata(config, directory),
    jwks: { keys: [key.jwk] },
    cookies: {
      // Session cookies are only the realm's business: scope them to its path, as Keycloak does.
      long: { httpOnly: true, sameSite: 'lax', path: `${base}/` },
      short: { httpOnly: true, sameSite: 'lax' },
      // Sessions live in memory, so a per-process key loses nothing on restart.
      keys: [randomBytes(32).toString('base64url')],
    },
    routes: {
      authorization: `${oidc}/auth`,
      token: `${oidc}/token`,
      jwks: `${oidc}/certs`,
      userinfo: `${oidc}/userinfo`,
      end_session: `${oidc}/logout`,
      revocation: `${oidc}/revoke`,
      introspection: `${oidc}/token/introspect`,
      pushed_authorization_request: `${oidc}/ext/par/request`,
    },
    scopes: [...SUPPORTED_SCOPES],
    // The authorization code flow only (Keycloak clients here have implicit and hybrid flows off).
    responseTypes: ['code'],
    claims: {
      acr: null,
      sid: null,
      auth_time: null,
      // Keycloak's default client scopes (profile, email) are applied whatever was asked for.
      openid: ['sub', 'preferred_username', 'name', 'given_name', 'family_name', 'email', 'email_verified'],
      profile: ['preferred_username', 'name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
      // An optional client scope in Keycloak: the claim comes only when the scope is requested.
      organization: ['organization'],
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      dPoP: { enabled: false },
      introspection: { enabled: false },
      revocation: { enabled: true, allowedPolicy: (ctx, client, token) => Promise.resolve(token.clientId === client.clientId) },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.type = 'html';
          ctx.body = logoutConfirmPage(realmName, form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.set('content-security-policy', PAGE_CSP);
          ctx.type = 'html';
          ctx.body = loggedOutPage(realmName);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        // The token endpoint's `resource` is never sent by Keycloak clients: use what was granted.
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return resourceServer();
        },
      },
    },
    // Keycloak's `pkce.code.challenge.method=S256` on the console; no other client uses the code flow.
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    formats: {
      customizers: {
        jwt: (_ctx, token, jwt) => {
          // Keycloak's access tokens say `typ: "JWT"` in the header (RFC 9068's `at+jwt` is oidc-provider's).
          jwt.header = { typ: 'JWT' };
          const payload = jwt.payload as Record<string, unknown>;
          const requested = (token.scope ?? '').split(' ').filter(Boolean);
          if (token.kind === 'ClientCredentials') {
            const client = directory.client(token.clientId ?? '');
            if (client?.type !== 'service') throw new Error(`client ${String(token.clientId)} has no service account`);
            Object.assign(payload, keycloakCoreClaims(client.clientId, undefined), mappedServiceAccountClaims(client, directory));
            payload['sub'] = client.serviceAccountUserId;
            const scope = tokenScope(requested, SUPPORTED_SCOPES, []);
            if (scope === '') delete payload['scope'];
            else payload['scope'] = scope;
            return;
          }
          const user = directory.userById(token.accountId);
          if (!user) throw new Error(`account ${token.accountId} is not in the realm`);
          const scope = tokenScope(requested, SUPPORTED_SCOPES, PERSON_DEFAULT_SCOPES);
          Object.assign(payload, keycloakCoreClaims(token.clientId ?? '', token.sid), mappedUserClaims(user, directory, { scopes: new Set(scope.split(' ')) }));
          payload['scope'] = scope;
          // Keycloak writes `client_id` only into service-account tokens (its service_account scope).
          delete payload['client_id'];
        },
      },
    },
    findAccount,
    loadExistingGrant: (ctx) => implicitConsent(ctx),
    // Refresh tokens for the code flow and the password grant, without asking for offline_access (Keycloak).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every refresh returns a new refresh token; the previous one stays usable (see MemoryStore).
    rotateRefreshToken: true,
    interactions: {
      policy: loginOnlyPolicy(),
      url: (_ctx, interaction) => `${base}${login}/${interaction.uid}`,
    },
    ttl: {
      AccessToken: () => config.accessTokenTtl,
      ClientCredentials: () => config.accessTokenTtl,
      IdToken: () => config.accessTokenTtl,
      AuthorizationCode: () => 60,
      RefreshToken: () => SESSION_IDLE_SECONDS,
      Interaction: () => LOGIN_TIMEOUT_SECONDS,
      Session: () => SESSION_MAX_SECONDS,
      Grant: () => SESSION_MAX_SECONDS,
    },
    renderError: (ctx, out, error) => {
      if (!(error instanceof errors.OIDCProviderError) || error.statusCode >= 500) logger.error({ err: error }, 'request failed');
      ctx.type = 'html';
      ctx.set('content-security-policy', PAGE_CSP);
      ctx.body = errorPage(realmName, describeError(out.error), { error: out.error, ...(out.error_description ? { error_description: out.error_description } : {}) });
    },
  };

  const provider = new Provider(config.issuer, configuration);
  // X-Forwarded-* are honoured, so the realm can sit behind a proxy at DEV_REALM_URL.
  provider.proxy = true;
  alwaysIncludeSid(provider);
  provider.registerGrantType('password', (ctx) => passwordGrant(ctx, directory, resourceServer, findAccount), ['username', 'password', 'scope']);
  provider.on('server_error', (_ctx: unknown, err: Error) => logger.error({ err }, 'server error'));
  provider.on('grant.error', (_ctx: unknown, err: Error) => logger.debug({ err: err.message }, 'token request refused'));
  provider.on('authorization.error', (_ctx: unknown, err: Error) => logger.debug({ err: err.message }, 'authorization request refused'));
  return provider;
}

/** Static clients from the realm data; secrets and console URLs from the configuration. */
function clientMetadata(config: DevRealmConfig, directory: RealmDirectory): ClientMetadata[] {
  const clients: ClientMetadata[] = [];
  for (const c of directory.clients) {
    switch (c.type) {
      case 'console':
        clients.push({
          client_id: c.clientId,
          client_name: c.name,
          client_secret: config.consoleSecret,
          token_endpoint_auth_method: 'client_secret_basic', // client_secret_post is accepted as well
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: config.consoleUrls.map((u) => `${u}/auth/callback`),
          post_logout_redirect_uris: config.consoleUrls.map((u) => `${u}/`),
          scope: [...SUPPORTED_SCOPES].join(' '),
        });
        break;
      case 'cli':
        clients.push({
          client_id: c.clientId,
          client_name: c.name,
          token_endpoint_auth_method: 'none',
          grant_types: ['password', 'refresh_token'],
          response_types: [],
          redirect_uris: [],
          scope: [...SUPPORTED_SCOPES].join(' '),
        });
        break;
      case 'service':
        clients.push({
          client_id: c.clientId,
          client_name: c.name,
          client_secret: config.serviceSecret,
          token_endpoint_auth_method: 'client_secret_basic',
          grant_types: ['client_credentials'],
          response_types: [],
          redirect_uris: [],
        });
        break;
      case 'api':
        break; // a resource only (Keycloak: bearer-only); it obtains no tokens
    }
  }
  return clients;
}

/**
 * Keycloak writes the user session id (`sid`) into every ID and access token; oidc-provider only when a
 * client uses back-channel logout. Its per-provider Client class decides that in `includeSid()` —
 * an internal method, hence the check, so that an upgrade that drops it fails at start, not silently.
 */
function alwaysIncludeSid(provider: Provider): void {
  const prototype = (provider.Client as unknown as { prototype: { includeSid?: () => boolean } }).prototype;
  if (typeof prototype.includeSid !== 'function') throw new Error('oidc-provider changed: Client#includeSid is gone (see alwaysIncludeSid)');
  prototype.includeSid = () => true;
}

/** Login is the only prompt: consent is implicit for these first-party clients (Keycloak: consent off). */
function loginOnlyPolicy(): interactionPolicy.Prompt[] {
  const policy = interactionPolicy.base();
  policy.remove('consent');
  return policy;
}

/**
 * The grant of a signed-in person, widened to whatever the request asks for among the realm's scopes:
 * with consent off, Keycloak grants a first-party client what it requests without asking.
 */
async function implicitConsent(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, session, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant = existing ?? new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  const scopes = [...ctx.oidc.requestParamScopes].filter((s) => SUPPORTED_SCOPES.has(s));
  grant.addOIDCScope(scopes);
  grant.addResourceScope(API_RESOURCE, scopes);
  await grant.save();
  return grant;
}

/**
 * Resource owner password credentials — Keycloak's "direct access grants" — for the CLI client:
 * access token, refresh token and (with `openid`) an ID token, in a user session of its own.
 */
async function passwordGrant(
  ctx: TokenEndpointGrantContext<{ username?: string; password?: string }>,
  directory: RealmDirectory,
  resourceServer: () => ResourceServer,
  findAccount: (ctx: KoaContextWithOIDC, sub: string) => Account | undefined,
): Promise<void> {
  const { client, params, provider } = ctx.oidc;
  const username = params.username ?? '';
  const password = params.password ?? '';
  if (username === '' || password === '') throw new errors.InvalidRequest('username and password are required');
  const user = directory.authenticate(username, password);
  if (!user) {
    // Keycloak's answer, word for word.
    ctx.status = 401;
    ctx.body = { error: 'invalid_grant', error_description: 'Invalid user credentials' };
    return;
  }
  const requested = (params.scope ?? '').split(' ').filter((s) => SUPPORTED_SCOPES.has(s));
  const scope = [...new Set(requested)].join(' ');
  const grant = new provider.Grant({ accountId: user.id, clientId: client.clientId });
  grant.addOIDCScope(scope);
  grant.addResourceScope(API_RESOURCE, scope);
  const grantId = await grant.save();
  // Keycloak opens a user session for a direct grant; its id is the tokens' `sid`.
  const sid = randomUUID();

  const at = new provider.AccessToken({ accountId: user.id, client, grantId, gty: 'password', scope, sid });
  at.resourceServer = new provider.ResourceServer(API_RESOURCE, resourceServer());
  ctx.oidc.entity('AccessToken', at);
  const accessToken = await at.save();

  let refreshToken: string | undefined;
  if (client.grantTypeAllowed('refresh_token')) {
    const rt = new provider.RefreshToken({ accountId: user.id, client, grantId, gty: 'password', scope, sid, resource: API_RESOURCE, rotations: 0, expiresWithSession: false });
    ctx.oidc.entity('RefreshToken', rt);
    refreshToken = await rt.save();
  }

  let idToken: string | undefined;
  if (requested.includes('openid')) {
    const account = findAccount(ctx, user.id);
    if (!account) throw new errors.InvalidGrant('account not found');
    ctx.oidc.entity('Account', account);
    const token = new provider.IdToken({ ...(await account.claims('id_token', scope, {}, [])), sub: user.id }, { ctx });
    // What the claims are filtered by (oidc-provider reads it; its typings leave it out).
    Object.assign(token, { scope });
    token.set('sid', sid);
    idToken = await token.issue({ use: 'idtoken' });
  }

  ctx.body = {
    access_token: accessToken,
    expires_in: at.expiration,
    ...(refreshToken ? { refresh_token: refreshToken, refresh_expires_in: SESSION_IDLE_SECONDS } : {}),
    token_type: 'Bearer',
    ...(idToken ? { id_token: idToken } : {}),
    'not-before-policy': 0,
    session_state: sid,
    scope: tokenScope(requested, SUPPORTED_SCOPES, PERSON_DEFAULT_SCOPES),
  };
}

function describeError(code: string): string {
  switch (code) {
    case 'invalid_request':
      return '请求无效，请返回应用重新登录。';
    case 'invalid_client':
    case 'unauthorized_client':
      return '应用未获授权使用本认证服务。';
    case 'access_denied':
      return '访问被拒绝。';
    case 'login_required':
    case 'interaction_required':
      return '需要重新登录。';
    default:
      return '认证服务无法完成此请求，请返回应用重试。';
  }
}
