// Real sign-ins for tests, without a browser: the console's way through the gateway and the realm's
// login page, and the token requests scripts use. Works against the dev realm and against Keycloak
// (same paths, same form field names). Plain fetch; nothing here imports another library of ours.

/** The gateway's session cookie (apps/gateway, SESSION_COOKIE). */
const SESSION_COOKIE = 'qinglian_session';
const MAX_REDIRECTS = 20;

export interface SignedIn {
  /** `qinglian_session=<value>`, ready for a `Cookie` header. */
  readonly cookie: string;
  /** From `GET /api/v1/me`, for cookie-authenticated writes (`x-csrf-token`); absent when /me gave none. */
  readonly csrfToken?: string;
}

export class SignInError extends Error {
  override name = 'SignInError';
}

/**
 * Signs a person in through the gateway exactly as a browser does: `GET <gateway>/auth/login`, the
 * redirects to the realm, its login form (fields `username`, `password`), the redirects back to
 * `<gateway>/auth/callback`, which sets the session cookie.
 * @param browser pass one to keep its cookies — the realm's session too, e.g. to sign out later
 * @throws SignInError when the realm refuses the credentials or the session cookie never comes
 */
export async function signIn(gatewayUrl: string, username: string, password: string, browser = new HttpBrowser()): Promise<SignedIn> {
  const gateway = new URL(gatewayUrl);

  let page = await browser.follow(new URL('/auth/login', gateway), gateway);
  if (!page.reachedCallback) {
    const form = loginForm(page.body, page.url);
    if (!form) throw new SignInError(`no login form at ${page.url.href} (HTTP ${page.status})`);
    const fields = new URLSearchParams(form.hidden);
    fields.set('username', username);
    fields.set('password', password);
    page = await browser.follow(form.action, gateway, { method: 'POST', body: fields });
    if (!page.reachedCallback) {
      const message = loginError(page.body);
      throw new SignInError(
        message ? `the realm refused the sign-in of ${username}: ${message}` : `sign-in of ${username} did not come back to the gateway (stopped at ${page.url.href}, HTTP ${page.status})`,
      );
    }
  }
  const session = browser.cookie(gateway, SESSION_COOKIE);
  if (session === undefined) {
    throw new SignInError(`${gateway.origin}/auth/callback set no ${SESSION_COOKIE} cookie (HTTP ${page.status}${page.location ? `, redirect to ${page.location}` : ''})`);
  }
  const cookie = `${SESSION_COOKIE}=${session}`;
  const csrfToken = await csrfTokenOf(gateway, cookie);
  return csrfToken === undefined ? { cookie } : { cookie, csrfToken };
}

/**
 * An access token from the realm's password grant (Keycloak: direct access grants), for scripts and
 * tests; asks for `openid profile organization`, so the token names the person's tenant.
 * @param realmUrl the issuer, e.g. http://127.0.0.1:8080/realms/qinglian
 */
export async function passwordGrantToken(realmUrl: string, username: string, password: string, clientId = 'qinglian-cli'): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid profile organization' });
  return accessToken(realmUrl, body, {});
}

/** An access token of a service account (client credentials). */
export async function clientCredentialsToken(realmUrl: string, clientId: string, secret: string): Promise<string> {
  // RFC 6749 §2.3.1: both parts are form-encoded before Basic encoding.
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  return accessToken(realmUrl, new URLSearchParams({ grant_type: 'client_credentials' }), { authorization: `Basic ${basic}` });
}

async function accessToken(realmUrl: string, body: URLSearchParams, headers: Record<string, string>): Promise<string> {
  const endpoint = await tokenEndpoint(realmUrl);
  const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers }, body });
  const text = await res.text();
  let json: { access_token?: unknown } = {};
  try {
    json = JSON.parse(text) as { access_token?: unknown };
  } catch {
    // reported below
  }
  if (!res.ok || typeof json.access_token !== 'string') {
    throw new SignInError(`${body.get('grant_type') ?? ''} grant at ${endpoint} failed: HTTP ${res.status} ${text.slice(0, 300)}`);
  }
  return json.access_token;
}

const endpoints = new Map<string, Promise<string>>();

function tokenEndpoint(realmUrl: string): Promise<string> {
  const issuer = realmUrl.replace(/\/+$/, '');
  let found = endpoints.get(issuer);
  if (!found) {
    found = fetch(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } }).then(async (res) => {
      if (!res.ok) throw new SignInError(`no OpenID configuration at ${issuer} (HTTP ${res.status})`);
      const { token_endpoint: endpoint } = (await res.json()) as { token_endpoint?: unknown };
      if (typeof endpoint !== 'string') throw new SignInError(`${issuer}'s OpenID configuration names no token_endpoint`);
      return endpoint;
    });
    found.catch(() => endpoints.delete(issuer));
    endpoints.set(issuer, found);
  }
  return found;
}

async function csrfTokenOf(gateway: URL, cookie: string): Promise<string | undefined> {
  const res = await fetch(new URL('/api/v1/me', gateway), { headers: { cookie, accept: 'application/json' } }).catch(() => undefined);
  if (!res?.ok) return undefined;
  const me = (await res.json().catch(() => ({}))) as { csrfToken?: unknown };
  return typeof me.csrfToken === 'string' ? me.csrfToken : undefined;
}

export interface Page {
  readonly url: URL;
  readonly status: number;
  readonly body: string;
  /** The chain passed through the gateway's /auth/callback (the session cookie is set there). */
  readonly reachedCallback: boolean;
  /** Where the last answer redirected to (the callback's redirect is not followed). */
  readonly location: string | null;
}

/**
 * A scripted browser: follows redirects by hand so that every Set-Cookie along the way lands in its
 * cookie jar, and sends the cookies back as a browser would.
 */
export class HttpBrowser {
  private readonly jar = new CookieJar();

  /** The value of a cookie the browser would send to `url`. */
  cookie(url: URL | string, name: string): string | undefined {
    return this.jar.get(new URL(url), name);
  }

  /** The `Cookie` header the browser would send to `url`. */
  cookieHeader(url: URL | string): string {
    return this.jar.header(new URL(url));
  }

  /**
   * Requests `start` and follows redirects until a page that is not a redirect, or until the gateway's
   * `/auth/callback` has answered (its redirect is not followed).
   */
  async follow(start: URL | string, gateway?: URL | string, first?: { method: 'POST'; body: URLSearchParams }): Promise<Page> {
    const origin = gateway === undefined ? undefined : new URL(gateway).origin;
    let url = new URL(start);
    let request = first;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers: Record<string, string> = { accept: 'text/html,application/json;q=0.9,*/*;q=0.8', 'accept-language': 'zh-CN,zh;q=0.9' };
      const cookie = this.jar.header(url);
      if (cookie) headers['cookie'] = cookie;
      if (request) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(url, { method: request?.method ?? 'GET', headers, redirect: 'manual', ...(request ? { body: request.body } : {}) });
      this.jar.store(url, res.headers.getSetCookie());
      const callback = url.origin === origin && url.pathname === '/auth/callback';
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location && !callback) {
        await res.body?.cancel();
        url = new URL(location, url);
        // 303 (and, as browsers do, 301/302 after a POST) continue with GET.
        if (res.status !== 307 && res.status !== 308) request = undefined;
        continue;
      }
      const body = callback ? '' : await res.text();
      if (callback) await res.body?.cancel();
      return { url, status: res.status, body, reachedCallback: callback, location };
    }
    throw new SignInError(`more than ${MAX_REDIRECTS} redirects from ${String(start)}`);
  }
}

/** The login form of a Keycloak-style page: its action and hidden inputs. */
function loginForm(html: string, base: URL): { action: URL; hidden: [string, string][] } | undefined {
  const forms = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) ?? [];
  const form = forms.find((f) => /name=["']?username["']?/i.test(f) && /name=["']?password["']?/i.test(f));
  if (!form) return undefined;
  const action = /\baction=["']([^"']*)["']/i.exec(form)?.[1];
  const hidden: [string, string][] = [];
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    if (!/type=["']?hidden["']?/i.test(input)) continue;
    const name = /\bname=["']([^"']*)["']/i.exec(input)?.[1];
    const value = /\bvalue=["']([^"']*)["']/i.exec(input)?.[1] ?? '';
    if (name) hidden.push([decodeEntities(name), decodeEntities(value)]);
  }
  return { action: new URL(decodeEntities(action ?? base.href), base), hidden };
}

/** The error message on a login page shown again (dev realm and Keycloak: `id="input-error"`, or an alert). */
function loginError(html: string): string | undefined {
  const match = /<[^>]+(?:id=["']input-error["']|role=["']alert["']|class=["'][^"']*alert[^"']*["'])[^>]*>([\s\S]*?)<\//i.exec(html);
  const text = match?.[1]?.replace(/<[^>]*>/g, '').trim();
  return text ? decodeEntities(text) : undefined;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|#39);/gi, (m, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    const lower = e.toLowerCase();
    if (named[lower] !== undefined) return named[lower];
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return m;
  });
}

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly host: string;
  readonly path: string;
  readonly secure: boolean;
  readonly expires: number;
}

/**
 * Just enough of RFC 6265 for sign-in redirects: cookies are kept per host (like browsers, not per
 * port), with their path, expiry and Secure flag; Domain is treated as host-only.
 */
class CookieJar {
  private cookies: StoredCookie[] = [];

  store(url: URL, setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = defaultPath(url);
      let expires = Infinity;
      let secure = false;
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const v = rest.join('=').trim();
        switch (key.trim().toLowerCase()) {
          case 'path':
            if (v.startsWith('/')) path = v;
            break;
          case 'max-age':
            expires = Date.now() + Number(v) * 1000;
            break;
          case 'expires':
            if (expires === Infinity) expires = Date.parse(v);
            break;
          case 'secure':
            secure = true;
            break;
          default:
        }
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.hostname && c.path === path));
      if (!(expires <= Date.now())) this.cookies.push({ name, value, host: url.hostname, path, secure, expires });
    }
  }

  /** The `Cookie` header for a request to `url`. */
  header(url: URL): string {
    return this.matching(url)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  get(url: URL, name: string): string | undefined {
    return this.matching(url).find((c) => c.name === name)?.value;
  }

  private matching(url: URL): StoredCookie[] {
    const now = Date.now();
    const trustworthy = url.protocol === 'https:' || url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return this.cookies
      .filter((c) => c.host === url.hostname && c.expires > now && (!c.secure || trustworthy) && pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length);
  }
}

function defaultPath(url: URL): string {
  const i = url.pathname.lastIndexOf('/');
  return i <= 0 ? '/' : url.pathname.slice(0, i);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}
