// NATS for the local run: the servers NATS_URL names, or a nats-server (with JetStream, its store
// under <state>/nats) that the launcher starts — installed with apt-get on Debian/Ubuntu as root.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { LaunchError, portAnswers, say, shown, tail, waitUntil } from './util.mjs';

/**
 * Checks that at least one server of NATS_URL accepts connections.
 * @param {string} url comma-separated nats:// URLs
 */
export async function useExternalNats(url) {
  const servers = url.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of servers) {
    /** @type {URL} */
    let u;
    try {
      u = new URL(s);
    } catch {
      throw new LaunchError(`NATS_URL 格式不对 / NATS_URL is not nats://host:port (got ${JSON.stringify(s)})`);
    }
    if (await portAnswers(u.hostname, Number(u.port || 4222))) return { url, describe: `NATS_URL ${url}` };
  }
  throw new LaunchError(`NATS_URL 无法连接 / nothing answers at NATS_URL=${url}`, '去掉 NATS_URL 让启动器自己运行 nats-server / unset NATS_URL to let the launcher run a nats-server');
}

/** The nats-server binary; installed first on Debian/Ubuntu as root, else how to install it. */
export async function ensureNatsServer() {
  return findNatsServer() ?? (await installNatsServer());
}

/**
 * Starts a nats-server with JetStream on 127.0.0.1:<port>, its store kept in storeDir.
 * @param {{ sup: import('./processes.mjs').Supervisor, root: string, bin: string, storeDir: string, port: number }} options
 */
export async function startNats({ sup, root, bin, storeDir, port }) {
  mkdirSync(storeDir, { recursive: true });
  const server = sup.start('nats', bin, ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)], { env: { PATH: process.env['PATH'] }, tier: 2 });
  await waitUntil(async () => existsSync(server.logPath) && readFileSync(server.logPath, 'utf8').includes('Server is ready'), {
    what: 'nats-server',
    timeoutMs: 20_000,
    failure: () => (server.exit ? `nats-server 已退出 / nats-server exited — 日志 log: ${shown(root, server.logPath)}\n${tail(server.logPath)}` : undefined),
  });
  return { url: `nats://127.0.0.1:${port}`, describe: `nats-server, ${shown(root, storeDir)}, 127.0.0.1:${port}` };
}

/** nats-server from NATS_SERVER_BIN, PATH, or where Debian puts it (/usr/sbin). */
function findNatsServer() {
  const explicit = process.env['NATS_SERVER_BIN'];
  if (explicit) return explicit;
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** On Debian/Ubuntu as root: apt-get install nats-server, saying so first. Otherwise: how to install it. */
async function installNatsServer() {
  const debian = existsSync('/etc/debian_version') && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (debian && process.getuid?.() === 0) {
    say('› 未找到 nats-server，现在用 apt-get 安装 / nats-server not found: installing it with `apt-get install -y nats-server`…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let ok = await run('apt-get', ['install', '-y', '-q', 'nats-server'], env);
    if (!ok) ok = (await run('apt-get', ['update', '-q'], env)) && (await run('apt-get', ['install', '-y', '-q', 'nats-server'], env));
    const bin = ok ? findNatsServer() : undefined;
    if (bin) return bin;
    throw new LaunchError('安装 nats-server 失败 / installing nats-server failed (see the apt-get output above)');
  }
  const command = debian
    ? 'sudo apt-get install -y nats-server'
    : process.platform === 'darwin'
      ? 'brew install nats-server'
      : 'curl -sf https://binaries.nats.dev/nats-io/nats-server/v2@latest | sh   # https://github.com/nats-io/nats-server/releases';
  throw new LaunchError('未找到 nats-server / nats-server is not installed', `先安装 / install it first:\n    ${command}\n  或用现有的 / or use yours: NATS_URL=nats://host:4222 npm start`);
}

/**
 * Runs a command with its output on the terminal.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<boolean>}
 */
function run(command, args, env) {
  return new Promise((resolve) => {
    const p = spawn(command, args, { stdio: 'inherit', env });
    p.once('error', () => resolve(false));
    p.once('exit', (code) => resolve(code === 0));
  });
}
