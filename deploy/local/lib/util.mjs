// Small helpers of the local launcher: console output, ports, polling, logs.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { relative } from 'node:path';

/** A failure the launcher explains in a few lines of its own (no stack trace). */
export class LaunchError extends Error {
  /**
   * @param {string} message what went wrong, Chinese first
   * @param {string} [hint] what to do about it
   */
  constructor(message, hint) {
    super(message);
    this.name = 'LaunchError';
    /** @type {string | undefined} */
    this.hint = hint;
  }
}

const tty = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
/** @param {string} code @param {string} s */
const paint = (code, s) => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
export const bold = (/** @type {string} */ s) => paint('1', s);
export const dim = (/** @type {string} */ s) => paint('2', s);
export const green = (/** @type {string} */ s) => paint('32', s);
export const red = (/** @type {string} */ s) => paint('31', s);
export const yellow = (/** @type {string} */ s) => paint('33', s);
export const cyan = (/** @type {string} */ s) => paint('36', s);

/** @param {string} line */
export function say(line) {
  process.stdout.write(`${line}\n`);
}

/** @param {string} line */
export function warn(line) {
  process.stderr.write(`${yellow(line)}\n`);
}

/** Seconds since this process started, one decimal. */
export function elapsed() {
  return process.uptime().toFixed(1);
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A path as the user would type it from the workspace root. */
export function shown(/** @type {string} */ root, /** @type {string} */ path) {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

/** Terminal columns a string takes (CJK and full-width characters count twice). */
export function displayWidth(/** @type {string} */ s) {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)) ? 2 : 1;
  }
  return w;
}

/**
 * Rows as aligned columns.
 * @param {string[][]} rows the first row is the header
 * @returns {string[]}
 */
export function table(rows) {
  const widths = /** @type {number[]} */ ([]);
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row, r) => {
    const line = row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)))).join('  ');
    return r === 0 ? dim(line) : line;
  });
}

/**
 * Whether nothing listens on the port (on any address): binding it briefly must succeed.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** A port nobody uses right now (the kernel's choice). @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1' }, () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether something accepts TCP connections on host:port. @returns {Promise<boolean>} */
export function portAnswers(/** @type {string} */ host, /** @type {number} */ port) {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (/** @type {boolean} */ ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.connect(port, host);
  });
}

/**
 * Reads an integer port from the environment.
 * @param {string} name
 * @param {number} fallback
 */
export function envPort(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new LaunchError(`${name} 必须是 1–65535 之间的端口号 / ${name} must be a port number 1–65535 (got ${JSON.stringify(raw)})`);
  return n;
}

/** The last lines of a log file, indented, for an error message. */
export function tail(/** @type {string} */ file, lines = 15) {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8').trimEnd();
  return text
    .split('\n')
    .slice(-lines)
    .map((l) => `    ${l.length > 400 ? `${l.slice(0, 400)}…` : l}`)
    .join('\n');
}

/**
 * Polls until `check` returns true; throws the message of `failure()` when it returns one, or on timeout.
 * @param {() => Promise<boolean>} check
 * @param {{ timeoutMs: number, intervalMs?: number, failure?: () => string | undefined, what: string | (() => string) }} options
 */
export async function waitUntil(check, options) {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const failed = options.failure?.();
    if (failed) throw new LaunchError(failed);
    if (await check()) return;
    if (Date.now() > deadline) throw new LaunchError(`${typeof options.what === 'function' ? options.what() : options.what}：${Math.round(options.timeoutMs / 1000)} 秒内未就绪 / not ready within ${Math.round(options.timeoutMs / 1000)} s`);
    await sleep(options.intervalMs ?? 100);
  }
}

/** Whether GET url answers 200. @returns {Promise<boolean>} */
export async function httpOk(/** @type {string} */ url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}
