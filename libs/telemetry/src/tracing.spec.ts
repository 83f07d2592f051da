import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { useInMemoryTracing } from '../test/in-memory-tracing';
import { currentSpanId, currentTraceId, extractTraceContext, injectTraceHeaders, tracer, withSpan } from './tracing';

const { exporter, provider } = useInMemoryTracing();
afterAll(() => provider.shutdown());
beforeEach(() => {
  exporter.reset();
});

const finished = (name: string) => {
  const span = exporter.getFinishedSpans().find((s) => s.name === name);
  if (!span) throw new Error(`no finished span ${name}`);
  return span;
};

describe('withSpan', () => {
  it('runs a synchronous fn inside the span and ends it', () => {
    const seen = withSpan('sync', { kind: SpanKind.SERVER, attributes: { 'qinglian.tenant': 't1' } }, (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      return currentTraceId();
    });
    const span = finished('sync');
    expect(seen).toBe(span.spanContext().traceId);
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toEqual({ 'qinglian.tenant': 't1' });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(currentTraceId()).toBeUndefined();
  });

  it('keeps the span active across awaits and nests child spans under it', async () => {
    const result = await withSpan('outer', async () => {
      await new Promise((r) => setTimeout(r, 5));
      const outerId = currentSpanId();
      await withSpan('inner', () => Promise.resolve());
      return outerId;
    });
    const outer = finished('outer');
    const inner = finished('inner');
    expect(result).toBe(outer.spanContext().spanId);
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(inner.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(outer.ended).toBe(true);
  });

  it('records a thrown error (exception event, status ERROR) and rethrows it', () => {
    const boom = new Error('boom');
    expect(() =>
      withSpan('throws', () => {
        throw boom;
      }),
    ).toThrow(boom);
    const span = finished('throws');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
    expect(span.events.map((e) => [e.name, e.attributes?.['exception.message'], e.attributes?.['exception.type']])).toEqual([['exception', 'boom', 'Error']]);
  });

  it('records a rejection and rejects with the same error', async () => {
    const err = new TypeError('bad input');
    await expect(withSpan('rejects', {}, () => Promise.reject(err))).rejects.toBe(err);
    const span = finished('rejects');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events[0]?.attributes?.['exception.type']).toBe('TypeError');
    expect(span.ended).toBe(true);
  });

  it('records non-Error throwables too', async () => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    await expect(withSpan('odd', () => Promise.reject({ code: 42 }))).rejects.toEqual({ code: 42 });
    expect(finished('odd').status).toEqual({ code: SpanStatusCode.ERROR, message: '{"code":42}' });
  });

  it('uses parentContext (e.g. from message headers) and can start a new root', () => {
    const headers = withSpan('producer', () => injectTraceHeaders());
    expect(headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    withSpan('consumer', { kind: SpanKind.CONSUMER, parentContext: extractTraceContext(headers, ROOT_CONTEXT) }, () => undefined);
    const producer = finished('producer');
    const consumer = finished('consumer');
    expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanContext().spanId);

    withSpan('outer2', () => {
      withSpan('fresh', { root: true }, () => undefined);
    });
    expect(finished('fresh').spanContext().traceId).not.toBe(finished('outer2').spanContext().traceId);
    expect(finished('fresh').parentSpanContext).toBeUndefined();
  });

  it('names the tracer (instrumentation scope)', () => {
    withSpan('scoped', { tracerName: '@qinglian/messaging' }, () => undefined);
    expect(finished('scoped').instrumentationScope.name).toBe('@qinglian/messaging');
    withSpan('default-scope', () => undefined);
    expect(finished('default-scope').instrumentationScope.name).toBe('@qinglian');
  });
});

describe('currentTraceId / tracer', () => {
  it('is undefined outside spans and follows context.with', () => {
    expect(currentTraceId()).toBeUndefined();
    const span = tracer('t').startSpan('manual');
    context.with(trace.setSpan(context.active(), span), () => {
      expect(currentTraceId()).toBe(span.spanContext().traceId);
      expect(currentSpanId()).toBe(span.spanContext().spanId);
    });
    span.end();
  });
});
