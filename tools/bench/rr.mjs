// `npm run bench:rr` — request-reply cost, measured in one run against the same nats-server (a private
// one, see lib.mjs) and PostgreSQL (TEST_PG_ADMIN_URL, 127.0.0.1 by default):
//   (a) raw NATS request-reply echo (responder in another process)
//   (b) raw `pg` SELECT by primary key
//   (c) the gateway's GET /api/v1/power-items/:id end to end (HTTP → gateway → NATS → power-list → PostgreSQL)
//   (d) the same request straight to power-list over NATS (no HTTP, no gateway) — to show where time goes
//   (e) the gateway's liveness probe (HTTP and Nest alone, no NATS)
//   (f) as (c), signed in as production callers are: a bearer token from the dev realm, verified
//       (RS256, issuer, audience) on every request, tenant from the token's organization
// each at concurrency 1 and 32. Prints req/s, p50 and p99, and the ratio of (c) to (a)+(b).
// It is a script, not a test: figures on a shared 2-core machine are noisy.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { closedLoop, devClient, exited, freePort, http, measure, openBench, printTable, root, waitReady } from './lib.mjs';

async function main() {
  const bench = await openBench();
  try {
    const { nc } = bench;
    const pool = new pg.Pool({ connectionString: bench.dbUrl(), max: 32 });
    bench.defer(() => pool.end());
    const svc = await bench.startPowerList();
    // The tenant tree and a realm, so (f) signs in as production callers do.
    const scratch = mkdtempSync(join(tmpdir(), 'qinglian-bench-'));
    bench.defer(async () => rmSync(scratch, { recursive: true, force: true }));
    const realm = JSON.parse(readFileSync(join(root, 'apps/dev-realm/src/demo/realm.json'), 'utf8'));
    writeFileSync(join(scratch, 'tenants.json'), JSON.stringify({ tenants: realm.tenants.map(({ id, alias, name, nameEn, kind, parentId }) => ({ id, alias, name, nameEn, kind, parentId })) }));
    await exited(bench.start('power-list', 'tenants', bench.svcEnv, [join(scratch, 'tenants.json')]));
    const realmPort = await freePort();
    const issuer = `http://127.0.0.1:${realmPort}/realms/qinglian`;
    const realmProc = bench.start('dev-realm', 'main', { PORT: String(realmPort), NODE_ENV: 'test', DEV_REALM_ACCESS_TOKEN_TTL: '3600', DEV_REALM_KEY_FILE: join(scratch, 'key.json') });
    const gw = await bench.startGateway({ OIDC_ISSUER: issuer, OIDC_CLIENT_SECRET: 'qinglian-console-dev-secret' });
    // the raw echo responder, in its own process like a real service
    const echoSubject = `bench.echo.${randomBytes(3).toString('hex')}`;
    const echo = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { connect } from '@nats-io/transport-node'; const nc = await connect({ servers: ${JSON.stringify(bench.natsUrl)} }); const sub = nc.subscribe(${JSON.stringify(echoSubject)}); console.log('ready'); for await (const m of sub) m.respond(m.data);`],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    bench.children.push(echo);
    await new Promise((r) => echo.stdout.once('data', r));
    await waitReady(`${svc.healthUrl}/health/ready`, svc.proc);
    await waitReady(`${gw.url}/health/ready`, gw.proc);
    await waitReady(`http://127.0.0.1:${realmPort}/health/ready`, realmProc);
    const tokenRes = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'qinglian-cli', username: 'capital-admin', password: 'Qinglian@2026', scope: 'openid organization' }),
    });
    if (tokenRes.status !== 200) throw new Error(`token: ${tokenRes.status} ${await tokenRes.text()}`);
    const bearer = { authorization: `Bearer ${(await tokenRes.json()).access_token}` };

    const tenantId = randomUUID();
    const caller = { tenantId, userId: 'bench', roles: ['tenant-admin'], requestId: 'bench' };
    const api = devClient(gw.url, caller);
    const itemRequest = { code: 'GZW-CQ-001', name: '市属国有企业产权（股权）处置等审核', category: '产权', handlingUnitCode: 'CQK', legalBasis: [{ title: '《企业国有资产交易监督管理办法》' }] };
    await api.post('/api/v1/org-units', { name: '产权科', code: 'CQK' });
    const item = await api.post('/api/v1/power-items', itemRequest);
    const postBearer = async (path, body) => {
      const res = await fetch(`${gw.url}${path}`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    await postBearer('/api/v1/org-units', { name: '产权科', code: 'CQK' });
    const capitalItem = await postBearer('/api/v1/power-items', itemRequest);

    const payload = new TextEncoder().encode(JSON.stringify({ id: item.id }));
    const rpcHeaders = () => {
      const h = natsHeaders();
      h.set('x-tenant-id', tenantId);
      h.set('x-user-id', 'bench');
      h.set('x-roles', 'tenant-admin');
      h.set('x-request-id', 'bench');
      return h;
    };
    const rpcBody = JSON.stringify({ pattern: 'power-list.power-item.get', data: { id: item.id }, id: 'x' });
    const ops = {
      '(a) NATS echo': (c, s) => closedLoop(() => nc.request(echoSubject, payload, { timeout: 5000 }), c, s),
      '(b) pg select by pk': (c, s) => closedLoop(() => pool.query('SELECT * FROM power_list.document WHERE id = $1', [item.id]), c, s),
      '(d) NATS → power-list': (c, s) =>
        closedLoop(async () => {
          const m = await nc.request('power-list.power-item.get', rpcBody, { timeout: 5000, headers: rpcHeaders() });
          if (!m.json().response) throw new Error(m.string());
        }, c, s),
      '(e) gateway GET /health/live': (c, s) => http(`${gw.url}/health/live`, {}, c, s),
      '(c) gateway GET item': (c, s) => http(`${gw.url}/api/v1/power-items/${item.id}`, { 'x-qinglian-dev-caller': JSON.stringify(caller) }, c, s),
      '(f) gateway GET, bearer': (c, s) => http(`${gw.url}/api/v1/power-items/${capitalItem.id}`, bearer, c, s),
    };
    const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
    if (only) for (const k of Object.keys(ops)) if (!only.some((o) => k.startsWith(`(${o})`))) delete ops[k];
    const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,32').split(',').map(Number);
    const results = await measure(ops, concurrencies);
    printTable('request-reply benchmark', ops, concurrencies, results);
    if (only) return;
    const a = results['(a) NATS echo@1'];
    const b = results['(b) pg select by pk@1'];
    const c = results['(c) gateway GET item@1'];
    const d = results['(d) NATS → power-list@1'];
    const c32 = results['(c) gateway GET item@32'];
    const f = results['(f) gateway GET, bearer@1'];
    console.log(`\nratio p50 (c) / ((a)+(b)) at concurrency 1: ${(c.p50 / (a.p50 + b.p50)).toFixed(2)}×  (target ≤ 3×)`);
    console.log(`gateway req/s at concurrency 32: ${c32.rps.toFixed(0)}  (target ≥ 1500)`);
    console.log(`token verification and tenant lookup add ${(f.p50 - c.p50).toFixed(2)} ms at p50 ((f) − (c))`);
    console.log(`where the time goes at concurrency 1 (p50): HTTP + gateway ${(c.p50 - d.p50).toFixed(2)} ms, power-list (Nest RPC + tenant transaction) ${(d.p50 - a.p50).toFixed(2)} ms, NATS hop ${a.p50.toFixed(2)} ms`);
  } finally {
    await bench.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
