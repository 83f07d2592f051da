import * as path from 'node:path';
import { readTelemetryConfig, serviceNameFromEntry, TelemetryConfigError } from './config';

const entry = '/srv/dist/power-list/apps/power-list/src/main.js';

describe('readTelemetryConfig', () => {
  it('defaults: tracing on, nothing exported, W3C propagation, name from the entry', () => {
    expect(readTelemetryConfig({}, entry)).toEqual({
      disabled: false,
      serviceName: 'power-list',
      exporters: [],
      filePath: undefined,
      propagators: ['tracecontext', 'baggage'],
      diagLogLevel: 'warn',
    });
  });

  it('picks the service name: OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, QINGLIAN_SERVICE, entry', () => {
    expect(readTelemetryConfig({ OTEL_SERVICE_NAME: 'a', OTEL_RESOURCE_ATTRIBUTES: 'service.name=b', QINGLIAN_SERVICE: 'c' }, entry).serviceName).toBe('a');
    expect(readTelemetryConfig({ OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=x,service.name=b%20c', QINGLIAN_SERVICE: 'c' }, entry).serviceName).toBe('b c');
    expect(readTelemetryConfig({ QINGLIAN_SERVICE: 'c' }, entry).serviceName).toBe('c');
    expect(readTelemetryConfig({}, '').serviceName).toBe('unknown_service:node');
    expect(serviceNameFromEntry('/src/main.js')).toBeUndefined();
    expect(serviceNameFromEntry('/repo/node_modules/.bin/jest')).toBe('repo');
    expect(serviceNameFromEntry('dist/gateway/apps/gateway/src/main.js')).toBe('gateway');
    expect(serviceNameFromEntry('/tmp/fixtures/traced-app.mjs')).toBe('fixtures');
  });

  it('builds the exporter list, and needs QINGLIAN_OTEL_FILE for the file exporter', () => {
    const cfg = readTelemetryConfig({ OTEL_TRACES_EXPORTER: 'otlp, Console,file,otlp', QINGLIAN_OTEL_FILE: 'spans.jsonl' }, entry);
    expect(cfg.exporters).toEqual(['otlp', 'console', 'file']);
    expect(cfg.filePath).toBe(path.resolve('spans.jsonl'));
    expect(readTelemetryConfig({ OTEL_TRACES_EXPORTER: 'none' }, entry).exporters).toEqual([]);
    expect(() => readTelemetryConfig({ OTEL_TRACES_EXPORTER: 'file' }, entry)).toThrow(/QINGLIAN_OTEL_FILE: required/);
  });

  it('lists every bad value in one error', () => {
    let error: unknown;
    try {
      readTelemetryConfig(
        { OTEL_TRACES_EXPORTER: 'jaeger,otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_PROPAGATORS: 'b3', OTEL_LOG_LEVEL: 'chatty', OTEL_SDK_DISABLED: 'yes' },
        entry,
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TelemetryConfigError);
    const problems = (error as TelemetryConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/OTEL_SDK_DISABLED.*"yes"/);
    expect(problems.join('\n')).toMatch(/OTEL_TRACES_EXPORTER: unknown exporter "jaeger"/);
    expect(problems.join('\n')).toMatch(/"grpc" is not available/);
    expect(problems.join('\n')).toMatch(/OTEL_PROPAGATORS: unknown propagator "b3"/);
    expect(problems.join('\n')).toMatch(/OTEL_LOG_LEVEL: unknown level "chatty"/);
    expect((error as Error).message).toMatch(/^Invalid telemetry configuration:\n {2}- /);
  });

  it('OTEL_SDK_DISABLED=true turns everything off and ignores the rest', () => {
    const cfg = readTelemetryConfig({ OTEL_SDK_DISABLED: 'TRUE', OTEL_TRACES_EXPORTER: 'bogus' }, entry);
    expect(cfg).toMatchObject({ disabled: true, exporters: [], propagators: [] });
    expect(readTelemetryConfig({ OTEL_SDK_DISABLED: 'false' }, entry).disabled).toBe(false);
  });

  it('accepts OTLP over HTTP and OTEL_PROPAGATORS=none', () => {
    expect(readTelemetryConfig({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }, entry).exporters).toEqual(['otlp']);
    expect(readTelemetryConfig({ OTEL_PROPAGATORS: 'none' }, entry).propagators).toEqual([]);
  });
});
