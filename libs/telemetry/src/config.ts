import * as path from 'node:path';

/** Trace exporters the preload can build (`OTEL_TRACES_EXPORTER`, comma-separated). */
export type TracesExporterName = 'otlp' | 'console' | 'file';

/** Context propagators the preload can install (`OTEL_PROPAGATORS`, comma-separated). */
export type PropagatorName = 'tracecontext' | 'baggage';

/** `OTEL_LOG_LEVEL` values (the SDK's own diagnostics, written to stderr). */
export type DiagLevelName = 'none' | 'error' | 'warn' | 'info' | 'debug' | 'verbose' | 'all';

/** Telemetry settings, read from the standard `OTEL_*` variables by {@link readTelemetryConfig}. */
export interface TelemetryConfig {
  /** `OTEL_SDK_DISABLED=true`: no provider, no instrumentation, no hooks at all. */
  readonly disabled: boolean;
  /**
   * `OTEL_SERVICE_NAME`, else `service.name` from `OTEL_RESOURCE_ATTRIBUTES`, else `QINGLIAN_SERVICE`,
   * else the entry file's folder (`dist/gateway/apps/gateway/src/main.js` → `gateway`).
   */
  readonly serviceName: string;
  /**
   * Where finished spans go. Empty (`OTEL_TRACES_EXPORTER=none`, the default) means spans are still
   * created, propagated and their ids logged, but nothing is exported.
   */
  readonly exporters: readonly TracesExporterName[];
  /** `QINGLIAN_OTEL_FILE`, made absolute; set exactly when `exporters` holds `file`. */
  readonly filePath: string | undefined;
  /** `OTEL_PROPAGATORS` (default `tracecontext,baggage`; `none` installs no propagator). */
  readonly propagators: readonly PropagatorName[];
  /** `OTEL_LOG_LEVEL` (default `warn`). */
  readonly diagLogLevel: DiagLevelName;
}

/** Thrown by {@link readTelemetryConfig}; the message names every bad variable and what it accepts. */
export class TelemetryConfigError extends Error {
  /** One line per bad variable. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid telemetry configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'TelemetryConfigError';
    this.problems = problems;
  }
}

const EXPORTERS: readonly string[] = ['none', 'otlp', 'console', 'file'];
const PROPAGATORS: readonly string[] = ['none', 'tracecontext', 'baggage'];
const DIAG_LEVELS: readonly string[] = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'];
/** Folder names that say nothing about which app this is. */
const GENERIC_FOLDERS = new Set(['src', 'dist', 'build', 'lib', 'libs', 'out', 'apps', 'bin', 'node_modules', '']);

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v.length > 0);
}

function nonEmpty(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** `service.name` out of `OTEL_RESOURCE_ATTRIBUTES` (`k=v,k2=v2`, values percent-encoded). */
function serviceNameFromResourceAttributes(raw: string | undefined): string | undefined {
  for (const pair of (raw ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== 'service.name') continue;
    try {
      return nonEmpty(decodeURIComponent(pair.slice(eq + 1)));
    } catch {
      return nonEmpty(pair.slice(eq + 1));
    }
  }
  return undefined;
}

/**
 * The app name implied by the entry file: the nearest enclosing folder that is not a generic one
 * (`src`, `dist`, `node_modules`, hidden ones …). `dist/power-list/apps/power-list/src/main.js` → `power-list`.
 */
export function serviceNameFromEntry(entry: string | undefined): string | undefined {
  if (entry === undefined || entry === '') return undefined;
  let dir = path.dirname(path.resolve(entry));
  for (;;) {
    const base = path.basename(dir);
    if (!GENERIC_FOLDERS.has(base) && !base.startsWith('.')) return base;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Reads and validates the telemetry settings. Throws a {@link TelemetryConfigError} listing every
 * bad value: an exporter that silently exports nothing would be worse than a failed start.
 *
 * @param env the environment (default `process.env`)
 * @param entry the entry script, used for the last-resort service name (default `process.argv[1]`)
 */
export function readTelemetryConfig(env: NodeJS.ProcessEnv = process.env, entry: string | undefined = process.argv[1]): TelemetryConfig {
  const problems: string[] = [];

  const disabledRaw = nonEmpty(env['OTEL_SDK_DISABLED'])?.toLowerCase();
  if (disabledRaw !== undefined && disabledRaw !== 'true' && disabledRaw !== 'false') {
    problems.push(`OTEL_SDK_DISABLED: must be "true" or "false" (got "${disabledRaw}")`);
  }
  const disabled = disabledRaw === 'true';

  const serviceName =
    nonEmpty(env['OTEL_SERVICE_NAME']) ??
    serviceNameFromResourceAttributes(env['OTEL_RESOURCE_ATTRIBUTES']) ??
    nonEmpty(env['QINGLIAN_SERVICE']) ??
    serviceNameFromEntry(entry) ??
    'unknown_service:node';

  const exporterNames = list(env['OTEL_TRACES_EXPORTER'] ?? 'none');
  const exporters: TracesExporterName[] = [];
  for (const name of exporterNames) {
    if (!EXPORTERS.includes(name)) {
      problems.push(`OTEL_TRACES_EXPORTER: unknown exporter "${name}" (supported: ${EXPORTERS.join(', ')})`);
    } else if (name !== 'none' && !exporters.includes(name as TracesExporterName)) {
      exporters.push(name as TracesExporterName);
    }
  }

  let filePath: string | undefined;
  if (exporters.includes('file')) {
    const file = nonEmpty(env['QINGLIAN_OTEL_FILE']);
    if (file === undefined) problems.push('QINGLIAN_OTEL_FILE: required when OTEL_TRACES_EXPORTER includes "file" (a path to append JSON lines to)');
    else filePath = path.resolve(file);
  }

  if (exporters.includes('otlp')) {
    const protocol = nonEmpty(env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'])?.toLowerCase();
    if (protocol !== undefined && protocol !== 'http/json' && protocol !== 'http/protobuf') {
      problems.push(
        `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL / OTEL_EXPORTER_OTLP_PROTOCOL: "${protocol}" is not available; ` +
          'this build exports OTLP over HTTP (http/json, accepted on the same /v1/traces endpoint as http/protobuf)',
      );
    }
  }

  const propagatorNames = list(env['OTEL_PROPAGATORS'] ?? 'tracecontext,baggage');
  const propagators: PropagatorName[] = [];
  for (const name of propagatorNames) {
    if (!PROPAGATORS.includes(name)) {
      problems.push(`OTEL_PROPAGATORS: unknown propagator "${name}" (supported: ${PROPAGATORS.join(', ')})`);
    } else if (name !== 'none' && !propagators.includes(name as PropagatorName)) {
      propagators.push(name as PropagatorName);
    }
  }

  const diagRaw = nonEmpty(env['OTEL_LOG_LEVEL'])?.toLowerCase() ?? 'warn';
  if (!DIAG_LEVELS.includes(diagRaw)) {
    problems.push(`OTEL_LOG_LEVEL: unknown level "${diagRaw}" (supported: ${DIAG_LEVELS.join(', ')})`);
  }
  const diagLogLevel = (DIAG_LEVELS.includes(diagRaw) ? diagRaw : 'warn') as DiagLevelName;

  // With the SDK disabled nothing else is used, so nothing else can be wrong.
  if (disabled) return { disabled, serviceName, exporters: [], filePath: undefined, propagators: [], diagLogLevel };
  if (problems.length > 0) throw new TelemetryConfigError(problems);
  return { disabled, serviceName, exporters, filePath, propagators, diagLogLevel };
}
