import { headers } from '@nats-io/transport-node';
import { propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  contextFromNatsHeaders,
  extractTraceContext,
  injectTraceContext,
  natsHeadersFromContext,
  natsHeadersFromRecord,
  recordFromNatsHeaders,
} from './trace-context';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';
const traceparent = `00-${traceId}-${spanId}-01`;
const active = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });

describe('trace context propagation', () => {
  beforeAll(() => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    propagation.disable();
  });

  it('injects the context into a plain record and extracts it again', () => {
    const record = injectTraceContext({ 'x-other': 'kept' }, active);
    expect(record).toEqual({ 'x-other': 'kept', traceparent });
    const extracted = trace.getSpanContext(extractTraceContext(record));
    expect(extracted).toMatchObject({ traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });
  });

  it('extracts from a record whose header names were re-cased', () => {
    const extracted = trace.getSpanContext(extractTraceContext({ TraceParent: traceparent }));
    expect(extracted?.traceId).toBe(traceId);
  });

  it('injects into NATS headers and extracts from them', () => {
    const h = natsHeadersFromContext(active);
    expect(h.get('traceparent')).toBe(traceparent);
    expect(trace.getSpanContext(contextFromNatsHeaders(h))).toMatchObject({ traceId, spanId, isRemote: true });
  });

  it('extracts from NATS headers case-insensitively', () => {
    const h = headers();
    h.set('Traceparent', traceparent);
    expect(trace.getSpanContext(contextFromNatsHeaders(h))?.spanId).toBe(spanId);
  });

  it('yields the base context when there is nothing to extract', () => {
    expect(trace.getSpanContext(contextFromNatsHeaders(undefined))).toBeUndefined();
    expect(trace.getSpanContext(contextFromNatsHeaders(headers()))).toBeUndefined();
    expect(trace.getSpanContext(extractTraceContext({ traceparent: 'garbage' }))).toBeUndefined();
  });

  it('injects nothing when there is no active span', () => {
    expect(injectTraceContext({}, ROOT_CONTEXT)).toEqual({});
  });
});

describe('without a registered propagator (telemetry off)', () => {
  it('injects nothing and extracts nothing', () => {
    expect(injectTraceContext({}, active)).toEqual({});
    expect(trace.getSpanContext(extractTraceContext({ traceparent }))).toBeUndefined();
  });
});

describe('NATS header records', () => {
  it('round-trips a record through NATS headers', () => {
    const { headers: h, skipped } = natsHeadersFromRecord({ traceparent, 'x-request-id': 'r-1' });
    expect(skipped).toEqual([]);
    expect(recordFromNatsHeaders(h)).toEqual({ traceparent, 'x-request-id': 'r-1' });
  });

  it('skips entries NATS would reject instead of throwing', () => {
    const { headers: h, skipped } = natsHeadersFromRecord({ ok: '1', 'bad key': '2', 'bad:key': '3', multi: 'a\nb' });
    expect(skipped).toEqual(['bad key', 'bad:key', 'multi']);
    expect(recordFromNatsHeaders(h)).toEqual({ ok: '1' });
  });

  it('flattens repeated keys to the last value and tolerates no headers', () => {
    const h = headers();
    h.append('k', 'first');
    h.append('k', 'second');
    expect(recordFromNatsHeaders(h)).toEqual({ k: 'second' });
    expect(recordFromNatsHeaders(undefined)).toEqual({});
  });
});
