import { type Context, context, propagation, ROOT_CONTEXT, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { headers as natsHeaders, Match, type MsgHdrs } from '@nats-io/transport-node';

/*
 * No OpenTelemetry instrumentation exists for NATS, so the W3C trace context (`traceparent`,
 * `tracestate`, and baggage when configured) is carried in message headers by hand through the
 * globally registered propagator. Without a registered propagator (telemetry off) every helper
 * here is a harmless no-op.
 */

const recordSetter: TextMapSetter<Record<string, string>> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

const recordGetter: TextMapGetter<Readonly<Record<string, string | undefined>>> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    const exact = carrier[key];
    if (exact !== undefined) return exact;
    const lower = key.toLowerCase();
    for (const [k, v] of Object.entries(carrier)) if (k.toLowerCase() === lower) return v;
    return undefined;
  },
};

const natsSetter: TextMapSetter<MsgHdrs> = {
  set(carrier, key, value) {
    carrier.set(key, value);
  },
};

const natsGetter: TextMapGetter<MsgHdrs> = {
  keys: (carrier) => carrier.keys(),
  get(carrier, key) {
    // NATS headers are case-sensitive; W3C names are lowercase but a proxy may have re-cased them.
    return carrier.has(key, Match.IgnoreCase) ? carrier.get(key, Match.IgnoreCase) : undefined;
  },
};

/**
 * Writes the trace context of `ctx` (the active one by default) into a plain record — the form
 * stored with an outbox row, so the event is published later under the request that caused it.
 */
export function injectTraceContext(carrier: Record<string, string> = {}, ctx: Context = context.active()): Record<string, string> {
  propagation.inject(ctx, carrier, recordSetter);
  return carrier;
}

/** Reads a trace context from a plain record, on top of `base` (an empty context by default). */
export function extractTraceContext(carrier: Readonly<Record<string, string | undefined>>, base: Context = ROOT_CONTEXT): Context {
  return propagation.extract(base, carrier, recordGetter);
}

/** NATS headers carrying the trace context of `ctx` (the active one by default), for publish/request. */
export function natsHeadersFromContext(ctx: Context = context.active(), into: MsgHdrs = natsHeaders()): MsgHdrs {
  propagation.inject(ctx, into, natsSetter);
  return into;
}

/**
 * The trace context a received message carries. The base is an empty context, not the active one:
 * a message handler belongs to the producer's trace, not to whatever the consume loop was doing.
 */
export function contextFromNatsHeaders(h: MsgHdrs | undefined, base: Context = ROOT_CONTEXT): Context {
  return h ? propagation.extract(base, h, natsGetter) : base;
}

/** NATS header keys must be printable ASCII without ':' or spaces (RFC 7230 token-ish). */
const HEADER_KEY = /^[!-9;-~]+$/;

/** True when `key`/`value` can travel as a NATS header (values must be one line). */
export function isValidHeader(key: string, value: string): boolean {
  return HEADER_KEY.test(key) && !/[\r\n]/.test(value);
}

/**
 * Builds NATS headers from a record (e.g. the headers stored with an outbox row). Entries that
 * NATS would reject are skipped rather than thrown on, so one bad stored header cannot block
 * publication; `skipped` lists them for the log.
 */
export function natsHeadersFromRecord(record: Readonly<Record<string, string>>): { headers: MsgHdrs; skipped: string[] } {
  const h = natsHeaders();
  const skipped: string[] = [];
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === 'string' && isValidHeader(k, v)) h.set(k, v);
    else skipped.push(k);
  }
  return { headers: h, skipped };
}

/** Flattens NATS headers into a record (the last value wins for repeated keys). */
export function recordFromNatsHeaders(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const k of h.keys()) out[k] = h.last(k);
  return out;
}
