import { healthSubject, ServiceNames } from '@qinglian/contracts';
import { Role } from '@qinglian/auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createTestDatabase, freePort, runApp, spawnApp, TestNatsServer, testEnv, waitForHttp } from '@qinglian/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type Platform, SCHEMAS, startPlatform } from './platform';

// How each service behaves as a process: configuration checked at start, migrations, probes that
// follow its dependencies, and a graceful stop on SIGTERM.
describe('service processes', () => {
  it('refuses to start on bad or missing configuration, naming each variable', async () => {
    const svc = await runApp('power-list', { file: 'main', env: { NATS_URL: 'http://nats', HEALTH_PORT: 'abc' } });
    expect(svc.code).toBe(1);
    expect(svc.output).toContain('DATABASE_URL');
    expect(svc.output).toContain('NATS_URL must be nats://');
    expect(svc.output).toContain('HEALTH_PORT');
    const gw = await runApp('gateway', { file: 'main', env: { PORT: '99999', GATEWAY_DEV_AUTH: 'true', NODE_ENV: 'production' } });
    expect(gw.code).toBe(1);
    expect(gw.output).toContain('PORT');
    expect(gw.output).toContain('GATEWAY_DEV_AUTH must not be enabled when NODE_ENV=production');
  });

  it('migrates each service into its own schema, as tables its runtime role does not own and cannot bypass', async () => {
    const db = await createTestDatabase('qinglian_e2e');
    const admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    try {
      for (const service of ServiceNames) {
        const schema = SCHEMAS[service] ?? '';
        const env = { DATABASE_URL: db.urlFor(`qinglian_${schema}`), MIGRATION_DATABASE_URL: db.adminUrl };
        const first = await runApp(service, { file: 'migrate', env });
        expect(first.code).toBe(0);
        expect(first.output).toMatch(/migration\(s\) applied/);
        const again = await runApp(service, { file: 'migrate', env });
        expect(again.output).toContain('schema is up to date');
        const { rows } = await admin.query<{ tablename: string; tableowner: string; rls: boolean; forced: boolean }>(
          `SELECT t.tablename, t.tableowner, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
             FROM pg_tables t JOIN pg_class c ON c.relname = t.tablename JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = t.schemaname
            WHERE t.schemaname = $1`,
          [schema],
        );
        expect(rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['audit_log', 'audit_head', 'outbox', 'inbox', 'migrations']));
        for (const r of rows) expect(r.tableowner).not.toBe(`qinglian_${schema}`);
        for (const r of rows.filter((x) => x.tablename.startsWith('audit_'))) expect([r.tablename, r.rls, r.forced]).toEqual([r.tablename, true, true]);
        const role = await admin.query<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [`qinglian_${schema}`]);
        expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
      }
      const tenantTables = await admin.query<{ tablename: string; rls: boolean }>(
        `SELECT c.relname AS tablename, c.relforcerowsecurity AS rls FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'power_list' AND c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id')
            AND c.relname NOT IN ('outbox')`,
      );
      expect(tenantTables.rows.length).toBeGreaterThanOrEqual(6);
      // Every tenant-owned table of power-list is under forced row-level security, except the search
      // table, which its runtime role cannot touch at all (a SECURITY DEFINER function reads it).
      expect(tenantTables.rows.filter((r) => !r.rls).map((r) => r.tablename)).toEqual(['version_search']);
      const grants = await admin.query<{ n: string }>(
        `SELECT count(*) AS n FROM information_schema.role_table_grants WHERE table_schema = 'power_list' AND table_name = 'version_search' AND grantee = 'qinglian_power_list'`,
      );
      expect(grants.rows[0]?.n).toBe('0');
    } finally {
      await admin.end();
      await db.drop();
    }
  });

  describe('all five services and the gateway', () => {
    let platform: Platform;
    let nc: NatsConnection;
    beforeAll(async () => {
      platform = await startPlatform({ services: [...ServiceNames] });
      nc = await connect({ servers: testEnv.natsUrl });
    });
    afterAll(async () => {
      await nc.close();
      await platform.stop();
    });

    it('each answers its health subject and its readiness probe', async () => {
      for (const service of ServiceNames) {
        const msg = await nc.request(healthSubject(service), JSON.stringify({ pattern: healthSubject(service), data: {}, id: randomUUID() }), { timeout: 5_000 });
        expect(msg.json<{ response: unknown }>().response).toMatchObject({ service, status: 'ok', checks: { database: 'up', nats: 'up' } });
        expect((await fetch(`${platform.services[service]?.healthUrl ?? ''}/health/ready`)).status).toBe(200);
      }
    });

    it('stops gracefully on SIGTERM: the request in flight is answered, then the process exits 0', async () => {
      const tenantId = randomUUID();
      const headers = { 'x-qinglian-dev-caller': JSON.stringify({ tenantId, userId: 'u', roles: [Role.TenantAdmin] }) };
      // Hold the power-item table so a list request stays in flight inside power-list.
      const locker = new Client({ connectionString: platform.db.adminUrl });
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE power_list.document IN ACCESS EXCLUSIVE MODE');
      const pending = fetch(`${platform.gatewayUrl}/api/v1/power-items`, { headers });
      await waitFor(async () => (await locker.query<{ n: string }>("SELECT count(*) AS n FROM pg_locks WHERE NOT granted AND relation = 'power_list.document'::regclass")).rows[0]?.n === '1');
      const proc = platform.services['power-list']?.proc;
      if (!proc) throw new Error('power-list not running');
      proc.proc.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      expect(proc.running).toBe(true); // still finishing its work
      // …no longer ready, while liveness still answers.
      const health = platform.services['power-list']?.healthUrl ?? '';
      expect((await fetch(`${health}/health/ready`)).status).toBe(503);
      expect((await fetch(`${health}/health/live`)).status).toBe(200);
      await locker.query('COMMIT');
      await locker.end();
      const res = await pending;
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ total: 0, items: [] });
      expect(await proc.waitForExit(15_000)).toEqual({ code: 0, signal: null });
    });
  });

  it('reports not ready while NATS is down and ready again when it returns', async () => {
    const nats = await TestNatsServer.start();
    const db = await createTestDatabase('qinglian_e2e');
    const env = { DATABASE_URL: db.urlFor('qinglian_power_list'), MIGRATION_DATABASE_URL: db.adminUrl, NATS_URL: nats.url, OTEL_TRACES_EXPORTER: 'none' };
    const port = await freePort();
    expect((await runApp('power-list', { file: 'migrate', env })).code).toBe(0);
    const proc = spawnApp('power-list', { env: { ...env, HEALTH_PORT: String(port) } });
    const ready = `http://127.0.0.1:${port}/health/ready`;
    try {
      await waitForHttp(ready, { process: proc });
      await nats.stop();
      await waitForHttp(ready, { status: 503, timeoutMs: 15_000, process: proc });
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      await nats.startProcess();
      await waitForHttp(ready, { status: 200, timeoutMs: 20_000, process: proc });
    } finally {
      await proc.stop();
      await nats.dispose();
      await db.drop();
    }
  });

  it('reports not ready while its database refuses connections and ready again after', async () => {
    const db = await createTestDatabase('qinglian_e2e');
    const env = { DATABASE_URL: db.urlFor('qinglian_power_list'), MIGRATION_DATABASE_URL: db.adminUrl, NATS_URL: testEnv.natsUrl, OTEL_TRACES_EXPORTER: 'none' };
    const port = await freePort();
    expect((await runApp('power-list', { file: 'migrate', env })).code).toBe(0);
    const proc = spawnApp('power-list', { env: { ...env, HEALTH_PORT: String(port) } });
    const ready = `http://127.0.0.1:${port}/health/ready`;
    const admin = new Client({ connectionString: testEnv.pgAdminUrl });
    await admin.connect();
    try {
      await waitForHttp(ready, { process: proc });
      await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
      await waitForHttp(ready, { status: 503, timeoutMs: 15_000, process: proc });
      await admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`);
      await waitForHttp(ready, { status: 200, timeoutMs: 15_000, process: proc });
    } finally {
      await proc.stop();
      await admin.end();
      await db.drop();
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
