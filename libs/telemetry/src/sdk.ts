import { hostname } from 'node:os';
import { createRequire, register as registerLoaderHooks, syncBuiltinESMExports } from 'node:module';
import { pathToFileURL } from 'node:url';
import { diag, DiagConsoleLogger, DiagLogLevel, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { readTelemetryConfig, type DiagLevelName, type PropagatorName, type TelemetryConfig } from './config';
import { FileSpanExporter } from './file-span-exporter';

/** Options of {@link startTelemetry}; the preload uses the defaults. */
export interface StartTelemetryOptions {
  /** Environment to read the `OTEL_*` variables from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Entry script, for the fallback service name (default `process.argv[1]`). */
  readonly entry?: string;
  /**
   * Register the import-in-the-middle loader hook so that modules imported from ES modules are
   * patched as well (default true). Only effective before the ES modules in question are loaded.
   */
  readonly esmHook?: boolean;
  /**
   * Patch `http` / `https` at once and copy the patched functions into their ES-module facades
   * (`module.syncBuiltinESMExports()`), so that named imports (`import { request } from 'node:http'`)
   * are traced even where the loader hook does not run (default true).
   */
  readonly patchBuiltins?: boolean;
  /** Flush on `beforeExit` and on SIGTERM / SIGINT (default true). */
  readonly exitHooks?: boolean;
}

/** What {@link startTelemetry} set up. */
export interface TelemetryHandle {
  readonly config: TelemetryConfig;
  /** Absent when the SDK is disabled. */
  readonly provider: NodeTracerProvider | undefined;
  /** Whether the import-in-the-middle ESM loader hook was registered. */
  readonly esmHookRegistered: boolean;
}

interface TelemetryState extends TelemetryHandle {
  shutdown?: Promise<void>;
}

/** Shared through `globalThis` so that the preload and the app's copy of this library agree. */
const STATE_KEY = Symbol.for('qinglian.telemetry.state');
/** Longest wait for the exporters when shutting down. */
const SHUTDOWN_TIMEOUT_MS = 5_000;
/**
 * Modules whose ES-module imports the loader hook intercepts: the ones our instrumentations patch.
 * Everything else is left to Node (intercepting every module costs ~2 s and ~50 MB when Nest loads).
 */
const ESM_HOOKED_MODULES = ['http', 'https', 'node:http', 'node:https', 'pg', 'pg-pool'];

function state(): TelemetryState | undefined {
  return (globalThis as Record<symbol, TelemetryState | undefined>)[STATE_KEY];
}

function setState(s: TelemetryState): void {
  (globalThis as Record<symbol, TelemetryState | undefined>)[STATE_KEY] = s;
}

const nodeRequire = createRequire(__filename);

const DIAG_LEVELS: Record<DiagLevelName, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

function buildPropagator(names: readonly PropagatorName[]): TextMapPropagator | null {
  const propagators = names.map((n): TextMapPropagator => (n === 'tracecontext' ? new W3CTraceContextPropagator() : new W3CBaggagePropagator()));
  if (propagators.length === 0) return null;
  return new CompositePropagator({ propagators });
}

function buildSpanProcessors(config: TelemetryConfig): SpanProcessor[] {
  return config.exporters.map((name): SpanProcessor => {
    switch (name) {
      case 'otlp': {
        // Loaded only when used (~200 ms). It reads OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT, _HEADERS,
        // _TIMEOUT, _COMPRESSION itself.
        const otlp = nodeRequire('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
        // sdk-trace-base 2.12 takes the exporter positionally (`(exporter, bufferConfig?)`, with the
        // OTEL_BSP_* variables as fallbacks); the options-object form belongs to @opentelemetry/sdk-trace.
        return new BatchSpanProcessor(new otlp.OTLPTraceExporter());
      }
      case 'console':
        return new SimpleSpanProcessor(new ConsoleSpanExporter());
      case 'file':
        if (config.filePath === undefined) throw new Error('unreachable: file exporter without QINGLIAN_OTEL_FILE');
        return new SimpleSpanProcessor(new FileSpanExporter(config.filePath));
    }
  });
}

/**
 * Registers import-in-the-middle's loader hook (`module.register`) so that `import`s of the modules
 * we instrument are patched too. The hook file is resolved next to @opentelemetry/instrumentation,
 * so it is the same copy of import-in-the-middle that the instrumentations register with.
 */
function registerEsmHook(): boolean {
  if (typeof registerLoaderHooks !== 'function') return false;
  const instrumentationRequire = createRequire(nodeRequire.resolve('@opentelemetry/instrumentation'));
  const hook = pathToFileURL(instrumentationRequire.resolve('import-in-the-middle/hook.mjs')).href;
  registerLoaderHooks(hook, { parentURL: pathToFileURL(__filename).href, data: { include: ESM_HOOKED_MODULES } });
  return true;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      diag.warn(`telemetry: exporters did not finish within ${ms} ms; some spans may be lost`);
      resolve();
    }, ms);
    timer.unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function installExitHooks(): void {
  process.once('beforeExit', () => {
    void shutdownTelemetry();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const onSignal = (): void => {
      const others = process.listeners(signal).filter((l) => l !== onSignal);
      if (others.length > 0) {
        // The app handles the signal (graceful shutdown, then its own exit): only push out what
        // is finished so far. The app should `await shutdownTelemetry()` before `process.exit()`.
        void flushTelemetry();
        return;
      }
      // Nobody else listens: flush, then let the signal take its default course (exit 128+n).
      process.removeListener(signal, onSignal);
      void shutdownTelemetry().finally(() => process.kill(process.pid, signal));
    };
    process.on(signal, onSignal);
  }
}

/**
 * Starts tracing for this process: tracer provider with the configured exporters, W3C propagation,
 * async-context tracking, and the http (server and client) and pg instrumentations. Idempotent: a
 * second call returns what the first one set up. Must run before the instrumented modules load, which
 * is what the `register` preload is for.
 *
 * @throws TelemetryConfigError when an `OTEL_*` variable is invalid
 */
export function startTelemetry(options: StartTelemetryOptions = {}): TelemetryHandle {
  const existing = state();
  if (existing) return existing;

  const config = readTelemetryConfig(options.env ?? process.env, options.entry ?? process.argv[1]);
  if (config.disabled) {
    const handle: TelemetryState = { config, provider: undefined, esmHookRegistered: false };
    setState(handle);
    return handle;
  }

  if (config.diagLogLevel !== 'none') {
    diag.setLogger(new DiagConsoleLogger(), { logLevel: DIAG_LEVELS[config.diagLogLevel], suppressOverrideMessage: true });
  }

  const esmHookRegistered = options.esmHook === false ? false : registerEsmHook();

  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName, 'process.pid': process.pid, 'host.name': hostname() }));

  const provider = new NodeTracerProvider({ resource, spanProcessors: buildSpanProcessors(config) });
  // Default context manager (AsyncLocalStorage); `null` installs no propagator.
  provider.register({ propagator: buildPropagator(config.propagators) });

  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new HttpInstrumentation(), new PgInstrumentation({ enhancedDatabaseReporting: false })],
  });

  // Patch the builtins now (require-in-the-middle sees this require) and copy the patched functions
  // into their ES-module facades, so that `import { request } from 'node:http'` gets the traced
  // version even where the loader hook does not run (ES modules loaded through require(esm)).
  if (options.patchBuiltins !== false) {
    nodeRequire('node:http');
    nodeRequire('node:https');
    syncBuiltinESMExports();
  }

  const handle: TelemetryState = { config, provider, esmHookRegistered };
  setState(handle);
  if (options.exitHooks !== false) installExitHooks();
  return handle;
}

/** Whether {@link startTelemetry} has run in this process (also true when it found the SDK disabled). */
export function isTelemetryStarted(): boolean {
  return state() !== undefined;
}

/** Exports the spans finished so far; resolves at once when telemetry is not running. */
export async function flushTelemetry(): Promise<void> {
  const provider = state()?.provider;
  if (!provider) return;
  try {
    await withTimeout(provider.forceFlush(), SHUTDOWN_TIMEOUT_MS);
  } catch (e: unknown) {
    diag.error('telemetry: flush failed', e);
  }
}

/**
 * Flushes and stops the exporters (waits at most 5 s). Call it before `process.exit()`; the preload
 * already calls it on `beforeExit` and, when the app does not handle them, on SIGTERM / SIGINT.
 * Idempotent; never rejects.
 */
export function shutdownTelemetry(): Promise<void> {
  const s = state();
  if (!s?.provider) return Promise.resolve();
  const provider = s.provider;
  s.shutdown ??= withTimeout(provider.shutdown(), SHUTDOWN_TIMEOUT_MS).catch((e: unknown) => {
    diag.error('telemetry: shutdown failed', e);
  });
  return s.shutdown;
}
