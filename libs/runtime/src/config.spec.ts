import { ConfigError, loadConfig } from './config';
import { ServiceConfig, SERVICE_SECRETS } from './service-config';

describe('loadConfig(ServiceConfig)', () => {
  const valid = { DATABASE_URL: 'postgres://qinglian_power_list:s3cret@db:5432/qinglian' };

  it('applies defaults and converts numbers', () => {
    const c = loadConfig(ServiceConfig, { ...valid, HEALTH_PORT: '8081' });
    expect(c).toMatchObject({ NATS_URL: 'nats://127.0.0.1:4222', HEALTH_PORT: 8081, DB_POOL_SIZE: 10, EVENTS_STREAM: 'QINGLIAN_EVENTS' });
  });

  it('accepts a list of NATS servers', () => {
    expect(loadConfig(ServiceConfig, { ...valid, NATS_URL: 'nats://a:4222,nats://b:4222' }).NATS_URL).toBe('nats://a:4222,nats://b:4222');
  });

  it('names every bad or missing variable with its rule, masking secrets', () => {
    let error: unknown;
    try {
      loadConfig(ServiceConfig, { DATABASE_URL: 'mysql://root:pw@x/y', NATS_URL: 'http://x', HEALTH_PORT: '70000', LOG_LEVEL: 'loud' }, SERVICE_SECRETS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL: DATABASE_URL must be a postgres:// URL (got ***)');
    expect(problems).toContain('NATS_URL: NATS_URL must be nats://');
    expect(problems).toMatch(/HEALTH_PORT: .*65535.*\(got "70000"\)/);
    expect(problems).toMatch(/LOG_LEVEL: .*\(got "loud"\)/);
    expect(problems).not.toContain('pw@');
  });

  it('reports a missing required variable as missing', () => {
    expect(() => loadConfig(ServiceConfig, {})).toThrow(/DATABASE_URL: .*\(missing\)/);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig(ServiceConfig, { ...valid, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });
});
