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
 */
import { isMainThread } from 'node:worker_threads';
import { TelemetryConfigError } from './config';
import { startTelemetry } from './sdk';

if (isMainThread) {
  try {
    startTelemetry();
  } catch (e: unknown) {
    if (!(e instanceof TelemetryConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
