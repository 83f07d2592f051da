// The processes the launcher starts: each in its own process group (so a terminal's Ctrl-C reaches
// only the launcher, which then stops them in order), output to a log file, registered with a
// watchdog that stops them if the launcher itself dies without cleaning up (e.g. SIGKILL).
import { spawn } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './util.mjs';

/**
 * Stop order: services first, then the gateway and the realm, then NATS and PostgreSQL.
 * @typedef {0 | 1 | 2} Tier
 */

/**
 * @typedef {object} StartOptions
 * @property {NodeJS.ProcessEnv} env
 * @property {Tier} tier
 * @property {string} [log] log file name without `.log` (defaults to the process name)
 * @property {NodeJS.Signals} [stopSignal] signal that asks it to stop (SIGTERM)
 * @property {boolean} [signalGroup] send the stop signal to the whole group (true) or the leader only
 * @property {number} [uid]
 * @property {number} [gid]
 * @property {boolean} [oneShot] a command that runs to completion (its exit is not a failure)
 */

/**
 * @typedef {object} Managed
 * @property {string} name
 * @property {number} pid also its process group id
 * @property {Tier} tier
 * @property {NodeJS.Signals} stopSignal
 * @property {boolean} signalGroup
 * @property {string} logPath
 * @property {boolean} oneShot
 * @property {{ code: number | null, signal: NodeJS.Signals | null } | undefined} exit
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 */

export class Supervisor {
  /**
   * @param {{ cwd: string, logDir: string, pidsFile?: string | undefined }} options
   */
  constructor(options) {
    this.cwd = options.cwd;
    this.logDir = options.logDir;
    this.pidsFile = options.pidsFile;
    /** @type {Managed[]} */
    this.children = [];
    /** @type {Set<string>} log files opened (and emptied) in this run */
    this.logsOpened = new Set();
    /** @type {(m: Managed) => void} called when a long-running child exits while not stopping */
    this.onUnexpectedExit = () => undefined;
    this.stopping = false;
    mkdirSync(this.logDir, { recursive: true });
    if (this.pidsFile) mkdirSync(dirname(this.pidsFile), { recursive: true });
    this.watchdog = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'watchdog.mjs')], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    this.watchdogExited = new Promise((resolve) => this.watchdog.once('exit', resolve));
    // The watchdog must not keep the launcher alive, and its pipe must not crash us if it dies.
    this.watchdog.stdin?.on('error', () => undefined);
    this.recordPid(this.watchdog.pid ?? 0, 'watchdog');
  }

  /** The log file of a name; emptied the first time it is used in this run. */
  logPath(/** @type {string} */ name) {
    return join(this.logDir, `${name}.log`);
  }

  /**
   * Starts a process in its own process group with stdout and stderr going to its log file.
   * @param {string} name
   * @param {string} command
   * @param {string[]} args
   * @param {StartOptions} options
   * @returns {Managed}
   */
  start(name, command, args, options) {
    if (this.stopping) throw new Error(`not starting ${name}: stopping`);
    const logPath = this.logPath(options.log ?? name);
    const fd = openSync(logPath, this.logsOpened.has(logPath) ? 'a' : 'w');
    this.logsOpened.add(logPath);
    appendFileSync(fd, `--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
    /** @type {import('node:child_process').SpawnOptions} */
    const spawnOptions = { cwd: this.cwd, env: options.env, detached: true, stdio: ['ignore', fd, fd] };
    if (options.uid !== undefined) spawnOptions.uid = options.uid;
    if (options.gid !== undefined) spawnOptions.gid = options.gid;
    const proc = spawn(command, args, spawnOptions);
    closeSync(fd);
    /** @type {Managed} */
    const m = {
      name,
      pid: proc.pid ?? 0,
      tier: options.tier,
      stopSignal: options.stopSignal ?? 'SIGTERM',
      signalGroup: options.signalGroup ?? true,
      logPath,
      oneShot: options.oneShot ?? false,
      exit: undefined,
      exited: new Promise((resolve) => {
        proc.once('error', (e) => {
          appendFileSync(logPath, `launcher: could not start ${command}: ${e.message}\n`);
          m.exit = { code: 127, signal: null };
          resolve(m.exit);
        });
        proc.once('exit', (code, signal) => {
          m.exit = { code, signal };
          this.watchdogSend(`del ${m.pid}`);
          resolve(m.exit);
          if (!m.oneShot && !this.stopping) this.onUnexpectedExit(m);
        });
      }),
    };
    if (m.pid) {
      this.children.push(m);
      this.recordPid(m.pid, name);
      this.watchdogSend(`add ${m.pid} ${m.tier} ${m.stopSignal} ${m.signalGroup ? 'group' : 'leader'}`);
    }
    return m;
  }

  /**
   * Runs a command to completion; resolves with its exit code.
   * @param {string} name
   * @param {string} command
   * @param {string[]} args
   * @param {Omit<StartOptions, 'tier' | 'oneShot'>} options
   */
  async run(name, command, args, options) {
    const m = this.start(name, command, args, { ...options, tier: 0, oneShot: true });
    const { code } = await m.exited;
    return { code, logPath: m.logPath };
  }

  /**
   * Stops everything still running, tier by tier, each within `graceMs` before SIGKILL.
   * @param {number} graceMs
   */
  async stopAll(graceMs = 15_000) {
    this.stopping = true;
    for (const tier of /** @type {Tier[]} */ ([0, 1, 2])) {
      await Promise.all(this.children.filter((m) => m.tier === tier && !m.exit).map((m) => this.stop(m, graceMs)));
    }
    await this.closeWatchdog();
  }

  /** Kills everything at once (a second Ctrl-C). */
  async killAll() {
    this.stopping = true;
    for (const m of this.children) if (!m.exit) signal(m.pid, true, 'SIGKILL');
    await Promise.race([Promise.all(this.children.map((m) => m.exited)), sleep(5000)]);
    await this.closeWatchdog();
  }

  /**
   * @param {Managed} m
   * @param {number} graceMs
   */
  async stop(m, graceMs) {
    if (m.exit) return;
    signal(m.pid, m.signalGroup, m.stopSignal);
    const done = await Promise.race([m.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!done) {
      signal(m.pid, true, 'SIGKILL');
      await m.exited;
    }
  }

  async closeWatchdog() {
    this.watchdog.stdin?.end();
    await Promise.race([this.watchdogExited, sleep(3000)]);
  }

  /** @param {string} line */
  watchdogSend(line) {
    if (this.watchdog.stdin?.writable) this.watchdog.stdin.write(`${line}\n`);
  }

  /**
   * @param {number} pid
   * @param {string} name
   */
  recordPid(pid, name) {
    if (this.pidsFile && pid) appendFileSync(this.pidsFile, `${pid} ${name}\n`);
  }
}

/**
 * @param {number} pid
 * @param {boolean} group
 * @param {NodeJS.Signals} sig
 */
function signal(pid, group, sig) {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    // already gone
  }
}
