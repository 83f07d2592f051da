// `npm start`: the whole platform on this machine — build, PostgreSQL, NATS, migrations, tenant
// registry, dev realm, the five services, the gateway with the console, demo data on the first run —
// then the URL and the demo sign-ins. Ctrl-C stops everything it started. Plain Node (no build
// needed to run it); configuration from the environment (deploy/local/README.md lists it).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoLoaded, loadPowerList, markDemoLoaded } from './lib/demo.mjs';
import { ensureNatsServer, startNats, useExternalNats } from './lib/nats.mjs';
import { localSecrets, startEmbeddedPostgres, useExternalPostgres } from './lib/postgres.mjs';
import { Supervisor } from './lib/processes.mjs';
import { readRealm, REALM_JSON, roleLabeller } from './lib/realm-data.mjs';
import { bold, cyan, dim, elapsed, envPort, freePort, green, httpOk, LaunchError, portIsFree, red, say, shown, table, tail, waitUntil } from './lib/util.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Each service and its PostgreSQL schema (its runtime role is `qinglian_<schema>`). */
const SERVICES = /** @type {const} */ ({
  'power-list': 'power_list',
  approvals: 'approvals',
  'risk-registry': 'risk_registry',
  assessment: 'assessment',
  accountability: 'accountability',
});
const REALM = 'qinglian';

/** Everything the launcher reads from the environment, with defaults. */
function readConfig() {
  const env = process.env;
  const port = envPort('PORT', 3000);
  const realmPort = envPort('LOCAL_REALM_PORT', 8080);
  const stateDir = resolve(root, env['LOCAL_STATE_DIR'] || '.local');
  const publicUrl = (env['PUBLIC_URL'] || `http://127.0.0.1:${port}`).replace(/\/$/, '');
  const realmUrl = `http://127.0.0.1:${realmPort}`;
  return {
    port,
    realmPort,
    pgPort: envPort('LOCAL_PG_PORT', 54329),
    natsPort: envPort('LOCAL_NATS_PORT', 4322),
    databaseUrl: env['DATABASE_URL'] || undefined,
    natsUrl: env['NATS_URL'] || undefined,
    stateDir,
    logDir: join(stateDir, 'logs'),
    pidsFile: env['LOCAL_PIDS_FILE'] ? resolve(env['LOCAL_PIDS_FILE']) : undefined,
    skipBuild: ['1', 'true'].includes(env['LOCAL_SKIP_BUILD'] ?? ''),
    publicUrl,
    realmUrl,
    issuer: `${realmUrl}/realms/${REALM}`,
    consoleSecret: env['DEV_REALM_CONSOLE_SECRET'] || 'qinglian-console-dev-secret',
    serviceSecret: env['DEV_REALM_SERVICE_SECRET'] || 'qinglian-service-dev-secret',
  };
}

/** @type {Supervisor | undefined} */
let sup;
let ready = false;
/** @type {Promise<void> | undefined} */
let stopping;

/**
 * Stops everything this run started (services, then gateway and realm, then NATS and PostgreSQL) and exits.
 * @param {number} code
 */
function shutdown(code) {
  stopping ??= (async () => {
    if (sup) {
      say(dim('› 正在停止 / stopping…（再按 Ctrl-C 强制 / Ctrl-C again to force）'));
      await sup.stopAll();
    }
    say(code === 0 ? '› 已全部停止 / everything stopped.' : red('› 已停止 / stopped.'));
    process.exit(code);
  })();
  return stopping;
}

/** @param {NodeJS.Signals} sig */
function onSignal(sig) {
  if (stopping) {
    say(red(`› ${sig}: 强制停止 / forcing`));
    void (sup ? sup.killAll() : Promise.resolve()).then(() => process.exit(130));
    return;
  }
  process.stdout.write('\n');
  void shutdown(0);
}

/** @param {unknown} e */
function fail(e) {
  if (stopping) return; // the failure is a consequence of stopping
  if (e instanceof LaunchError) {
    say(red(`✗ ${e.message}`));
    if (e.hint) say(`  ${e.hint}`);
  } else {
    say(red(`✗ ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  }
  void shutdown(1);
}

async function main() {
  for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(sig, () => onSignal(sig));
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  const config = readConfig();
  say(bold('清廉 Qinglian — 本地运行 / local run'));

  // Ports first: nothing is started when one is taken.
  /** @type {[number, string, string][]} */
  const ports = [
    [config.port, 'PORT', 'gateway'],
    [config.realmPort, 'LOCAL_REALM_PORT', 'dev realm'],
  ];
  if (!config.databaseUrl) ports.push([config.pgPort, 'LOCAL_PG_PORT', 'embedded PostgreSQL; or use yours: DATABASE_URL=postgres://…']);
  if (!config.natsUrl) ports.push([config.natsPort, 'LOCAL_NATS_PORT', 'nats-server; or use yours: NATS_URL=nats://…']);
  for (const [port, variable, what] of ports) {
    if (!(await portIsFree(port))) throw new LaunchError(`端口 ${port} 已被占用 / port ${port} is in use`, `换一个端口 / pick another: ${variable}=<port> npm start  (${what})`);
  }

  mkdirSync(config.logDir, { recursive: true });
  if (config.pidsFile) writeFileSync(config.pidsFile, '');
  sup = new Supervisor({ cwd: root, logDir: config.logDir, pidsFile: config.pidsFile });
  const s = sup;
  s.onUnexpectedExit = (m) => {
    if (!ready) return; // the readiness waits report it
    say(red(`✗ ${m.name} 意外退出 / exited unexpectedly (${m.exit?.signal ?? `code ${m.exit?.code}`}) — 日志 log: ${shown(root, m.logPath)}`));
    say(tail(m.logPath));
    void shutdown(1);
  };

  const natsBin = config.natsUrl ? undefined : await ensureNatsServer();
  if (!config.skipBuild) await build(s);
  checkBuilt();
  const realmData = readRealm(root);

  const secrets = localSecrets(join(config.stateDir, 'secrets.json'));
  const runtimePassword = process.env['DB_RUNTIME_PASSWORD'] || secrets.runtimePassword;
  const baseEnv = childEnv();

  // The realm needs neither database nor NATS: it starts while they do.
  const realm = s.start('dev-realm', process.execPath, [entry('dev-realm')], {
    tier: 1,
    env: {
      ...baseEnv,
      PORT: String(config.realmPort),
      DEV_REALM_URL: config.realmUrl,
      DEV_REALM_REALM: REALM,
      DEV_REALM_CONSOLE_URLS: consoleUrls(config).join(','),
      DEV_REALM_CONSOLE_SECRET: config.consoleSecret,
      DEV_REALM_SERVICE_SECRET: config.serviceSecret,
      DEV_REALM_KEY_FILE: join(config.stateDir, 'realm-key.json'),
    },
  });

  const [db, nats] = await Promise.all([
    config.databaseUrl
      ? useExternalPostgres(config.databaseUrl)
      : startEmbeddedPostgres({ sup: s, root, dataDir: join(config.stateDir, 'postgres'), port: config.pgPort, password: secrets.postgresPassword }),
    natsBin ? startNats({ sup: s, root, bin: natsBin, storeDir: join(config.stateDir, 'nats'), port: config.natsPort }) : useExternalNats(config.natsUrl ?? ''),
  ]);
  say(`› PostgreSQL: ${db.describe}${db.initialised ? dim('（首次运行，已初始化 / first run: initialised）') : ''}`);
  say(`› NATS: ${nats.describe}`);

  /** @param {string} service */
  const serviceEnv = (service) => ({
    ...baseEnv,
    DATABASE_URL: roleUrl(db.adminUrl, `qinglian_${SERVICES[/** @type {keyof typeof SERVICES} */ (service)]}`, runtimePassword),
    NATS_URL: nats.url,
    ...(service === 'approvals' ? { SIGNING_KEY_ENCRYPTION_KEY: process.env['SIGNING_KEY_ENCRYPTION_KEY'] || secrets.signingKeyEncryptionKey } : {}),
  });

  // One service at a time: migrate it, then start it while the next one migrates. (Migrations of
  // different services on one database at once can collide on shared catalog rows, e.g. the
  // database's GRANTs: "tuple concurrently updated".) The tenant registry lives in power-list's
  // schema, so it is filled right after power-list's migrations.
  const t = Date.now();
  /** @type {{ proc: import('./lib/processes.mjs').Managed, url: string }[]} */
  const services = [];
  for (const service of Object.keys(SERVICES)) {
    const { code, logPath } = await s.run(`${service}-migrate`, process.execPath, [entry(service, 'migrate')], {
      log: service,
      env: { ...serviceEnv(service), MIGRATION_DATABASE_URL: db.adminUrl, DB_RUNTIME_PASSWORD: runtimePassword },
    });
    if (code !== 0) throw new LaunchError(`${service} 迁移失败 / migrations failed — 日志 log: ${shown(root, logPath)}\n${tail(logPath)}`);
    if (service === 'power-list') await registerTenants(s, realmData.tenants, db.adminUrl, serviceEnv(service));
    const healthPort = await freePort();
    const proc = s.start(service, process.execPath, [...telemetry(service), entry(service)], {
      tier: 0,
      env: { ...serviceEnv(service), HEALTH_PORT: String(healthPort) },
    });
    services.push({ proc, url: `http://127.0.0.1:${healthPort}/health/ready` });
  }
  await waitReady(realm, `${config.realmUrl}/health/ready`);
  const gateway = s.start('gateway', process.execPath, [...telemetry('gateway'), entry('gateway')], {
    tier: 1,
    env: {
      ...baseEnv,
      NATS_URL: nats.url,
      PORT: String(config.port),
      PUBLIC_URL: config.publicUrl,
      OIDC_ISSUER: config.issuer,
      OIDC_CLIENT_ID: 'qinglian-console',
      OIDC_CLIENT_SECRET: config.consoleSecret,
      OIDC_AUDIENCE: 'qinglian-api',
      WEB_ROOT: join(root, 'dist/web'),
    },
  });
  const gatewayUrl = `http://127.0.0.1:${config.port}`;
  await Promise.all([...services.map((x) => waitReady(x.proc, x.url)), waitReady(gateway, `${gatewayUrl}/health/ready`)]);
  say(`› 迁移、租户登记，认证服务、5 个服务和网关已启动 / migrations, tenants; realm, 5 services and gateway up ${dim(`${((Date.now() - t) / 1000).toFixed(1)} s`)}`);

  // Demo data, first run only.
  if (await demoLoaded(db.adminUrl)) {
    say(`› 演示数据 / demo data: ${dim('已有，保留 / already loaded, kept')}`);
  } else {
    const passwords = new Map(realmData.users.map((u) => [u.username, u.password]));
    const result = await loadPowerList({ gatewayUrl, issuer: config.issuer, file: join(root, 'deploy/local/demo/power-list-demo.json'), passwordOf: (u) => passwords.get(u) ?? '' });
    await markDemoLoaded(db.adminUrl, result);
    const s = result['gy-sasac'];
    say(`› 演示数据 / demo data: 广元市国资委 权力事项 ${s?.powerItems ?? 0} 个（已发布 ${s?.published ?? 0}），责任清单 ${s?.lists ?? 0} 份，组织目录与领导班子 / ${s?.powerItems ?? 0} power items (${s?.published ?? 0} published), ${s?.lists ?? 0} responsibility lists, directory and leadership team`);
  }

  ready = true;
  printSummary(config, db, nats, realmData);
}

/**
 * `nx run-many -t build` (cached: a second run takes a couple of seconds).
 * @param {Supervisor} s
 */
async function build(s) {
  const t = Date.now();
  const first = !existsSync(join(root, 'dist/gateway'));
  say(`› 构建 / build${first ? dim('（首次需几分钟 / the first build takes a few minutes）') : ''}…`);
  const nx = join(root, 'node_modules/.bin/nx');
  if (!existsSync(nx)) throw new LaunchError('缺少依赖 / dependencies are missing', '先运行 / run first: npm ci  (npm start does it for you)');
  const { code, logPath } = await s.run('build', nx, ['run-many', '-t', 'build', '--output-style=static'], {
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' },
  });
  if (code !== 0) throw new LaunchError(`构建失败 / the build failed — 日志 log: ${shown(root, logPath)}\n${tail(logPath, 25)}`);
  say(`  ${dim(`${((Date.now() - t) / 1000).toFixed(1)} s`)}`);
}

/** Every built file the launcher runs must be there. */
function checkBuilt() {
  const needed = [entry('dev-realm'), entry('gateway'), ...Object.keys(SERVICES).flatMap((s) => [entry(s), entry(s, 'migrate')]), entry('power-list', 'tenants'), join(root, 'dist/web/index.html'), join(root, REALM_JSON)];
  const missing = needed.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new LaunchError(`缺少构建产物 / not built: ${missing.map((f) => shown(root, f)).join(', ')}`, '运行 / run: npx nx run-many -t build');
  }
}

/**
 * @param {string} app
 * @param {string} [file]
 */
function entry(app, file = 'main') {
  return join(root, 'dist', app, 'apps', app, 'src', `${file}.js`);
}

/** The OpenTelemetry preload, when traces are exported (it only costs start-up time otherwise). */
function telemetry(/** @type {string} */ app) {
  const exporter = process.env['OTEL_TRACES_EXPORTER'];
  const preload = join(root, 'dist', app, 'libs/telemetry/src/register.js');
  return exporter && exporter !== 'none' && existsSync(preload) ? ['--import', preload] : [];
}

/** The environment every child starts from: ours without the launcher's own database and port settings. */
function childEnv() {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NODE_ENV: 'development' };
  for (const k of ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'DB_RUNTIME_PASSWORD', 'HEALTH_PORT', 'PORT', 'NATS_URL', 'LOCAL_PIDS_FILE']) delete env[k];
  env['OTEL_TRACES_EXPORTER'] ||= 'none';
  // Ctrl-C should not wait 10 s per service for requests that are not coming.
  env['SHUTDOWN_TIMEOUT_MS'] ||= '3000';
  return env;
}

/** Console base URLs the realm may redirect back to. */
function consoleUrls(/** @type {ReturnType<typeof readConfig>} */ config) {
  const urls = [config.publicUrl];
  if (!process.env['PUBLIC_URL']) urls.push(`http://localhost:${config.port}`);
  return urls;
}

/**
 * The admin URL with a service's runtime role and password instead.
 * @param {string} adminUrl
 * @param {string} role
 * @param {string} password
 */
function roleUrl(adminUrl, role, password) {
  const u = new URL(adminUrl);
  u.username = role;
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Registers the realm's organizations as the platform's tenants (`tenants.js`, as the owner role).
 * @param {Supervisor} s
 * @param {import('./lib/realm-data.mjs').Tenant[]} tenants
 * @param {string} adminUrl
 * @param {NodeJS.ProcessEnv} env
 */
async function registerTenants(s, tenants, adminUrl, env) {
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-tenants-'));
  try {
    const file = join(dir, 'tenants.json');
    writeFileSync(file, JSON.stringify({ tenants }, null, 2));
    const { code, logPath } = await s.run('tenants', process.execPath, [entry('power-list', 'tenants'), file], { env: { ...env, MIGRATION_DATABASE_URL: adminUrl } });
    if (code !== 0) throw new LaunchError(`租户登记失败 / registering the tenants failed — 日志 log: ${shown(root, logPath)}\n${tail(logPath)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits for a process's readiness probe; a clear message naming its log when it dies or stalls.
 * @param {import('./lib/processes.mjs').Managed} proc
 * @param {string} url
 */
function waitReady(proc, url) {
  return waitUntil(() => httpOk(url), {
    what: `${proc.name} (${url}) — 日志 log: ${shown(root, proc.logPath)}`,
    timeoutMs: 90_000,
    failure: () => (proc.exit ? `${proc.name} 启动失败 / failed to start (${proc.exit.signal ?? `exit code ${proc.exit.code}`}) — 日志 log: ${shown(root, proc.logPath)}\n${tail(proc.logPath)}` : undefined),
  });
}

/**
 * @param {ReturnType<typeof readConfig>} config
 * @param {import('./lib/postgres.mjs').Database} db
 * @param {{ describe: string }} nats
 * @param {ReturnType<typeof readRealm>} realmData
 */
function printSummary(config, db, nats, realmData) {
  const label = roleLabeller(root);
  const passwords = [...new Set(realmData.users.map((u) => u.password))];
  say('');
  for (const line of table([
    ['', ''],
    ['控制台 Console', bold(cyan(config.publicUrl))],
    ['接口文档 API docs', `${config.publicUrl}/api/docs`],
    ['认证 Dev realm', `${config.issuer} ${dim('(仅供本地和测试 / local runs and tests only)')}`],
    ['数据库 PostgreSQL', `${db.describe}${db.embedded ? dim(` (密码 password: ${shown(root, join(config.stateDir, 'secrets.json'))})`) : ''}`],
    ['消息 NATS', nats.describe],
    ['日志 Logs', `${shown(root, config.logDir)}/<app>.log`],
  ]).slice(1)) {
    say(`  ${line}`);
  }
  say('');
  say(`  ${bold('演示账号 / demo sign-ins')}${passwords.length === 1 ? ` — 密码 password: ${bold(passwords[0] ?? '')}` : ''}`);
  // One aligned table, printed in groups under each tenant's name.
  const withPassword = passwords.length > 1;
  const lines = table([
    ['用户名 username', '姓名 name', '角色 roles', ...(withPassword ? ['密码 password'] : [])],
    ...realmData.users.map((u) => [u.username, u.name, u.roles.map(label).join('、') || '—', ...(withPassword ? [u.password] : [])]),
  ]);
  say(`    ${lines[0] ?? ''}`);
  const groups = [...realmData.tenants.map((t) => ({ alias: t.alias, title: `${t.name} ${dim(`(${t.alias})`)}` })), { alias: '', title: `无租户 / no organization ${dim('(登录后得 401 / gets 401)')}` }];
  for (const g of groups) {
    const members = realmData.users.flatMap((u, i) => (u.tenant === g.alias ? [lines[i + 1] ?? ''] : []));
    if (members.length === 0) continue;
    say(`  ${g.title}`);
    for (const line of members) say(`    ${line}`);
  }
  say('');
  say(green(bold(`✓ 就绪 / ready in ${elapsed()} s`)) + dim('  — 按 Ctrl-C 停止 / Ctrl-C to stop'));
}

// Node exits when main's promise settles only if nothing is running; children keep it alive.
main().catch(fail);
process.on('exit', () => {
  // Last resort on an exit path that skipped shutdown: the watchdog also does this.
  for (const m of sup?.children ?? []) {
    try {
      if (!m.exit) process.kill(-m.pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
});
