import { Role } from '@qinglian/auth';
import { readSpanRecords, type SpanRecord } from '@qinglian/telemetry';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type Platform, startPlatform } from './platform';

// One request, one trace: the gateway's HTTP span, its NATS client span, power-list's RPC server
// span (context carried in the NATS `traceparent` header) and the SQL spans under it. Both processes
// write their finished spans to one file through the test exporter (an in-memory span list flushed
// as JSON lines), and the log lines of the request carry the same trace id.
describe('telemetry across the NATS hop', () => {
  let platform: Platform;
  const dir = mkdtempSync(join(tmpdir(), 'qinglian-trace-'));
  const spansFile = join(dir, 'spans.jsonl');

  beforeAll(async () => {
    platform = await startPlatform({
      services: ['power-list'],
      extraEnv: { OTEL_TRACES_EXPORTER: 'file', QINGLIAN_OTEL_FILE: spansFile, LOG_LEVEL: 'debug' },
    });
  });

  afterAll(async () => {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('joins gateway HTTP → NATS → power-list → PostgreSQL in one trace', async () => {
    const tenantId = randomUUID();
    const res = await fetch(`${platform.gatewayUrl}/api/v1/power-items/${randomUUID()}`, {
      headers: { 'x-qinglian-dev-caller': JSON.stringify({ tenantId, userId: 'tracer', roles: [Role.Auditor] }) },
    });
    expect(res.status).toBe(404);

    let spans: SpanRecord[] = [];
    let http: SpanRecord | undefined;
    let sql: SpanRecord[] = [];
    const deadline = Date.now() + 10_000;
    do {
      await new Promise((r) => setTimeout(r, 200));
      spans = readSpanRecords(spansFile);
      http = spans.find((s) => s.kind === 'SERVER' && s.service === 'gateway' && String(s.attributes['http.target'] ?? s.attributes['url.path'] ?? s.name).includes('/api/v1/power-items'));
      sql = http ? spans.filter((s) => s.traceId === http?.traceId && s.service === 'power-list' && s.scope === '@opentelemetry/instrumentation-pg' && s.name.startsWith('pg.query')) : [];
    } while ((!http || sql.length === 0) && Date.now() < deadline);

    expect(http).toBeDefined();
    const trace = spans.filter((s) => s.traceId === http?.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const client = trace.find((s) => s.kind === 'CLIENT' && s.name === 'power-list.power-item.get');
    const server = trace.find((s) => s.kind === 'SERVER' && s.service === 'power-list' && s.name === 'power-list.power-item.get');
    expect(client?.service).toBe('gateway');
    expect(server).toBeDefined();
    // parent links: HTTP ← client ← server ← SQL
    expect(byId.get(client?.parentSpanId ?? '')?.spanId).toBe(http?.spanId);
    expect(server?.parentSpanId).toBe(client?.spanId);
    expect(sql.length).toBeGreaterThan(0);
    const ancestors = (s: SpanRecord): string[] => (s.parentSpanId && byId.get(s.parentSpanId) ? [s.parentSpanId, ...ancestors(byId.get(s.parentSpanId) as SpanRecord)] : []);
    for (const q of sql) expect(ancestors(q)).toContain(server?.spanId);
    expect(sql.map((q) => String(q.attributes['db.query.text'] ?? q.attributes['db.statement'] ?? q.name)).join('\n')).toMatch(/"power_list"\."document"/);

    // JSON logs carry the trace id: the gateway logs the 404 problem at debug level… at least one
    // line of either process within this trace must carry it.
    const lines = [platform.gateway.output, platform.services['power-list']?.proc.output ?? '']
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => typeof l['level'] !== 'undefined' && typeof l['time'] !== 'undefined')).toBe(true);
    expect(lines.some((l) => l['trace_id'] === http?.traceId)).toBe(true);
  });
});
