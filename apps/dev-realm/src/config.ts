import { parseLogLevel } from '@qinglian/telemetry';

/** The dev realm's settings, from the environment (validated once, at start). */
export interface DevRealmConfig {
  readonly port: number;
  /** Interface to listen on. */
  readonly host: string;
  /** Public base URL (scheme, host, port): the issuer is `<publicUrl>/realms/<realm>`. */
  readonly publicUrl: string;
  readonly realm: string;
  readonly issuer: string;
  /** Console base URLs allowed as redirect targets (`<url>/auth/callback`, `<url>/`). */
  readonly consoleUrls: readonly string[];
  readonly consoleSecret: string;
  /** Secret of every service-account client. */
  readonly serviceSecret: string;
  /** Access token lifetime, seconds. */
  readonly accessTokenTtl: number;
  /** JWK file of the signing key: reused when present, created when not. */
  readonly keyFile: string | undefined;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** NODE_ENV=production: the dev realm never runs there. */
export class ProductionRefusedError extends Error {
  override name = 'ProductionRefusedError';
  constructor() {
    super(
      'dev-realm refuses to start with NODE_ENV=production: the development realm is for local runs and tests only ' +
        '(its passwords are public). In production, point the gateway at Keycloak (see deploy/keycloak/README.md).',
    );
  }
}

export const CONFIG_DEFAULTS = {
  PORT: 8080,
  DEV_REALM_HOST: '127.0.0.1',
  DEV_REALM_CONSOLE_URLS: 'http://127.0.0.1:3000,http://localhost:3000',
  DEV_REALM_CONSOLE_SECRET: 'qinglian-console-dev-secret',
  DEV_REALM_SERVICE_SECRET: 'qinglian-service-dev-secret',
  DEV_REALM_ACCESS_TOKEN_TTL: 300,
  DEV_REALM_REALM: 'qinglian',
} as const;

/**
 * Reads and checks every variable; all problems are reported together, one line per variable.
 * @throws ProductionRefusedError when NODE_ENV=production
 * @throws ConfigError naming each bad variable, its rule and the value (secrets never shown)
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DevRealmConfig {
  if ((env['NODE_ENV'] ?? '').trim().toLowerCase() === 'production') throw new ProductionRefusedError();
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };

  const port = integer('PORT', value('PORT'), CONFIG_DEFAULTS.PORT, 1, 65535, problems);
  const host = value('DEV_REALM_HOST') ?? CONFIG_DEFAULTS.DEV_REALM_HOST;

  const realm = value('DEV_REALM_REALM') ?? CONFIG_DEFAULTS.DEV_REALM_REALM;
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(realm)) {
    problems.push(`DEV_REALM_REALM: must be letters, digits, "-" or "_" (at most 64), as in a URL path segment (got ${JSON.stringify(realm)})`);
  }

  const publicUrl = baseUrl('DEV_REALM_URL', value('DEV_REALM_URL') ?? `http://127.0.0.1:${port}`, problems, false);

  const consoleUrls = (value('DEV_REALM_CONSOLE_URLS') ?? CONFIG_DEFAULTS.DEV_REALM_CONSOLE_URLS)
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '')
    .map((u) => baseUrl('DEV_REALM_CONSOLE_URLS', u, problems, true));
  if (consoleUrls.length === 0) problems.push('DEV_REALM_CONSOLE_URLS: at least one console base URL is required');

  const consoleSecret = value('DEV_REALM_CONSOLE_SECRET') ?? CONFIG_DEFAULTS.DEV_REALM_CONSOLE_SECRET;
  const serviceSecret = value('DEV_REALM_SERVICE_SECRET') ?? CONFIG_DEFAULTS.DEV_REALM_SERVICE_SECRET;
  for (const [name, secret] of [
    ['DEV_REALM_CONSOLE_SECRET', consoleSecret],
    ['DEV_REALM_SERVICE_SECRET', serviceSecret],
  ] as const) {
    if (secret.length < 8) problems.push(`${name}: must be at least 8 characters (got ***)`);
  }

  const accessTokenTtl = integer('DEV_REALM_ACCESS_TOKEN_TTL', value('DEV_REALM_ACCESS_TOKEN_TTL'), CONFIG_DEFAULTS.DEV_REALM_ACCESS_TOKEN_TTL, 1, 86_400, problems);

  let logLevel = 'info';
  try {
    logLevel = parseLogLevel(value('LOG_LEVEL'));
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    publicUrl,
    realm,
    issuer: `${publicUrl}/realms/${realm}`,
    consoleUrls,
    consoleSecret,
    serviceSecret,
    accessTokenTtl,
    keyFile: value('DEV_REALM_KEY_FILE'),
    logLevel,
  };
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    problems.push(`${name}: must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    return fallback;
  }
  return n;
}

/** An http(s) URL without query or fragment, returned without a trailing slash; `withPath` allows a path prefix. */
function baseUrl(name: string, raw: string, problems: string[], withPath: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name}: ${JSON.stringify(raw)} is not a URL (expected e.g. http://127.0.0.1:8080)`);
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`${name}: ${JSON.stringify(raw)} must use http or https`);
  else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') problems.push(`${name}: ${JSON.stringify(raw)} must have no query, fragment or credentials`);
  else if (!withPath && url.pathname !== '/') problems.push(`${name}: ${JSON.stringify(raw)} must be a base URL without a path (the realm lives at /realms/<realm>)`);
  return `${url.origin}${withPath ? url.pathname.replace(/\/+$/, '') : ''}`;
}
