// `npm run bench:rr` — request-reply cost, measured in one run against the same nats-server and
// PostgreSQL (TEST_NATS_URL / TEST_PG_ADMIN_URL, 127.0.0.1 by default):
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
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_S = 2;
const children = [];

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function start(app, file, env, extraArgs = []) {
  const args = [join(root, 'dist', app, 'apps', app, 'src', `${file}.js`), ...extraArgs];
  // BENCH_PROFILE=dir writes a V8 CPU profile of each app into dir (open in Chrome DevTools).
  if (process.env.BENCH_PROFILE && file === 'main') args.unshift('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${app}.cpuprofile`);
  const p = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, OTEL_TRACES_EXPORTER: 'none', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (out += d));
  p.output = () => out;
  if (file === 'main') children.push(p);
  return p;
}

async function waitReady(url, proc) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {}
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`${url} not ready\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Closed-loop load: `concurrency` workers each issuing `call` back to back; latencies in ms. */
async function closedLoop(call, concurrency, seconds) {
  const latencies = [];
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const t = process.hrtime.bigint();
      await call();
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  const started = performance.now();
  const workers = Array.from({ length: concurrency }, worker);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  stop = true;
  await Promise.all(workers);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { rps: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), n: latencies.length };
}

/** HTTP GET over keep-alive connections (one per worker), measured like the others. */
async function http(url, headers, concurrency, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const get = () =>
    new Promise((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, path: target.pathname, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} for ${url}`))));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    return await closedLoop(get, concurrency, seconds);
  } finally {
    agent.destroy();
  }
}

const fmt = (n, d = 2) => n.toFixed(d).padStart(9);

async function main() {
  const dbName = `qinglian_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const dbUrl = (user) => {
    const u = new URL(PG_ADMIN);
    u.pathname = `/${dbName}`;
    if (user) {
      u.username = user;
      u.password = '';
    }
    return u.toString();
  };
  const eventsPrefix = `bench${randomBytes(3).toString('hex')}.evt`;
  const eventsStream = `BENCH_${randomBytes(3).toString('hex').toUpperCase()}`;
  const sessionBucket = `bench_${randomBytes(3).toString('hex')}`;
  const svcEnv = { DATABASE_URL: dbUrl('qinglian_power_list'), MIGRATION_DATABASE_URL: dbUrl(), NATS_URL, EVENTS_SUBJECT_PREFIX: eventsPrefix, EVENTS_STREAM: eventsStream };
  const nc = await connect({ servers: NATS_URL });
  const pool = new pg.Pool({ connectionString: dbUrl(), max: 32 });
  try {
    const migrate = start('power-list', 'migrate', svcEnv);
    if ((await new Promise((r) => migrate.on('exit', r))) !== 0) throw new Error(migrate.output());
    const healthPort = await freePort();
    const svc = start('power-list', 'main', { ...svcEnv, HEALTH_PORT: String(healthPort), DB_POOL_SIZE: '16' });
    // The tenant tree and a realm, so (f) signs in as production callers do.
    const scratch = mkdtempSync(join(tmpdir(), 'qinglian-bench-'));
    const realm = JSON.parse(readFileSync(join(root, 'apps/dev-realm/src/demo/realm.json'), 'utf8'));
    writeFileSync(join(scratch, 'tenants.json'), JSON.stringify({ tenants: realm.tenants.map(({ id, alias, name, nameEn, kind, parentId }) => ({ id, alias, name, nameEn, kind, parentId })) }));
    const tenants = start('power-list', 'tenants', svcEnv, [join(scratch, 'tenants.json')]);
    if ((await new Promise((r) => tenants.on('exit', r))) !== 0) throw new Error(tenants.output());
    const realmPort = await freePort();
    const issuer = `http://127.0.0.1:${realmPort}/realms/qinglian`;
    const realmProc = start('dev-realm', 'main', { PORT: String(realmPort), NODE_ENV: 'test', DEV_REALM_ACCESS_TOKEN_TTL: '3600', DEV_REALM_KEY_FILE: join(scratch, 'key.json') });
    const gwPort = await freePort();
    // Rate limits off: the benchmark is one address and one user by design.
    const gw = start('gateway', 'main', {
      NATS_URL,
      PORT: String(gwPort),
      GATEWAY_DEV_AUTH: 'true',
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_SECRET: 'qinglian-console-dev-secret',
      SESSION_BUCKET: sessionBucket,
      RATE_LIMIT_ADDRESS_PER_MINUTE: '100000000',
      RATE_LIMIT_USER_PER_MINUTE: '100000000',
    });
    // the raw echo responder, in its own process like a real service
    const echoSubject = `bench.echo.${randomBytes(3).toString('hex')}`;
    const echo = spawn(
      process.execPath,
      ['--input-type=module', '-e', `import { connect } from '@nats-io/transport-node'; const nc = await connect({ servers: ${JSON.stringify(NATS_URL)} }); const sub = nc.subscribe(${JSON.stringify(echoSubject)}); console.log('ready'); for await (const m of sub) m.respond(m.data);`],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(echo);
    await new Promise((r) => echo.stdout.once('data', r));
    await waitReady(`http://127.0.0.1:${healthPort}/health/ready`, svc);
    await waitReady(`http://127.0.0.1:${gwPort}/health/ready`, gw);
    await waitReady(`http://127.0.0.1:${realmPort}/health/ready`, realmProc);
    rmSync(scratch, { recursive: true, force: true });
    const tokenRes = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'qinglian-cli', username: 'capital-admin', password: 'Qinglian@2026', scope: 'openid organization' }),
    });
    if (tokenRes.status !== 200) throw new Error(`token: ${tokenRes.status} ${await tokenRes.text()}`);
    const bearer = { authorization: `Bearer ${(await tokenRes.json()).access_token}` };

    const tenantId = randomUUID();
    const caller = { tenantId, userId: 'bench', roles: ['tenant-admin'], requestId: 'bench' };
    const headers = { 'content-type': 'application/json', 'x-qinglian-dev-caller': JSON.stringify(caller) };
    const post = async (path, body) => {
      const res = await fetch(`http://127.0.0.1:${gwPort}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const unit = await post('/api/v1/org-units', { name: '产权科', code: 'CQK' });
    const item = await post('/api/v1/power-items', { code: 'GZW-CQ-001', name: '市属国有企业产权（股权）处置等审核', category: 'review', handlingUnitId: unit.id, legalBasis: '《企业国有资产交易监督管理办法》' });
    const itemUrl = `http://127.0.0.1:${gwPort}/api/v1/power-items/${item.id}`;
    const postBearer = async (path, body) => {
      const res = await fetch(`http://127.0.0.1:${gwPort}${path}`, { method: 'POST', headers: { ...bearer, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const capitalUnit = await postBearer('/api/v1/org-units', { name: '产权科', code: 'CQK' });
    const capitalItem = await postBearer('/api/v1/power-items', { code: 'GZW-CQ-001', name: '市属国有企业产权（股权）处置等审核', category: 'review', handlingUnitId: capitalUnit.id, legalBasis: '《企业国有资产交易监督管理办法》' });

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
      '(b) pg select by pk': (c, s) => closedLoop(() => pool.query('SELECT * FROM power_list.power_item WHERE id = $1', [item.id]), c, s),
      '(d) NATS → power-list': (c, s) =>
        closedLoop(async () => {
          const m = await nc.request('power-list.power-item.get', rpcBody, { timeout: 5000, headers: rpcHeaders() });
          if (!m.json().response) throw new Error(m.string());
        }, c, s),
      '(e) gateway GET /health/live': (c, s) => http(`http://127.0.0.1:${gwPort}/health/live`, {}, c, s),
      '(c) gateway GET item': (c, s) => http(itemUrl, { 'x-qinglian-dev-caller': JSON.stringify(caller) }, c, s),
      '(f) gateway GET, bearer': (c, s) => http(`http://127.0.0.1:${gwPort}/api/v1/power-items/${capitalItem.id}`, bearer, c, s),
    };
    const results = {};
    const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
    if (only) for (const k of Object.keys(ops)) if (!only.some((o) => k.startsWith(`(${o})`))) delete ops[k];
    for (const concurrency of (process.env.BENCH_CONCURRENCY ?? '1,32').split(',').map(Number)) {
      for (const [name, run] of Object.entries(ops)) {
        await run(concurrency, WARMUP_S);
        results[`${name}@${concurrency}`] = await run(concurrency, DURATION_S);
        process.stderr.write('.');
      }
    }
    process.stderr.write('\n');
    console.log(`\nrequest-reply benchmark — ${new Date().toISOString()}, node ${process.version}, ${DURATION_S} s per row after ${WARMUP_S} s warm-up`);
    console.log(`${'operation'.padEnd(26)}${'conc'.padStart(5)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
    for (const concurrency of (process.env.BENCH_CONCURRENCY ?? '1,32').split(',').map(Number)) {
      for (const name of Object.keys(ops)) {
        const r = results[`${name}@${concurrency}`];
        console.log(`${name.padEnd(26)}${String(concurrency).padStart(5)}${fmt(r.rps, 0).padStart(10)}${fmt(r.p50)}${fmt(r.p99)}`);
      }
    }
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
    for (const p of children) p.kill('SIGTERM');
    await Promise.all(children.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : null)));
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(eventsStream).catch(() => false);
    await jsm.streams.delete(`KV_${sessionBucket}`).catch(() => false);
    await nc.close();
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e) => {
  for (const p of children) p.kill('SIGKILL');
  console.error(e);
  process.exit(1);
});
