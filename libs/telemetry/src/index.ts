/**
 * @qinglian/telemetry — OpenTelemetry bootstrap and structured logging with trace ids.
 *
 * Tracing itself is started by the preload `register.js` (not exported here: it is a side-effect
 * entry); this index holds what app and library code use at run time.
 */
export * from './config';
export * from './file-span-exporter';
export * from './logger';
export * from './sdk';
export * from './tracing';
