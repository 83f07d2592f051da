/**
 * The preload in real child processes (Jest's own module system bypasses require-in-the-middle, so
 * instrumentation can only be observed in a plain `node`). The library is compiled with swc into a
 * temporary folder, as build-app.mjs does for dist/<app>; spans come back through the file exporter.
 * Needs PostgreSQL at TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { readSpanRecords, type SpanRecord } from '../src/file-span-exporter';

const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(__dirname, 'fixtures');
const work = mkdtempSync(path.join(tmpdir(), 'qinglian-telemetry-int-'));
const lib = path.join(work, 'libs/telemetry/src/index.js');
const register = path.join(work, 'libs/telemetry/src/register.js');
let fileSeq = 0;

beforeAll(() => {
  execFileSync(
    path.join(root, 'node_modules/.bin/swc'),
    ['libs/telemetry/src', '-d', work, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'],
    { cwd: root, stdio: 'pipe' },
  );
  // The compiled files resolve their packages from here, like dist/<app> inside the repository.
  symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  expect(existsSync(register)).toBe(true);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout lines that parse as JSON objects (the log lines, and fixture messages). */
  json: Record<string, unknown>[];
}

/** A fresh spans file for one test. */
function spansFile(): string {
  fileSeq += 1;
  return path.join(work, `spans-${fileSeq}.jsonl`);
}

/** The environment of a child: ours minus anything telemetry-related, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('OTEL_') || k.startsWith('QINGLIAN_') || k === 'LOG_LEVEL' || k === 'NODE_OPTIONS' || k === 'FORCE_COLOR') continue;
    base[k] = v;
  }
  // Plain output: Nx forces colours for its children, which would colour `node -p` results.
  return { ...base, NO_COLOR: '1', TELEMETRY_LIB: lib, ...env };
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<Run>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child timed out: node ${args.join(' ')}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const json: Record<string, unknown>[] = [];
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          json.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // not a JSON line
        }
      }
      resolve({ code, signal, stdout, stderr, json });
    });
  });
  return { child, done };
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return start(args, env).done;
}

/** Resolves with the first stdout line for which `pick` returns a value. */
function waitForLine<T>(child: ChildProcess, pick: (line: string) => T | undefined): Promise<T> {
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout');
  return new Promise<T>((resolve, reject) => {
    const rl = createInterface({ input: stdout });
    rl.on('line', (line) => {
      const v = pick(line);
      if (v !== undefined) {
        rl.close();
        resolve(v);
      }
    });
    child.once('close', () => {
      reject(new Error('child exited before printing the expected line'));
    });
  });
}

function only<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0]!;
}

/** Whether following parentSpanId from `span` reaches `ancestor`. */
function descendsFrom(spans: SpanRecord[], span: SpanRecord, ancestor: SpanRecord): boolean {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  let current: SpanRecord | undefined = span;
  for (let hops = 0; current && hops < 50; hops += 1) {
    if (current.parentSpanId === ancestor.spanId) return true;
    current = current.parentSpanId === undefined ? undefined : byId.get(current.parentSpanId);
  }
  return false;
}

/**
 * The trace of traced-app.mjs in MODE=self: client GET → server GET → pg connect/query, and the
 * handler's log line on the server span.
 */
function expectSelfCallTrace(result: Run, file: string, service: string): void {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  const spans = readSpanRecords(file);
  const server = only(spans.filter((s) => s.kind === 'SERVER'), 'SERVER span');
  const client = only(spans.filter((s) => s.kind === 'CLIENT' && s.name === 'GET'), 'HTTP CLIENT span');
  const query = only(spans.filter((s) => s.name.startsWith('pg.query')), 'pg query span');

  expect(server).toMatchObject({ name: 'GET', service, scope: '@opentelemetry/instrumentation-http' });
  expect(server.attributes['http.request.method']).toBe('GET');
  expect(server.parentSpanId).toBe(client.spanId);
  expect(query.scope).toBe('@opentelemetry/instrumentation-pg');
  expect(query.traceId).toBe(server.traceId);
  expect(descendsFrom(spans, query, server)).toBe(true);
  expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([server.traceId]));
  expect(new Set(spans.map((s) => s.service))).toEqual(new Set([service]));

  const handled = only(result.json.filter((l) => l['msg'] === 'handled request'), 'handler log line');
  expect(handled).toMatchObject({ service: 'traced-app', level: 'info', trace_id: server.traceId, span_id: server.spanId, one: 1, path: '/work' });
}

describe('register preload', () => {
  it('ES-module app started with --import: http server + client and pg spans form one trace; logs carry its id', async () => {
    const file = spansFile();
    const result = await run(['--import', register, path.join(fixtures, 'traced-app.mjs')], {
      OTEL_TRACES_EXPORTER: 'file',
      QINGLIAN_OTEL_FILE: file,
      OTEL_SERVICE_NAME: 'telemetry-it',
    });
    expectSelfCallTrace(result, file, 'telemetry-it');
  });

  it('works the same started with --require (and registers the loader hook once: no warning)', async () => {
    const file = spansFile();
    const result = await run(['--require', register, path.join(fixtures, 'traced-app.mjs')], {
      OTEL_TRACES_EXPORTER: 'file',
      QINGLIAN_OTEL_FILE: file,
      QINGLIAN_SERVICE: 'via-require',
    });
    expectSelfCallTrace(result, file, 'via-require');
  });

  it('CommonJS entry loading the ES modules through require(esm) (the shape of our swc-built apps)', async () => {
    const file = spansFile();
    const result = await run(['--import', register, path.join(fixtures, 'cjs-entry.cjs')], { OTEL_TRACES_EXPORTER: 'file', QINGLIAN_OTEL_FILE: file });
    // No OTEL_SERVICE_NAME: the entry file's folder names the service.
    expectSelfCallTrace(result, file, 'fixtures');
  });

  it('NestJS 12 app (CommonJS entry, Nest via require(esm), Express): request → pg trace, Nest logs as JSON with trace ids', async () => {
    const file = spansFile();
    const result = await run(['--import', register, path.join(fixtures, 'nest-app.cjs')], {
      OTEL_TRACES_EXPORTER: 'file',
      QINGLIAN_OTEL_FILE: file,
      OTEL_SERVICE_NAME: 'nest-it',
    });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.json).toContainEqual({ response: { one: 1 } });
    const spans = readSpanRecords(file);
    const server = only(spans.filter((s) => s.kind === 'SERVER'), 'SERVER span');
    const query = only(spans.filter((s) => s.name.startsWith('pg.query')), 'pg query span');
    expect(server.attributes['url.path'] ?? server.attributes['http.target']).toBe('/ping');
    expect(query.traceId).toBe(server.traceId);
    expect(descendsFrom(spans, query, server)).toBe(true);

    // Every stdout line is JSON; Nest's own start-up lines have a context and no trace.
    const lines = result.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBe(result.json.length);
    const routes = result.json.find((l) => l['context'] === 'RoutesResolver' || l['context'] === 'RouterExplorer');
    expect(routes).toMatchObject({ service: 'nest-app', level: 'info' });
    expect(routes).not.toHaveProperty('trace_id');
    const ping = only(result.json.filter((l) => l['msg'] === 'pinged the database'), 'controller log line');
    expect(ping).toMatchObject({ context: 'PingController', service: 'nest-app', trace_id: server.traceId });
  });

  it('joins the spans of two processes in one file: W3C traceparent from caller to callee', async () => {
    const file = spansFile();
    const common = { OTEL_TRACES_EXPORTER: 'file', QINGLIAN_OTEL_FILE: file };
    const callee = start(['--import', register, path.join(fixtures, 'traced-app.mjs')], { ...common, MODE: 'serve', OTEL_SERVICE_NAME: 'callee' });
    const port = await waitForLine(callee.child, (line) => {
      if (!line.startsWith('{"listening"')) return undefined;
      return (JSON.parse(line) as { listening: number }).listening;
    });
    const caller = await run(['--import', register, path.join(fixtures, 'traced-app.mjs')], {
      ...common,
      MODE: 'call',
      TARGET_URL: `http://127.0.0.1:${port}/remote`,
      OTEL_SERVICE_NAME: 'caller',
    });
    const calleeRun = await callee.done;
    expect([caller.code, calleeRun.code, caller.stderr, calleeRun.stderr]).toEqual([0, 0, '', '']);

    const spans = readSpanRecords(file);
    const client = only(spans.filter((s) => s.kind === 'CLIENT' && s.service === 'caller'), 'caller CLIENT span');
    const server = only(spans.filter((s) => s.kind === 'SERVER'), 'SERVER span');
    const query = only(spans.filter((s) => s.name.startsWith('pg.query')), 'pg query span');
    expect(server.service).toBe('callee');
    expect(server.pid).not.toBe(client.pid);
    expect(server.traceId).toBe(client.traceId);
    expect(server.parentSpanId).toBe(client.spanId);
    expect(query).toMatchObject({ service: 'callee', traceId: client.traceId });
    expect(descendsFrom(spans, query, client)).toBe(true);
    const handled = only(calleeRun.json.filter((l) => l['msg'] === 'handled request'), 'callee log line');
    expect(handled['trace_id']).toBe(client.traceId);
  });

  describe('ES-module imports: what each measure contributes (named imports from node:http)', () => {
    const runWith = async (esmHook: boolean, patchBuiltins: boolean) => {
      const file = spansFile();
      const result = await run(['--import', path.join(fixtures, 'custom-preload.cjs'), path.join(fixtures, 'traced-app.mjs')], {
        OTEL_TRACES_EXPORTER: 'file',
        QINGLIAN_OTEL_FILE: file,
        ESM_HOOK: String(esmHook),
        PATCH_BUILTINS: String(patchBuiltins),
      });
      expect(result.code).toBe(0);
      return readSpanRecords(file);
    };

    it('the import-in-the-middle loader hook alone patches modules imported by an ES module', async () => {
      const spans = await runWith(true, false);
      const server = only(spans.filter((s) => s.kind === 'SERVER'), 'SERVER span');
      const query = only(spans.filter((s) => s.name.startsWith('pg.query')), 'pg query span');
      expect(descendsFrom(spans, query, server)).toBe(true);
    });

    it('the eager builtin patch alone does too (it is what covers require(esm) graphs)', async () => {
      const spans = await runWith(false, true);
      const server = only(spans.filter((s) => s.kind === 'SERVER'), 'SERVER span');
      const query = only(spans.filter((s) => s.name.startsWith('pg.query')), 'pg query span');
      expect(descendsFrom(spans, query, server)).toBe(true);
    });

    it('with neither, the HTTP spans are missing and pg spans lose their parent', async () => {
      const spans = await runWith(false, false);
      expect(spans.filter((s) => s.scope === '@opentelemetry/instrumentation-http')).toEqual([]);
      const query = only(spans.filter((s) => s.name.startsWith('pg.query')), 'pg query span');
      expect(query.parentSpanId).toBeUndefined();
    });
  });

  it('OTLP/HTTP exporter: batched spans are flushed on SIGTERM, then the process exits by the signal', async () => {
    const bodies: { path: string | undefined; type: string | undefined; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        bodies.push({ path: req.url, type: req.headers['content-type'], body });
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as { port: number };
      const app = start(['--import', register, path.join(fixtures, 'otlp-app.mjs')], {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_BSP_SCHEDULE_DELAY: '60000',
        OTEL_SERVICE_NAME: 'otlp-it',
      });
      await waitForLine(app.child, (line) => (line === 'ready' ? true : undefined));
      await new Promise((r) => setTimeout(r, 200));
      expect(bodies).toEqual([]); // still in the batch
      app.child.kill('SIGTERM');
      const result = await app.done;
      expect({ code: result.code, signal: result.signal, stderr: result.stderr }).toEqual({ code: null, signal: 'SIGTERM', stderr: '' });

      const request = only(bodies, 'OTLP request');
      expect(request.path).toBe('/v1/traces');
      expect(request.type).toMatch(/json/);
      const payload = JSON.parse(request.body) as {
        resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: { name: string }[] }[] }[];
      };
      const resourceSpans = only(payload.resourceSpans, 'resource');
      expect(resourceSpans.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'otlp-it' } });
      expect(resourceSpans.scopeSpans.flatMap((s) => s.spans.map((sp) => sp.name))).toEqual(['otlp-check']);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it('exports nothing by default, yet logs still carry trace ids; OTEL_SDK_DISABLED=true turns tracing off', async () => {
    const file = spansFile();
    const byDefault = await run(['--import', register, path.join(fixtures, 'traced-app.mjs')], { QINGLIAN_OTEL_FILE: file });
    expect({ code: byDefault.code, stderr: byDefault.stderr }).toEqual({ code: 0, stderr: '' });
    expect(existsSync(file)).toBe(false);
    expect(only(byDefault.json.filter((l) => l['msg'] === 'handled request'), 'log line')['trace_id']).toMatch(/^[0-9a-f]{32}$/);

    const disabled = await run(['--import', register, path.join(fixtures, 'traced-app.mjs')], {
      OTEL_SDK_DISABLED: 'true',
      OTEL_TRACES_EXPORTER: 'file',
      QINGLIAN_OTEL_FILE: file,
    });
    expect({ code: disabled.code, stderr: disabled.stderr }).toEqual({ code: 0, stderr: '' });
    expect(existsSync(file)).toBe(false);
    expect(only(disabled.json.filter((l) => l['msg'] === 'handled request'), 'log line')).not.toHaveProperty('trace_id');

    // Not even loaded.
    const probe = "Object.keys(require.cache).filter((k) => k.includes('@opentelemetry/sdk-trace') || k.includes('in-the-middle')).length";
    const loaded = await run(['--import', register, '-p', probe], { OTEL_SDK_DISABLED: 'true' });
    expect(loaded.stdout.trim()).toBe('0');
    const loadedWhenOn = await run(['--import', register, '-p', probe], {});
    expect(Number(loadedWhenOn.stdout.trim())).toBeGreaterThan(0);
  });

  it('refuses to start on a bad OTEL_* value, with a plain message', async () => {
    const result = await run(['--import', register, path.join(fixtures, 'traced-app.mjs')], { OTEL_TRACES_EXPORTER: 'file,zipkin' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid telemetry configuration:');
    expect(result.stderr).toContain('OTEL_TRACES_EXPORTER: unknown exporter "zipkin"');
    expect(result.stderr).toContain('QINGLIAN_OTEL_FILE: required');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.json).toEqual([]);
  });
});
