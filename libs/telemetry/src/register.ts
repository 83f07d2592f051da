/**
 * Telemetry preload: starts tracing before the app's first module loads.
 *
 *     node --import ./dist/<app>/libs/telemetry/src/register.js dist/<app>/apps/<app>/src/main.js
 *
 * (`--require` works too.) Configured by the standard `OTEL_*` variables only; see `readTelemetryConfig`.
 * A side-effect entry: it is deliberately not exported from the library's index.
 *
 * Only the main thread starts telemetry. Node 20 runs `--require` preloads again inside the
 * module-loader hooks thread (and in every worker thread); starting there would register the loader
 * hook twice and build a second, useless tracer provider.
 *
 * With `OTEL_SDK_DISABLED=true` not even the OpenTelemetry SDK is loaded.
 */
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { readTelemetryConfig, TelemetryConfigError } from './config';

if (isMainThread) {
  try {
    if (!readTelemetryConfig().disabled) {
      // Loaded only when needed; startTelemetry reads (and validates) the configuration again.
      const sdk = createRequire(__filename)('./sdk') as typeof import('./sdk');
      sdk.startTelemetry();
    }
  } catch (e: unknown) {
    if (!(e instanceof TelemetryConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
