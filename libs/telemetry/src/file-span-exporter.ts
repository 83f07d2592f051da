import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { SpanKind, type Attributes } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-node';

/** One finished span as written by {@link FileSpanExporter}: one JSON object per line. */
export interface SpanRecord {
  readonly traceId: string;
  readonly spanId: string;
  /** Absent for a root span. */
  readonly parentSpanId?: string;
  readonly name: string;
  /** `SERVER`, `CLIENT`, `INTERNAL`, `PRODUCER` or `CONSUMER`. */
  readonly kind: keyof typeof SpanKind;
  readonly attributes: Attributes;
  /** `service.name` of the process that recorded the span. */
  readonly service: string;
  /** Name of the instrumentation (tracer) that created the span, e.g. `@opentelemetry/instrumentation-pg`. */
  readonly scope: string;
  /** 0 unset, 1 ok, 2 error (the API's `SpanStatusCode`). */
  readonly status: { readonly code: number; readonly message?: string };
  /** Start time, milliseconds since the epoch. */
  readonly startTimeMs: number;
  readonly durationMs: number;
  /** Process that recorded the span. */
  readonly pid: number;
}

const hrToMs = ([s, ns]: readonly [number, number]): number => s * 1e3 + ns / 1e6;

/** The JSON-line form of a finished span. */
export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const ctx = span.spanContext();
  const service = span.resource.attributes['service.name'];
  const parentSpanId = span.parentSpanContext?.spanId;
  return {
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    ...(parentSpanId === undefined ? {} : { parentSpanId }),
    name: span.name,
    kind: SpanKind[span.kind] as keyof typeof SpanKind,
    attributes: span.attributes,
    service: typeof service === 'string' ? service : 'unknown',
    scope: span.instrumentationScope.name,
    status: span.status.message === undefined ? { code: span.status.code } : { code: span.status.code, message: span.status.message },
    startTimeMs: hrToMs(span.startTime),
    durationMs: hrToMs(span.duration),
    pid: process.pid,
  };
}

/**
 * Test-only exporter (`OTEL_TRACES_EXPORTER=file`, `QINGLIAN_OTEL_FILE=/path`): appends each batch of
 * finished spans to a file as JSON lines, in one synchronous append (`O_APPEND`), so several processes
 * can share one file and nothing is lost when a process exits right after a span ends.
 */
export class FileSpanExporter implements SpanExporter {
  private stopped = false;

  /** @param file the file to append to (created when missing) */
  constructor(readonly file: string) {}

  /** Appends the spans; reports failure (never throws) as the SDK expects. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('FileSpanExporter is shut down') });
      return;
    }
    try {
      if (spans.length > 0) appendFileSync(this.file, spans.map((s) => JSON.stringify(toSpanRecord(s)) + '\n').join(''));
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error: unknown) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  /** Nothing is buffered: every export is written before it returns. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Later exports fail. */
  shutdown(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }
}

/** Reads the spans a {@link FileSpanExporter} wrote (an absent file holds no spans). */
export function readSpanRecords(file: string): SpanRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SpanRecord);
}
