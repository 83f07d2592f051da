// The built dev realm as a real process, spoken to over HTTP only — the way the gateway (openid-client,
// jose) and scripts (libs/testing's sign-in helpers) speak to it and to Keycloak.
import { type AppProcess, clientCredentialsToken, freePort, HttpBrowser, passwordGrantToken, SignInError, signIn, spawnApp, waitForHttp } from '@qinglian/testing';
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';

const PASSWORD = 'Qinglian@2026';
const CONSOLE_SECRET = 'qinglian-console-dev-secret';
const SERVICE_SECRET = 'qinglian-service-dev-secret';
const GY_SASAC = '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f01';
const GY_CAPITAL = '6a1f0c3e-2b8d-4f57-9e21-5c0d7a4b9f02';
/** Jest's matcher, typed for object literals. */
const anyString = expect.any(String) as unknown as string;

type Tokens = Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;

interface Realm {
  readonly proc: AppProcess;
  readonly baseUrl: string;
  readonly issuer: string;
}

async function startRealm(env: NodeJS.ProcessEnv): Promise<Realm> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = spawnApp('dev-realm', { env: { PORT: String(port), DEV_REALM_URL: baseUrl, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env }, telemetry: false });
  await waitForHttp(`${baseUrl}/health/ready`, { process: proc });
  return { proc, baseUrl, issuer: `${baseUrl}/realms/${env['DEV_REALM_REALM'] ?? 'qinglian'}` };
}

/**
 * The gateway's half of the console sign-in, as small as it gets: openid-client with authorization
 * code + PKCE, a session cookie named like the gateway's, and the tokens kept for the tests to inspect.
 */
class ConsoleDouble {
  readonly sessions = new Map<string, Tokens>();
  callbacks = 0;
  private readonly pending = new Map<string, { verifier: string; state: string; nonce: string }>();
  private server: Server | undefined;
  private config: oidc.Configuration | undefined;

  constructor(
    readonly url: string,
    private readonly issuer: string,
  ) {}

  async start(): Promise<void> {
    this.config = await oidc.discovery(new URL(this.issuer), 'qinglian-console', CONSOLE_SECRET, oidc.ClientSecretBasic(CONSOLE_SECRET), {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the test realm is plain http
      execute: [oidc.allowInsecureRequests],
    });
    this.server = createServer((req, res) => {
      this.handle(req.url ?? '/', req.headers.cookie ?? '').then(
        ({ status, headers, body }) => {
          res.writeHead(status, headers);
          res.end(body);
        },
        (e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(e));
        },
      );
    });
    const { port } = new URL(this.url);
    await new Promise<void>((resolve) => this.server?.listen(Number(port), '127.0.0.1', resolve));
  }

  get configuration(): oidc.Configuration {
    if (!this.config) throw new Error('not started');
    return this.config;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }

  tokensOf(cookie: string): Tokens {
    const id = /qinglian_session=([^;]+)/.exec(cookie)?.[1];
    const tokens = id ? this.sessions.get(id) : undefined;
    if (!tokens) throw new Error(`no console session for ${cookie}`);
    return tokens;
  }

  private async handle(path: string, cookie: string): Promise<{ status: number; headers: Record<string, string>; body?: string }> {
    const url = new URL(path, this.url);
    if (url.pathname === '/auth/login') {
      const id = randomBytes(8).toString('hex');
      const checks = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
      this.pending.set(id, checks);
      const target = oidc.buildAuthorizationUrl(this.configuration, {
        redirect_uri: `${this.url}/auth/callback`,
        scope: 'openid profile organization',
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { status: 302, headers: { location: target.href, 'set-cookie': `console_login=${id}; Path=/auth; HttpOnly; SameSite=Lax` } };
    }
    if (url.pathname === '/auth/callback') {
      this.callbacks++;
      const checks = this.pending.get(/console_login=([^;]+)/.exec(cookie)?.[1] ?? '');
      if (!checks) return { status: 400, headers: {}, body: 'no sign-in in progress' };
      const tokens = await oidc.authorizationCodeGrant(this.configuration, url, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const session = randomBytes(16).toString('hex');
      this.sessions.set(session, tokens);
      return { status: 302, headers: { location: '/', 'set-cookie': `qinglian_session=${session}; Path=/; HttpOnly; SameSite=Lax` } };
    }
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'console' };
  }
}

describe('dev realm (a real process, over HTTP)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'dev-realm-'));
  const keyFile = join(scratch, 'keys', 'realm-key.json');
  let realm: Realm;
  let console_: ConsoleDouble;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  const verify = async (token: string, issuer = realm.issuer): Promise<JWTPayload> =>
    (await jwtVerify(token, jwks, { issuer, audience: 'qinglian-api', algorithms: ['RS256'] })).payload;

  beforeAll(async () => {
    const consoleUrl = `http://127.0.0.1:${await freePort()}`;
    realm = await startRealm({ DEV_REALM_CONSOLE_URLS: consoleUrl, DEV_REALM_KEY_FILE: keyFile });
    console_ = new ConsoleDouble(consoleUrl, realm.issuer);
    await console_.start();
    jwks = createRemoteJWKSet(new URL(`${realm.issuer}/protocol/openid-connect/certs`));
  });

  afterAll(async () => {
    await console_.stop();
    await realm.proc.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('says at start that it is for local runs and tests only, and keeps its signing key in DEV_REALM_KEY_FILE', async () => {
    expect(realm.proc.output).toContain('development realm — for local runs and tests only');
    const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { kid: string; d?: string };
    const certs = (await (await fetch(`${realm.issuer}/protocol/openid-connect/certs`)).json()) as { keys: { kid: string; d?: string; alg: string }[] };
    expect(certs.keys).toEqual([expect.objectContaining({ kid: key.kid, alg: 'RS256', kty: 'RSA', use: 'sig' })]);
    expect(certs.keys[0]?.d).toBeUndefined();
  });

  it("publishes Keycloak's discovery document and endpoints", async () => {
    const res = await fetch(`${realm.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    const oidcBase = `${realm.issuer}/protocol/openid-connect`;
    expect(doc).toMatchObject({
      issuer: realm.issuer,
      authorization_endpoint: `${oidcBase}/auth`,
      token_endpoint: `${oidcBase}/token`,
      jwks_uri: `${oidcBase}/certs`,
      userinfo_endpoint: `${oidcBase}/userinfo`,
      end_session_endpoint: `${oidcBase}/logout`,
      revocation_endpoint: `${oidcBase}/revoke`,
    });
    expect(doc['code_challenge_methods_supported']).toEqual(['S256']);
    expect(doc['grant_types_supported']).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials', 'password']));
    expect(doc['id_token_signing_alg_values_supported']).toContain('RS256');
    expect(doc['scopes_supported']).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'organization']));
    const info = (await (await fetch(realm.issuer)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ realm: 'qinglian', 'token-service': oidcBase });
  });

  it('shows a Chinese login page with the fields Keycloak has', async () => {
    const page = await new HttpBrowser().follow(`${console_.url}/auth/login`, console_.url);
    expect(page.status).toBe(200);
    expect(page.url.href.startsWith(`${realm.issuer}/login-actions/authenticate/`)).toBe(true);
    expect(page.body).toContain('lang="zh-CN"');
    for (const text of ['用户名', '密码', '登录', 'id="username"', 'name="username"', 'id="password"', 'name="password"', 'id="kc-login"', 'type="submit"']) {
      expect(page.body).toContain(text);
    }
  });

  it('signs a person in with authorization code + PKCE through the login form; the access token verifies against the certs with issuer, audience and RS256 pinned', async () => {
    const signedIn = await signIn(console_.url, 'gzw-admin', PASSWORD);
    const tokens = console_.tokensOf(signedIn.cookie);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: anyString });
    const claims = await verify(tokens.access_token);
    expect(claims).toMatchObject({
      iss: realm.issuer,
      sub: '3e8b1f52-6c0a-4d97-b2e4-100000000101',
      aud: 'qinglian-api',
      azp: 'qinglian-console',
      typ: 'Bearer',
      sid: anyString,
      jti: anyString,
      preferred_username: 'gzw-admin',
      name: '刘洋',
      given_name: '洋',
      family_name: '刘',
      email: 'gzw-admin@gy-sasac.example',
      organization: { 'gy-sasac': { id: GY_SASAC } },
    });
    expect(claims['realm_access']).toEqual({ roles: ['tenant-admin'] });
    expect((claims['scope'] as string).split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'organization']));
    expect(claims['client_id']).toBeUndefined();
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);

    // The ID token (validated by openid-client: nonce, issuer, audience) and userinfo carry the profile.
    expect(tokens.claims()).toMatchObject({ sub: claims.sub, sid: claims['sid'], preferred_username: 'gzw-admin', name: '刘洋', organization: { 'gy-sasac': { id: GY_SASAC } } });
    const userinfo = await oidc.fetchUserInfo(console_.configuration, tokens.access_token, claims.sub ?? '');
    expect(userinfo).toMatchObject({ sub: claims.sub, preferred_username: 'gzw-admin', name: '刘洋', organization: { 'gy-sasac': { id: GY_SASAC } } });
  });

  it('answers a wrong password with the error on the login page and no code', async () => {
    const browser = new HttpBrowser();
    const page = await browser.follow(`${console_.url}/auth/login`, console_.url);
    const action = /action="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const callbacksBefore = console_.callbacks;
    const res = await fetch(new URL(action, page.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookieHeader(new URL(action, page.url)) },
      body: new URLSearchParams({ username: 'gzw-admin', password: 'wrong-password' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    const body = await res.text();
    expect(body).toContain('用户名或密码错误');
    expect(body).not.toContain('code=');
    await expect(signIn(console_.url, 'gzw-admin', 'wrong-password')).rejects.toThrow(new SignInError('the realm refused the sign-in of gzw-admin: 用户名或密码错误'));
    expect(console_.callbacks).toBe(callbacksBefore);
  });

  it('requires PKCE (S256) of the console', async () => {
    const url = oidc.buildAuthorizationUrl(console_.configuration, { redirect_uri: `${console_.url}/auth/callback`, scope: 'openid', state: 'x' });
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '', url);
    expect(location.origin + location.pathname).toBe(`${console_.url}/auth/callback`);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it("issues a service account's token bound to its tenant (client credentials)", async () => {
    const token = await clientCredentialsToken(realm.issuer, 'qinglian-svc-gy-capital', SERVICE_SECRET);
    const claims = await verify(token);
    expect(claims).toMatchObject({
      sub: '9c4d2e7a-1b3f-4a6c-8d5e-7f0a1b2c3d02',
      azp: 'qinglian-svc-gy-capital',
      client_id: 'qinglian-svc-gy-capital',
      typ: 'Bearer',
      preferred_username: 'service-account-qinglian-svc-gy-capital',
      organization: { 'gy-capital': { id: GY_CAPITAL } },
    });
    expect(claims['sid']).toBeUndefined();
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain('tenant-admin');
    await expect(clientCredentialsToken(realm.issuer, 'qinglian-svc-gy-capital', 'not-the-secret')).rejects.toThrow(/HTTP 401/);
  });

  it('lets qinglian-cli use the password grant (and nobody else)', async () => {
    const claims = await verify(await passwordGrantToken(realm.issuer, 'capital-handler', PASSWORD));
    expect(claims).toMatchObject({ azp: 'qinglian-cli', preferred_username: 'capital-handler', organization: { 'gy-capital': { id: GY_CAPITAL } } });
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain('handler');
    await expect(passwordGrantToken(realm.issuer, 'capital-handler', 'wrong')).rejects.toThrow(/HTTP 401 .*invalid_grant/);
    await expect(passwordGrantToken(realm.issuer, 'capital-handler', PASSWORD, 'qinglian-console')).rejects.toThrow(/HTTP 40[01]/);
  });

  it('gives nobody (a person in no organization) no organization claim', async () => {
    const claims = await verify(await passwordGrantToken(realm.issuer, 'nobody', PASSWORD));
    expect(claims['preferred_username']).toBe('nobody');
    expect(claims).not.toHaveProperty('organization');
  });

  it('refreshes the console session with a new refresh token each time (the previous one stays usable, as in Keycloak)', async () => {
    const tokens = console_.tokensOf((await signIn(console_.url, 'gzw-inspector', PASSWORD)).cookie);
    const first = tokens.refresh_token ?? '';
    const refreshed = await oidc.refreshTokenGrant(console_.configuration, first);
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(first);
    const claims = await verify(refreshed.access_token);
    expect(claims).toMatchObject({ preferred_username: 'gzw-inspector', azp: 'qinglian-console', organization: { 'gy-sasac': { id: GY_SASAC } } });
    expect((claims['realm_access'] as { roles: string[] }).roles).toContain('supervisor-inspector');
    await verify((await oidc.refreshTokenGrant(console_.configuration, refreshed.refresh_token ?? '')).access_token);
    await verify((await oidc.refreshTokenGrant(console_.configuration, first)).access_token);
  });

  it('ends the realm session at logout (id_token_hint: no prompt) and returns to the console; the next sign-in shows the login page again', async () => {
    const browser = new HttpBrowser();
    const tokens = console_.tokensOf((await signIn(console_.url, 'gzw-leader', PASSWORD, browser)).cookie);
    // While the realm session lives, a new sign-in needs no password.
    expect((await browser.follow(`${console_.url}/auth/login`, console_.url)).reachedCallback).toBe(true);

    const logoutUrl = oidc.buildEndSessionUrl(console_.configuration, {
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: `${console_.url}/`,
      client_id: 'qinglian-console',
      state: 'bye',
    });
    const res = await fetch(logoutUrl, { headers: { cookie: browser.cookieHeader(logoutUrl) }, redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${console_.url}/?state=bye`);
    // The browser forgets the realm's session cookie.
    expect(res.headers.getSetCookie().some((c) => /^_session=;/.test(c))).toBe(true);

    const again = await browser.follow(`${console_.url}/auth/login`, console_.url);
    expect(again.reachedCallback).toBe(false);
    expect(again.body).toContain('id="kc-login"');
    // The session's grant is gone with it: its refresh token no longer works.
    await expect(oidc.refreshTokenGrant(console_.configuration, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('asks before logging out when there is no id_token_hint', async () => {
    const browser = new HttpBrowser();
    await signIn(console_.url, 'gzw-member', PASSWORD, browser);
    const url = new URL(`${realm.issuer}/protocol/openid-connect/logout`);
    url.searchParams.set('client_id', 'qinglian-console');
    url.searchParams.set('post_logout_redirect_uri', `${console_.url}/`);
    const res = await fetch(url, { headers: { cookie: browser.cookieHeader(url) }, redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('您确定要退出登录吗');
  });

  it('honours DEV_REALM_ACCESS_TOKEN_TTL; a realm with another name shares the key file but not the issuer', async () => {
    const other = await startRealm({ DEV_REALM_ACCESS_TOKEN_TTL: '120', DEV_REALM_REALM: 'other', DEV_REALM_KEY_FILE: keyFile });
    try {
      const token = await passwordGrantToken(other.issuer, 'gzw-handler', PASSWORD);
      // Same key as the main realm (one key file), so only the pinned issuer tells the tokens apart.
      const claims = await verify(token, other.issuer);
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
      await expect(verify(token)).rejects.toBeInstanceOf(joseErrors.JWTClaimValidationFailed);
    } finally {
      await other.proc.stop();
    }
  });

  it('refuses to start with NODE_ENV=production, and names every bad variable', async () => {
    const production = spawnApp('dev-realm', { env: { NODE_ENV: 'production', PORT: String(await freePort()) }, telemetry: false });
    expect((await production.waitForExit(15_000)).code).toBe(1);
    expect(production.output).toContain('refuses to start with NODE_ENV=production');
    expect(production.output).not.toContain('realm ready');

    const bad = spawnApp('dev-realm', { env: { NODE_ENV: 'test', PORT: 'eighty', DEV_REALM_ACCESS_TOKEN_TTL: '0', DEV_REALM_CONSOLE_URLS: 'not a url' }, telemetry: false });
    expect((await bad.waitForExit(15_000)).code).toBe(1);
    for (const variable of ['PORT:', 'DEV_REALM_ACCESS_TOKEN_TTL:', 'DEV_REALM_CONSOLE_URLS:']) expect(bad.output).toContain(variable);
  });
});
