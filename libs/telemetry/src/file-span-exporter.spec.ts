import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { FileSpanExporter, readSpanRecords } from './file-span-exporter';

const dir = mkdtempSync(path.join(tmpdir(), 'qinglian-file-exporter-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('FileSpanExporter', () => {
  it('appends finished spans as JSON lines with ids, parent, kind, attributes and service', async () => {
    const file = path.join(dir, 'spans.jsonl');
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'approvals' }),
      spanProcessors: [new SimpleSpanProcessor(new FileSpanExporter(file))],
    });
    const t = provider.getTracer('unit');
    const parent = t.startSpan('parent', { kind: SpanKind.SERVER, attributes: { 'http.request.method': 'GET' } });
    const child = t.startSpan('child', { kind: SpanKind.CLIENT }, trace.setSpan(context.active(), parent));
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'nope' });
    child.end();
    parent.end();
    await provider.shutdown();

    const records = readSpanRecords(file);
    expect(records).toHaveLength(2);
    const [c, p] = records;
    expect(p).toMatchObject({
      traceId: parent.spanContext().traceId,
      spanId: parent.spanContext().spanId,
      name: 'parent',
      kind: 'SERVER',
      attributes: { 'http.request.method': 'GET' },
      service: 'approvals',
      scope: 'unit',
      status: { code: 0 },
      pid: process.pid,
    });
    expect(p).not.toHaveProperty('parentSpanId');
    expect(c).toMatchObject({ name: 'child', kind: 'CLIENT', parentSpanId: parent.spanContext().spanId, status: { code: 2, message: 'nope' } });
    expect(c?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('reports failures through the callback and refuses exports after shutdown', async () => {
    const results: ExportResult[] = [];
    const broken = new FileSpanExporter(path.join(dir, 'missing-dir', 'x.jsonl'));
    broken.export([], (r) => results.push(r)); // nothing to write: success
    const provider = new NodeTracerProvider({ spanProcessors: [] });
    const span = provider.getTracer('t').startSpan('s');
    span.end();
    // A ReadableSpan is what the SDK hands over; the SDK span object is one.
    broken.export([span as unknown as Parameters<FileSpanExporter['export']>[0][number]], (r) => results.push(r));
    await broken.shutdown();
    broken.export([], (r) => results.push(r));
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.FAILED, ExportResultCode.FAILED]);
    expect(readSpanRecords(path.join(dir, 'absent.jsonl'))).toEqual([]);
  });
});
