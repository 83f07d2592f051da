// What the benchmarks share: a throwaway stack (database + migrations, power-list, approvals, gateway
// with dev callers and rate limits off, on the PostgreSQL of TEST_PG_ADMIN_URL and a private
// nats-server), closed-loop load with p50/p99, and a cleanup that also runs on Ctrl-C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PG_ADMIN = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// The services answer fixed RPC subjects in queue groups: on a shared nats-server, any other
// power-list running there (tests, `npm start`) would silently take part of the requests. So the
// benchmark runs its own server unless BENCH_NATS_URL names one nothing else serves.
const SHARED_NATS_URL = process.env.BENCH_NATS_URL;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_S = 2;

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when the process ends; throws with its output unless it exited 0 (migrations, imports). */
export async function exited(proc) {
  const code = proc.exitCode ?? (await new Promise((r) => proc.once('exit', r)));
  if (code !== 0) throw new Error(`${proc.spawnargs.slice(1).join(' ')} exited ${code}\n${proc.output()}`);
}

export async function waitReady(url, proc) {
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
export async function closedLoop(call, concurrency, seconds) {
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

/** HTTP GET over keep-alive connections (one per worker), measured like the others; `url` may be a function (a new URL per request). */
export async function http(url, headers, concurrency, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const get = () =>
    new Promise((resolve, reject) => {
      const target = new URL(typeof url === 'function' ? url() : url);
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} for ${target}`))));
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

/** Runs every op at every concurrency: a warm-up, then the measured run; results keyed `name@concurrency`. */
export async function measure(ops, concurrencies) {
  const results = {};
  for (const concurrency of concurrencies) {
    for (const [name, run] of Object.entries(ops)) {
      await run(concurrency, WARMUP_S);
      results[`${name}@${concurrency}`] = await run(concurrency, DURATION_S);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  return results;
}

export const fmt = (n, d = 2) => n.toFixed(d).padStart(9);

/** Columns a text takes in a terminal: CJK and full-width characters take two. */
const cells = (text) => [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
const padCells = (text, width) => text + ' '.repeat(Math.max(0, width - cells(text)));

/**
 * The result table, one row per op and concurrency, in the order of `ops`; `note(name, concurrency, r)`
 * appends to a row; `run` says how the rows were measured (default: the timed runs of `measure`).
 */
export function printTable(title, ops, concurrencies, results, note = () => '', run = `${DURATION_S} s per row after ${WARMUP_S} s warm-up`) {
  const width = Math.max(26, ...Object.keys(ops).map((n) => cells(n) + 2));
  console.log(`\n${title} — ${new Date().toISOString()}, node ${process.version}, ${run}`);
  console.log(`${'operation'.padEnd(width)}${'conc'.padStart(5)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
  for (const concurrency of concurrencies) {
    for (const name of Object.keys(ops)) {
      const r = results[`${name}@${concurrency}`];
      console.log(`${padCells(name, width)}${String(concurrency).padStart(5)}${fmt(r.rps, 0).padStart(10)}${fmt(r.p50)}${fmt(r.p99)}${note(name, concurrency, r)}`);
    }
  }
}

/** Resident and peak memory of a process, in MiB, from /proc/<pid>/status. */
export function memoryOf(proc) {
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** A nats-server with JetStream on a free port and a scratch store (NATS_SERVER_BIN, else `nats-server` on PATH). */
async function startNatsServer(children) {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'qinglian-bench-nats-'));
  // Its own process group: Ctrl-C in a terminal must not stop NATS before the apps have drained.
  const proc = spawn(process.env.NATS_SERVER_BIN ?? 'nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore', detached: true });
  let spawnError;
  proc.once('error', (e) => (spawnError = e));
  children.push(proc);
  const url = `nats://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await (await connect({ servers: url, reconnect: false })).close();
      break;
    } catch (e) {
      if (Date.now() > deadline || proc.exitCode !== null || spawnError) {
        rmSync(storeDir, { recursive: true, force: true });
        throw new Error(`nats-server on ${url} did not start: ${spawnError ?? e}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    rmSync(storeDir, { recursive: true, force: true });
  };
  return { url, proc, stop };
}

/**
 * A throwaway stack. `openBench()` creates the database and connects to NATS; `startPowerList()`
 * migrates it and starts the service; `startApprovals(env)` does the same for approvals (after
 * power-list, whose directory and power items it reads); `startGateway(env)` starts the gateway;
 * `close()` (also on Ctrl-C / SIGTERM, and idempotent) stops every child, runs the `defer`red
 * callbacks, deletes the JetStream streams and drops the database.
 */
export async function openBench() {
  const children = [];
  const deferred = [];
  const suffix = randomBytes(3).toString('hex');
  const dbName = `qinglian_bench_${randomBytes(4).toString('hex')}`;
  const eventsStream = `BENCH_${suffix.toUpperCase()}`;
  const sessionBucket = `bench_${suffix}`;
  const nats = SHARED_NATS_URL ? null : await startNatsServer(children);
  const natsUrl = SHARED_NATS_URL ?? nats.url;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  let nc;
  try {
    nc = await connect({ servers: natsUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
  } catch (e) {
    await nc?.close();
    await admin.end().catch(() => undefined);
    await nats?.stop();
    throw e;
  }

  let closing;
  const close = () =>
    (closing ??= (async () => {
      const running = children.filter((p) => p !== nats?.proc && p.exitCode === null && p.signalCode === null);
      for (const p of running) p.kill('SIGTERM');
      // A child that does not stop within 10 s is killed.
      const kill = setTimeout(() => running.forEach((p) => p.kill('SIGKILL')), 10_000);
      await Promise.all(running.map((p) => (p.exitCode === null && p.signalCode === null ? new Promise((r) => p.once('exit', r)) : null)));
      clearTimeout(kill);
      for (const fn of deferred.reverse()) await fn().catch((e) => console.error('cleanup:', e));
      if (nats) {
        // The private server's store goes with it.
        await nc.close();
        await nats.stop();
      } else {
        await jetstreamManager(nc)
          .then(async (jsm) => {
            await jsm.streams.delete(eventsStream).catch(() => false);
            await jsm.streams.delete(`KV_${sessionBucket}`).catch(() => false);
          })
          .catch((e) => console.error('cleanup: JetStream streams', eventsStream, `KV_${sessionBucket}`, e.message));
        await nc.close();
      }
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    })());
  const onSignal = (signal) => {
    process.stderr.write(`\n${signal}: cleaning up…\n`);
    close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  /** The database URL, as `user` (no password: local trust) or as the admin. */
  const dbUrl = (user) => {
    const u = new URL(PG_ADMIN);
    u.pathname = `/${dbName}`;
    if (user) {
      u.username = user;
      u.password = '';
    }
    return u.toString();
  };
  const svcEnv = { DATABASE_URL: dbUrl('qinglian_power_list'), MIGRATION_DATABASE_URL: dbUrl(), NATS_URL: natsUrl, EVENTS_SUBJECT_PREFIX: `bench${suffix}.evt`, EVENTS_STREAM: eventsStream };

  /** Starts a built app's script (dist/<app>/apps/<app>/src/<file>.js); it is stopped on close. */
  const start = (app, file, env, extraArgs = []) => {
    const args = [join(root, 'dist', app, 'apps', app, 'src', `${file}.js`), ...extraArgs];
    // BENCH_PROFILE=dir writes a V8 CPU profile of each app into dir (open in Chrome DevTools).
    if (process.env.BENCH_PROFILE && file === 'main') args.unshift('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, `--cpu-prof-name=${app}.cpuprofile`);
    const p = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, OTEL_TRACES_EXPORTER: 'none', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.output = () => out;
    children.push(p);
    return p;
  };

  const startPowerList = async () => {
    await exited(start('power-list', 'migrate', svcEnv));
    const healthPort = await freePort();
    const proc = start('power-list', 'main', { ...svcEnv, HEALTH_PORT: String(healthPort), DB_POOL_SIZE: '16' });
    return { proc, healthUrl: `http://127.0.0.1:${healthPort}` };
  };

  // Its own role, and a fresh key-encryption key: each tenant's SM2 signing key is made on its first
  // seal and stored encrypted under it. No deadline sweeps while measuring (one an hour).
  const startApprovals = async (env = {}) => {
    const approvalsEnv = {
      ...svcEnv,
      DATABASE_URL: dbUrl('qinglian_approvals'),
      SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DEADLINE_SWEEP_MS: '3600000',
      ...env,
    };
    await exited(start('approvals', 'migrate', approvalsEnv));
    const healthPort = await freePort();
    const proc = start('approvals', 'main', { ...approvalsEnv, HEALTH_PORT: String(healthPort), DB_POOL_SIZE: '16' });
    return { proc, healthUrl: `http://127.0.0.1:${healthPort}`, env: approvalsEnv };
  };

  const startGateway = async (env = {}) => {
    const port = await freePort();
    // Rate limits off: the benchmark is one address and one user by design.
    const proc = start('gateway', 'main', {
      NATS_URL: natsUrl,
      PORT: String(port),
      GATEWAY_DEV_AUTH: 'true',
      SESSION_BUCKET: sessionBucket,
      RATE_LIMIT_ADDRESS_PER_MINUTE: '100000000',
      RATE_LIMIT_USER_PER_MINUTE: '100000000',
      ...env,
    });
    return { proc, url: `http://127.0.0.1:${port}` };
  };

  return { nc, natsUrl, admin, dbName, dbUrl, svcEnv, start, startPowerList, startApprovals, startGateway, children, defer: (fn) => deferred.push(fn), close };
}

/** JSON client of the gateway's API as a dev caller (GATEWAY_DEV_AUTH); `post` expects 201. */
export function devClient(baseUrl, caller) {
  const headers = { 'content-type': 'application/json', 'x-qinglian-dev-caller': JSON.stringify(caller) };
  return {
    headers,
    async post(path, body) {
      const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async get(path) {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.headers.get('content-type')?.includes('json') ? res.json() : res.text();
    },
  };
}
