import { type AppProcess, freePort, passwordGrantToken, signIn, spawnApp, waitForHttp } from '@qinglian/testing';
import { DEMO_PASSWORD, demoRealm, DEV_CONSOLE_SECRET, type Platform, startPlatform, startRealm } from './platform';

/**
 * The auth matrix with real tokens from the dev realm (a real OpenID provider, signing with RS256) and
 * the gateway and power-list as real processes. Access tokens live 3 s here, so expiry and session
 * refresh can be shown without waiting long.
 */
const TOKEN_TTL = 3;

function tenantId(alias: string): string {
  const t = demoRealm().tenants.find((x) => x.alias === alias);
  if (!t) throw new Error(`demo tenant ${alias} is missing`);
  return t.id;
}

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('sign-in and authorization through the gateway', () => {
  let platform: Platform;
  let realmUrl: string;
  const token = (username: string): Promise<string> => passwordGrantToken(realmUrl, username, DEMO_PASSWORD);
  const api = (path: string, init: RequestInit & { token?: string; tenant?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.tenant) headers.set('x-qinglian-tenant', init.tenant);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers, redirect: 'manual' });
  };

  /** A second gateway on the same realm and services, configured differently. */
  async function otherGateway(env: NodeJS.ProcessEnv): Promise<{ url: string; proc: AppProcess }> {
    const port = await freePort();
    const proc = spawnApp('gateway', {
      env: {
        NATS_URL: platform.serviceEnv('power-list')['NATS_URL'],
        PORT: String(port),
        OIDC_ISSUER: realmUrl,
        OIDC_CLIENT_SECRET: DEV_CONSOLE_SECRET,
        SESSION_BUCKET: platform.sessionBucket,
        OTEL_TRACES_EXPORTER: 'none',
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health/ready`, { process: proc }).catch(async (e: unknown) => {
      await proc.stop('SIGKILL');
      throw e;
    });
    return { url, proc };
  }

  /** Creates an org unit and a power item in the caller's tenant; returns the item's id. */
  async function createItem(accessToken: string, code: string): Promise<string> {
    const unit = await api('/api/v1/org-units', { method: 'POST', token: accessToken, body: JSON.stringify({ code: `U-${code}`, name: '产权科' }) });
    expect(unit.status).toBe(201);
    const item = await api('/api/v1/power-items', {
      method: 'POST',
      token: accessToken,
      body: JSON.stringify({ code, name: '市属国有企业产权（股权）处置等审核', category: '产权', handlingUnitCode: `U-${code}`, legalBasis: [{ title: '《企业国有资产交易监督管理办法》' }] }),
    });
    expect(item.status).toBe(201);
    return ((await item.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    platform = await startPlatform({
      services: ['power-list'],
      realm: { env: { DEV_REALM_ACCESS_TOKEN_TTL: String(TOKEN_TTL) } },
      gatewayEnv: { GATEWAY_DEV_AUTH: 'false', OIDC_CLOCK_TOLERANCE_SECONDS: '0' },
    });
    realmUrl = platform.realmUrl!;
  }, 120_000);

  afterAll(async () => {
    await platform.stop();
  });

  describe('bearer tokens', () => {
    it('accepts a valid token from the realm', async () => {
      const res = await api('/api/v1/power-items', { token: await token('capital-admin') });
      expect(res.status).toBe(200);
    });

    it('refuses an expired token with 401', async () => {
      const expired = await token('capital-admin');
      await new Promise((r) => setTimeout(r, (TOKEN_TTL + 1.2) * 1000));
      const res = await api('/api/v1/power-items', { token: expired });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { detail: string }).detail).toBe('the token has expired');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="qinglian", error="invalid_token"/);
    });

    it('refuses a token from another issuer signed with the same key with 401', async () => {
      const other = await startRealm({ keyFile: platform.realmKeyFile!, consoleUrl: platform.gatewayUrl, env: { DEV_REALM_REALM: 'other' } });
      try {
        const foreign = await passwordGrantToken(other.issuer, 'capital-admin', DEMO_PASSWORD);
        const res = await api('/api/v1/power-items', { token: foreign });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { detail: string }).detail).toMatch(/iss/);
      } finally {
        await other.proc.stop('SIGTERM');
      }
    });

    it('refuses a token whose signature does not verify with 401', async () => {
      const [h, p, sig] = (await token('capital-handler')).split('.') as [string, string, string];
      const flipped = `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`;
      // A handler promoting itself: the payload changes, the realm's signature stays.
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const promoted = b64url({ ...claims, realm_access: { roles: ['handler', 'tenant-admin'] } });
      expect(promoted).not.toBe(p);
      for (const bad of [`${h}.${p}.${flipped}`, `${h}.${promoted}.${sig}`]) {
        const res = await api('/api/v1/power-items', { token: bad });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { detail: string }).detail).toBe('the token signature does not verify');
      }
    });

    it('refuses an unsigned token (alg: none) with 401', async () => {
      const [, p] = (await token('capital-admin')).split('.') as [string, string];
      const res = await api('/api/v1/power-items', { token: `${b64url({ alg: 'none', typ: 'JWT' })}.${p}.` });
      expect(res.status).toBe(401);
    });

    it('refuses a token for another audience with 401', async () => {
      const strict = await otherGateway({ OIDC_AUDIENCE: 'some-other-api' });
      try {
        const res = await fetch(`${strict.url}/api/v1/power-items`, { headers: { authorization: `Bearer ${await token('capital-admin')}` } });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { detail: string }).detail).toMatch(/aud/);
      } finally {
        await strict.proc.stop('SIGTERM');
      }
    });

    it('refuses a person in no organization (no tenant) with 401', async () => {
      const res = await api('/api/v1/power-items', { token: await token('nobody') });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/no organization/);
    });

    it('refuses a malformed Authorization header and a missing credential with 401', async () => {
      expect((await api('/api/v1/power-items', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
      expect((await api('/api/v1/power-items')).status).toBe(401);
    });

    it('refuses the development header because the flag is off', async () => {
      const res = await api('/api/v1/power-items', { headers: { 'x-qinglian-dev-caller': JSON.stringify({ tenantId: tenantId('gy-capital'), userId: 'x', roles: ['tenant-admin'] }) } });
      expect(res.status).toBe(401);
    });
  });

  describe('roles and tenants', () => {
    let transportItem: string;

    beforeAll(async () => {
      transportItem = await createItem(await token('transport-admin'), 'JT-001');
    });

    it('answers 403 for a valid token without the permission, and creates nothing', async () => {
      const handler = await token('capital-handler');
      const res = await api('/api/v1/power-items', {
        method: 'POST',
        token: handler,
        body: JSON.stringify({ code: 'NOPE-1', name: '越权', category: '产权', handlingUnitCode: 'CQK' }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toBe('permission power-item:write is required');
      const list = (await (await api('/api/v1/power-items?q=NOPE', { token: handler })).json()) as { total: number };
      expect(list.total).toBe(0);
    });

    it('answers 404 when a user of tenant A asks for a record of tenant B (no existence leak)', async () => {
      const capital = await token('capital-admin');
      const res = await api(`/api/v1/power-items/${transportItem}`, { token: capital });
      expect(res.status).toBe(404);
      const absent = await api('/api/v1/power-items/6a1f0c3e-2b8d-4f57-9e21-000000000000', { token: capital });
      expect(((await res.json()) as { detail: string }).detail).toBe(((await absent.json()) as { detail: string }).detail.replace('6a1f0c3e-2b8d-4f57-9e21-000000000000', transportItem));
    });

    it('lets a supervisor inspector read a tenant below (200)', async () => {
      const inspector = await token('gzw-inspector');
      const res = await api(`/api/v1/power-items/${transportItem}`, { token: inspector, tenant: tenantId('gy-transport') });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { code: string }).code).toBe('JT-001');
      const list = (await (await api('/api/v1/power-items', { token: inspector, tenant: tenantId('gy-transport') })).json()) as { items: { id: string }[] };
      expect(list.items.map((i) => i.id)).toContain(transportItem);
    });

    it('refuses a supervisor writing below (403), even its tenant admin, and changes nothing', async () => {
      for (const who of ['gzw-inspector', 'gzw-admin']) {
        const res = await api('/api/v1/org-units', { method: 'POST', token: await token(who), tenant: tenantId('gy-transport'), body: JSON.stringify({ code: 'GZW-X', name: '越级' }) });
        expect(res.status).toBe(403);
      }
      const units = (await (await api('/api/v1/org-units', { token: await token('transport-admin') })).json()) as { code: string }[];
      expect(units.map((u) => u.code)).not.toContain('GZW-X');
    });

    it('refuses reading a sibling or the supervisor from an enterprise (403)', async () => {
      const capital = await token('capital-admin');
      expect((await api('/api/v1/power-items', { token: capital, tenant: tenantId('gy-transport') })).status).toBe(403);
      expect((await api('/api/v1/power-items', { token: capital, tenant: tenantId('gy-sasac') })).status).toBe(403);
    });

    it('refuses other roles of the supervisor reading below (403)', async () => {
      expect((await api('/api/v1/power-items', { token: await token('gzw-handler'), tenant: tenantId('gy-transport') })).status).toBe(403);
    });

    it('lists the tenants a supervisor may open in /api/v1/me', async () => {
      const me = (await (await api('/api/v1/me', { token: await token('gzw-inspector') })).json()) as { tenant: { alias: string }; tenants: { alias: string }[]; csrfToken: string | null };
      expect(me.tenant.alias).toBe('gy-sasac');
      expect(me.tenants.map((t) => t.alias).sort()).toEqual(['gy-capital', 'gy-sasac', 'gy-transport']);
      expect(me.csrfToken).toBeNull();
      // The same tree from the directory: the supervisor reads the enterprises below it; an enterprise only itself.
      const tree = (await (await api('/api/v1/tenants', { token: await token('gzw-inspector') })).json()) as { alias: string; parentId: string | null }[];
      expect(tree.map((t) => t.alias).sort()).toEqual(['gy-capital', 'gy-sasac', 'gy-transport']);
      expect(tree.find((t) => t.alias === 'gy-capital')?.parentId).toBe(tenantId('gy-sasac'));
      const own = (await (await api('/api/v1/tenants', { token: await token('capital-admin') })).json()) as { alias: string }[];
      expect(own.map((t) => t.alias)).toEqual(['gy-capital']);
    });
  });

  describe('console session', () => {
    it('signs in through the realm, keeps an HttpOnly cookie, and needs the CSRF token to write', async () => {
      const session = await signIn(platform.gatewayUrl, 'capital-admin', DEMO_PASSWORD);
      const me = await api('/api/v1/me', { headers: { cookie: session.cookie } });
      expect(me.status).toBe(200);
      const body = (await me.json()) as { user: { username: string; name: string }; tenant: { alias: string }; roles: string[]; permissions: string[]; csrfToken: string };
      expect(body.user.username).toBe('capital-admin');
      expect(body.tenant.alias).toBe('gy-capital');
      expect(body.roles).toContain('tenant-admin');
      expect(body.permissions).toContain('power-item:write');
      const create = (headers: Record<string, string>) =>
        api('/api/v1/org-units', { method: 'POST', headers: { cookie: session.cookie, ...headers }, body: JSON.stringify({ code: `CSRF-${Object.keys(headers).length}`, name: '办公室' }) });
      expect((await create({})).status).toBe(403);
      expect((await create({ 'x-csrf-token': 'wrong' })).status).toBe(403);
      expect((await create({ 'x-csrf-token': body.csrfToken })).status).toBe(201);
    });

    it('refreshes the access token behind the session after it expires', async () => {
      const session = await signIn(platform.gatewayUrl, 'capital-handler', DEMO_PASSWORD);
      await new Promise((r) => setTimeout(r, (TOKEN_TTL + 1.2) * 1000));
      const me = await api('/api/v1/me', { headers: { cookie: session.cookie } });
      expect(me.status).toBe(200);
    });

    it('signs out: the session ends here and the logout URL ends it at the realm', async () => {
      const session = await signIn(platform.gatewayUrl, 'capital-admin', DEMO_PASSWORD);
      const { csrfToken } = (await (await api('/api/v1/me', { headers: { cookie: session.cookie } })).json()) as { csrfToken: string };
      expect((await api('/auth/logout', { method: 'POST', headers: { cookie: session.cookie } })).status).toBe(403);
      const out = await api('/auth/logout', { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': csrfToken } });
      expect(out.status).toBe(200);
      const { logoutUrl } = (await out.json()) as { logoutUrl: string };
      expect(logoutUrl.startsWith(`${realmUrl}/protocol/openid-connect/logout?`)).toBe(true);
      expect(new URL(logoutUrl).searchParams.get('post_logout_redirect_uri')).toBe(`${platform.gatewayUrl}/`);
      expect(new URL(logoutUrl).searchParams.get('id_token_hint')).toBeTruthy();
      expect((await api('/api/v1/me', { headers: { cookie: session.cookie } })).status).toBe(401);
    });

    it('sends a person without a tenant back to the sign-in page with the reason, and no session', async () => {
      await expect(signIn(platform.gatewayUrl, 'nobody', DEMO_PASSWORD)).rejects.toThrow(/\/\?signInError=no-tenant/);
    });

    it('sends only same-site paths back after sign-in', async () => {
      const res = await api('/auth/login?returnTo=https://evil.example/');
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get('location')!).origin).toBe(new URL(realmUrl).origin);
      const bad = await api('/auth/callback?state=forged&code=x');
      expect(bad.status).toBe(302);
      expect(bad.headers.get('location')).toBe('/?signInError=expired');
    });
  });

  describe('hardening', () => {
    it('sets security headers', async () => {
      const res = await api('/api/v1/me');
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
    });

    it('limits requests per address and per user with 429', async () => {
      const limited = await otherGateway({ RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_ADDRESS_PER_MINUTE: '8' });
      try {
        const get = (t: string) => fetch(`${limited.url}/api/v1/me`, { headers: { authorization: `Bearer ${t}` } });
        const [a, b] = [await token('capital-admin'), await token('capital-handler')];
        const first = [await get(a), await get(a), await get(a), await get(a)].map((r) => r.status);
        expect(first).toEqual([200, 200, 200, 429]);
        // Another user from the same address still gets through, until the address limit.
        const second = [await get(b), await get(b), await get(b)].map((r) => r.status);
        expect(second).toEqual([200, 200, 200]);
        const flood = [await get(b), await fetch(`${limited.url}/api/v1/me`)].map((r) => r.status);
        expect(flood).toEqual([429, 429]);
      } finally {
        await limited.proc.stop('SIGTERM');
      }
    });
  });
});
