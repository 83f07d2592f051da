import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root (the folder holding nx.json), found from this file's location. */
export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('workspace root (nx.json) not found');
    dir = up;
  }
  return dir;
}

/** The built entry of an app (`nx run <app>:build` writes it). */
export function appEntry(app: string, file = 'main'): string {
  const entry = join(workspaceRoot(), 'dist', app, 'apps', app, 'src', `${file}.js`);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npx nx run ${app}:build\` first`);
  return entry;
}

export interface ExitResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A built app running as a real child process, its output kept for assertions. */
export class AppProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  private readonly exited: Promise<ExitResult>;
  private exitResult: ExitResult | undefined;

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => this.stdout.push(d));
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => this.stderr.push(d));
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        this.exitResult = { code, signal };
        resolve(this.exitResult);
      }),
    );
  }

  get running(): boolean {
    return this.exitResult === undefined;
  }

  get output(): string {
    return this.stdout.join('') + this.stderr.join('');
  }

  waitForExit(timeoutMs = 30_000): Promise<ExitResult> {
    return Promise.race([
      this.exited,
      new Promise<ExitResult>((_, reject) => setTimeout(() => reject(new Error(`${this.name} did not exit within ${timeoutMs} ms\n${this.output}`)), timeoutMs).unref()),
    ]);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30_000): Promise<ExitResult> {
    if (!this.running) return this.exitResult as ExitResult;
    this.proc.kill(signal);
    return this.waitForExit(timeoutMs);
  }
}

export interface SpawnAppOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Entry file below `src/` without `.js`: `main`, `migrate`, or a command such as power-list's `tenants`. */
  readonly file?: string;
  readonly args?: readonly string[];
  /** Preload OpenTelemetry (`--import dist/<app>/libs/telemetry/src/register.js`), as production does. */
  readonly telemetry?: boolean;
}

/** Starts `node dist/<app>/apps/<app>/src/<file>.js` with exactly the given environment (plus PATH). */
export function spawnApp(app: string, options: SpawnAppOptions): AppProcess {
  const args: string[] = [];
  if (options.telemetry !== false) {
    const preload = join(workspaceRoot(), 'dist', app, 'libs', 'telemetry', 'src', 'register.js');
    if (existsSync(preload)) args.push('--import', preload);
  }
  args.push(appEntry(app, options.file ?? 'main'), ...(options.args ?? []));
  const proc = spawn(process.execPath, args, {
    cwd: workspaceRoot(),
    env: { PATH: process.env['PATH'], ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new AppProcess(app, proc);
}

/** Runs an app entry to completion (e.g. migrations) and returns its exit and output. */
export async function runApp(app: string, options: SpawnAppOptions, timeoutMs = 60_000): Promise<ExitResult & { output: string }> {
  const p = spawnApp(app, { telemetry: false, ...options });
  const result = await p.waitForExit(timeoutMs);
  return { ...result, output: p.output };
}

/** Polls an HTTP URL until it answers with `status` (default 200). */
export async function waitForHttp(url: string, options: { status?: number; timeoutMs?: number; process?: AppProcess } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const want = options.status ?? 200;
  let last = '';
  for (;;) {
    if (options.process && !options.process.running) throw new Error(`${options.process.name} exited while waiting for ${url}\n${options.process.output}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      last = `HTTP ${res.status}`;
      if (res.status === want) return;
    } catch (e: unknown) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer ${want} in time (last: ${last})${options.process ? `\n${options.process.output}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
