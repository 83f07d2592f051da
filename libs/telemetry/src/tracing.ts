import {
  context,
  isSpanContextValid,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';

/** Tracer name used when none is given. */
export const DEFAULT_TRACER_NAME = '@qinglian';

/**
 * A tracer from the global provider (set up by the preload; a no-op tracer when telemetry is off,
 * so callers never need to check).
 *
 * @param name instrumentation scope, e.g. `@qinglian/messaging`
 * @param version its version, if known
 */
export function tracer(name: string = DEFAULT_TRACER_NAME, version?: string): Tracer {
  return trace.getTracer(name, version);
}

/** Options of {@link withSpan}. */
export interface WithSpanOptions {
  /** Default `INTERNAL`. */
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** Parent context, e.g. one extracted from message headers; default the active context. */
  readonly parentContext?: Context;
  readonly links?: Link[];
  /** Start a new trace even when a span is active. */
  readonly root?: boolean;
  /** Tracer (instrumentation scope) name; default {@link DEFAULT_TRACER_NAME}. */
  readonly tracerName?: string;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  try {
    // JSON.stringify returns undefined for undefined, functions and symbols.
    const json = JSON.stringify(error) as string | undefined;
    return json ?? String(error);
  } catch {
    return Object.prototype.toString.call(error);
  }
}

function recordFailure(span: Span, error: unknown): void {
  if (error instanceof Error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
  } else {
    const message = describe(error);
    span.recordException(message);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
}

/**
 * Runs `fn` inside a new span: the span is active (its context current) for everything `fn` does,
 * synchronously or asynchronously, and it ends when `fn` returns or, for a promise, settles. A throw
 * or rejection is recorded on the span (exception event, status ERROR) and passed on unchanged.
 * The status is left unset on success, as the OpenTelemetry conventions advise.
 *
 * @example
 * const rows = await withSpan('risk.rate', { attributes: { 'qinglian.tenant': tenant } }, () => rate(tenant));
 */
export function withSpan<T>(name: string, fn: (span: Span) => T): T;
export function withSpan<T>(name: string, options: WithSpanOptions, fn: (span: Span) => T): T;
export function withSpan<T>(name: string, optionsOrFn: WithSpanOptions | ((span: Span) => T), maybeFn?: (span: Span) => T): T {
  const options: WithSpanOptions = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (fn === undefined) throw new TypeError('withSpan: a function to run is required');

  const parent = options.parentContext ?? context.active();
  const span = tracer(options.tracerName).startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      ...(options.links === undefined ? {} : { links: options.links }),
      ...(options.root === true ? { root: true } : {}),
    },
    parent,
  );
  const spanContext = trace.setSpan(parent, span);

  let result: T;
  try {
    result = context.with(spanContext, fn, undefined, span);
  } catch (error: unknown) {
    recordFailure(span, error);
    span.end();
    throw error;
  }
  if (!isPromiseLike(result)) {
    span.end();
    return result;
  }
  return Promise.resolve(result).then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      recordFailure(span, error);
      span.end();
      throw error;
    },
  ) as T;
}

/** The active span's context, when there is a valid one. */
export function currentSpanContext(): SpanContext | undefined {
  const ctx = trace.getSpan(context.active())?.spanContext();
  return ctx !== undefined && isSpanContextValid(ctx) ? ctx : undefined;
}

/** Trace id (32 hex digits) of the active span, or undefined outside any span. */
export function currentTraceId(): string | undefined {
  return currentSpanContext()?.traceId;
}

/** Span id (16 hex digits) of the active span, or undefined outside any span. */
export function currentSpanId(): string | undefined {
  return currentSpanContext()?.spanId;
}

/**
 * Writes the trace context (`traceparent`, `tracestate`, `baggage`) of `ctx` into a header map, for
 * transports without instrumentation such as NATS.
 */
export function injectTraceHeaders(headers: Record<string, string> = {}, ctx: Context = context.active()): Record<string, string> {
  propagation.inject(ctx, headers);
  return headers;
}

/** The context carried by such headers (the active one when they carry none), to use as a parent. */
export function extractTraceContext(headers: Readonly<Record<string, string | string[] | undefined>>, base: Context = context.active()): Context {
  return propagation.extract(base, headers);
}
