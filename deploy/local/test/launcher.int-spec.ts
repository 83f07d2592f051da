// Smoke test of `npm start`: deploy/local/start.mjs as a real process against the CI's PostgreSQL (a
// fresh database) and NATS (this run's own event stream and session bucket), on free ports. It waits
// for the readiness line, signs in through the dev realm's login page, reads the demo power items,
// stops the launcher with SIGINT as a terminal's Ctrl-C would, and checks that nothing it started is
// left. A second start on the same database keeps the data and does not load it again.
import { createTestDatabase, freePort, signIn, type TestDatabase, testEnv, workspaceRoot } from '@qinglian/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = workspaceRoot();
const DEMO_PASSWORD = 'Qinglian@2026';
const fixture = JSON.parse(readFileSync(join(root, 'deploy/local/demo/power-items.json'), 'utf8')) as { items: { code: string }[] };
const demoCodes = fixture.items.map((i) => i.code).sort();

interface Launcher {
  readonly proc: ChildProcess;
  readonly output: () => string;
  readonly gatewayUrl: string;
  readonly pidsFile: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('npm start (deploy/local/start.mjs)', () => {
  let db: TestDatabase | undefined;
  let stateDir: string;
  const suffix = randomBytes(4).toString('hex');
  const eventsStream = `T${suffix.toUpperCase()}_EVENTS`;
  const sessionBucket = `t${suffix}_sessions`;
  const running: Launcher[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('qinglian_local');
    stateDir = mkdtempSync(join(tmpdir(), 'qinglian-local-'));
  });

  afterAll(async () => {
    // A launcher a failed test left running: Ctrl-C, then kill (its watchdog stops the rest).
    for (const l of running) {
      if (l.proc.exitCode === null && l.proc.signalCode === null) {
        l.proc.kill('SIGINT');
        const stopped = await Promise.race([l.exited.then(() => true), sleep(20_000).then(() => false)]);
        if (!stopped) l.proc.kill('SIGKILL');
      }
    }
    const nc = await connect({ servers: testEnv.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      for (const stream of [eventsStream, `KV_${sessionBucket}`]) await jsm.streams.delete(stream).catch(() => false);
    } finally {
      await nc.close();
    }
    await db?.drop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  async function start(run: string): Promise<Launcher> {
    if (!db) throw new Error('no test database');
    const port = await freePort();
    const pidsFile = join(stateDir, `pids-${run}`);
    const proc = spawn(process.execPath, [join(root, 'deploy/local/start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.adminUrl,
        NATS_URL: testEnv.natsUrl,
        PORT: String(port),
        LOCAL_REALM_PORT: String(await freePort()),
        LOCAL_STATE_DIR: stateDir,
        LOCAL_PIDS_FILE: pidsFile,
        // The integration target built every app already.
        LOCAL_SKIP_BUILD: 'true',
        EVENTS_STREAM: eventsStream,
        EVENTS_SUBJECT_PREFIX: `t${suffix}.evt`,
        SESSION_BUCKET: sessionBucket,
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: string[] = [];
    proc.stdout.setEncoding('utf8').on('data', (d: string) => chunks.push(d));
    proc.stderr.setEncoding('utf8').on('data', (d: string) => chunks.push(d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    const launcher: Launcher = { proc, output: () => chunks.join(''), gatewayUrl: `http://127.0.0.1:${port}`, pidsFile, exited };
    running.push(launcher);
    const deadline = Date.now() + 90_000;
    while (!/ready in \d+\.\d s/.test(launcher.output())) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`the launcher exited before it was ready:\n${launcher.output()}\n${logs(stateDir)}`);
      if (Date.now() > deadline) throw new Error(`the launcher was not ready within 90 s:\n${launcher.output()}\n${logs(stateDir)}`);
      await sleep(100);
    }
    return launcher;
  }

  async function stop(launcher: Launcher): Promise<void> {
    launcher.proc.kill('SIGINT');
    const exit = await Promise.race([launcher.exited, sleep(30_000).then(() => 'timeout' as const)]);
    expect({ exit, output: exit === 'timeout' || exit.code !== 0 ? launcher.output() : '' }).toEqual({ exit: { code: 0, signal: null }, output: '' });
    expect(leftovers(launcher)).toEqual([]);
  }

  async function powerItemCodes(launcher: Launcher, username: string): Promise<string[]> {
    const session = await signIn(launcher.gatewayUrl, username, DEMO_PASSWORD);
    const res = await fetch(`${launcher.gatewayUrl}/api/v1/power-items?limit=200`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { code: string }[]; total: number };
    return body.items.map((i) => i.code).sort();
  }

  it('starts everything, serves the demo data to a signed-in user, and leaves nothing running after Ctrl-C', async () => {
    const first = await start('first');
    expect(first.output()).toContain(first.gatewayUrl);
    expect(first.output()).toMatch(/gzw-admin\s+\S+\s+租户管理员/);
    expect(first.output()).toContain('5 published');

    const page = await fetch(`${first.gatewayUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(await powerItemCodes(first, 'gzw-inspector')).toEqual(demoCodes);
    await stop(first);

    // Same database: the data is kept and not loaded twice.
    const second = await start('second');
    expect(second.output()).toContain('already loaded');
    expect(await powerItemCodes(second, 'gzw-admin')).toEqual(demoCodes);
    await stop(second);
  });
});

/** Resolves after ms without keeping the test process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Processes still alive that the launcher started: the launcher itself, and any process in one of
 * the process groups it created (each child leads its own group, so this includes grandchildren).
 */
function leftovers(launcher: Launcher): string[] {
  const started = readFileSync(launcher.pidsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split(' ')[0]));
  const groups = new Set([...started, launcher.proc.pid ?? 0]);
  const left: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && (groups.has(Number(entry)) || groups.has(Number(pgrp)))) {
        left.push(`${entry}: ${readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
      }
    } catch {
      // exited while we looked
    }
  }
  return left;
}

/** The launcher's log files, for a failure message. */
function logs(stateDir: string): string {
  const dir = join(stateDir, 'logs');
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'utf8').split('\n').slice(-20).join('\n')}`)
    .join('\n');
}
