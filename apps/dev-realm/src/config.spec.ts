import { ConfigError, loadConfig, ProductionRefusedError } from './config';

describe('dev realm configuration', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:8080',
      realm: 'qinglian',
      issuer: 'http://127.0.0.1:8080/realms/qinglian',
      consoleUrls: ['http://127.0.0.1:3000', 'http://localhost:3000'],
      consoleSecret: 'qinglian-console-dev-secret',
      serviceSecret: 'qinglian-service-dev-secret',
      accessTokenTtl: 300,
      keyFile: undefined,
      logLevel: 'info',
    });
  });

  it('derives the issuer from DEV_REALM_URL (or PORT) and DEV_REALM_REALM', () => {
    expect(loadConfig({ PORT: '9090' }).issuer).toBe('http://127.0.0.1:9090/realms/qinglian');
    expect(loadConfig({ DEV_REALM_URL: 'https://sso.example.test/', DEV_REALM_REALM: 'other' }).issuer).toBe('https://sso.example.test/realms/other');
    expect(loadConfig({ DEV_REALM_CONSOLE_URLS: ' http://a.test:3000/ , https://b.test/console/ ' }).consoleUrls).toEqual(['http://a.test:3000', 'https://b.test/console']);
  });

  it('refuses NODE_ENV=production before anything else', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PORT: 'bad' })).toThrow(ProductionRefusedError);
    expect(() => loadConfig({ NODE_ENV: 'Production' })).toThrow(/for local runs and tests only/);
  });

  it('names each bad variable in one error, never showing a secret', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '80a',
        DEV_REALM_URL: 'http://127.0.0.1:8080/auth',
        DEV_REALM_CONSOLE_URLS: 'ftp://x',
        DEV_REALM_CONSOLE_SECRET: 'short',
        DEV_REALM_ACCESS_TOKEN_TTL: '0',
        DEV_REALM_REALM: 'no/slash',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'DEV_REALM_REALM', 'DEV_REALM_URL', 'DEV_REALM_CONSOLE_URLS', 'DEV_REALM_CONSOLE_SECRET', 'DEV_REALM_ACCESS_TOKEN_TTL', 'LOG_LEVEL']);
    expect((error as Error).message).not.toContain('short');
  });
});
