import { hostname } from 'node:os';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger, type LevelWithSilent } from 'pino';
import { currentSpanContext } from './tracing';

/** Keys whose values never reach a log line, at any of the first three levels of nesting. */
export const SECRET_KEYS: readonly string[] = [
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'clientSecret',
  'client_secret',
  'apiKey',
  'api_key',
  'privateKey',
  'private_key',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-api-key',
  'proxy-authorization',
];

/** What replaces a redacted value. */
export const REDACTED = '[REDACTED]';

function keyPath(prefix: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
  return prefix === '' ? segment.replace(/^\./, '') : prefix + segment;
}

/** pino `redact` paths for {@link SECRET_KEYS}: `key`, `*.key`, `*.*.key` (e.g. `req.headers.authorization`). */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((k) => [keyPath('', k), keyPath('*', k), keyPath('*.*', k)]);

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** Default `LOG_LEVEL`, else `info`. Nest's names are accepted too (`log` → info, `verbose` → trace). */
  readonly level?: string;
  /** Where lines go; default stdout. */
  readonly destination?: DestinationStream;
  /** More redaction paths (pino syntax), added to {@link REDACT_PATHS}. */
  readonly redact?: readonly string[];
}

const PINO_LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LEVEL_ALIASES: Readonly<Record<string, LevelWithSilent>> = { log: 'info', verbose: 'trace', warning: 'warn' };

/**
 * Validates a level name (pino's, or Nest's `log` / `verbose`).
 * @throws Error naming the accepted levels
 */
export function parseLogLevel(value: string | undefined, variable = 'LOG_LEVEL'): LevelWithSilent {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '') return 'info';
  const level = LEVEL_ALIASES[v] ?? v;
  if (!PINO_LEVELS.includes(level)) {
    throw new Error(`${variable}: unknown log level "${value ?? ''}" (use one of ${PINO_LEVELS.join(', ')}, or log / verbose)`);
  }
  return level as LevelWithSilent;
}

/** Trace fields for the active span: `trace_id`, `span_id`, `trace_flags` (nothing outside a span). */
export function traceFields(): { trace_id?: string; span_id?: string; trace_flags?: string } {
  const ctx = currentSpanContext();
  if (ctx === undefined) return {};
  return { trace_id: ctx.traceId, span_id: ctx.spanId, trace_flags: `0${ctx.traceFlags.toString(16)}`.slice(-2) };
}

/**
 * A JSON logger (pino) for one service. Every line carries `service`, the level as a word, an ISO
 * time and — inside a span — `trace_id` / `span_id` of the active span, so logs join traces.
 * Passwords, tokens, secrets, authorization and cookie headers are replaced by `[REDACTED]`.
 *
 * @example
 * const log = createLogger('approvals');
 * log.info({ matterId }, 'matter registered');
 */
export function createLogger(service: string, options: CreateLoggerOptions = {}): Logger {
  const level = parseLogLevel(options.level ?? process.env['LOG_LEVEL']);
  const config = {
    level,
    base: { service, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: traceFields,
    redact: { paths: [...REDACT_PATHS, ...(options.redact ?? [])], censor: REDACTED },
  };
  return options.destination === undefined ? pino(config) : pino(config, options.destination);
}

const NEST_TO_PINO: Readonly<Record<LogLevel, Level>> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};
const PINO_ORDER: readonly Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/** Nest's test for "this string is a stack trace". */
function isStack(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && /\n[ \t]+at .+:\d+:\d+/.test(value));
}

interface ParsedCall {
  message: unknown;
  context?: string;
  stack?: string;
  params: unknown[];
}

/** Splits Nest's `(message, ...params, context?)` / `(message, stack?, context?)` calling conventions. */
function parseCall(args: unknown[], withStack: boolean, defaultContext: string | undefined): ParsedCall {
  const [message, ...rest] = args;
  const parsed: ParsedCall = { message, params: [] };
  if (defaultContext !== undefined) parsed.context = defaultContext;
  if (rest.length === 0) return parsed;
  if (withStack && rest.length === 1 && isStack(rest[0])) {
    if (typeof rest[0] === 'string') parsed.stack = rest[0];
    return parsed;
  }
  const last = rest[rest.length - 1];
  if (typeof last === 'string') {
    parsed.context = last;
    rest.pop();
  }
  if (withStack && rest.length > 0) {
    const maybeStack = rest[rest.length - 1];
    if (typeof maybeStack === 'string' || maybeStack === undefined) {
      rest.pop();
      if (maybeStack !== undefined) parsed.stack = maybeStack;
    }
  }
  parsed.params = rest;
  return parsed;
}

/**
 * Nest's `LoggerService` on top of {@link createLogger}, so that Nest's own messages are JSON lines
 * with trace ids too. Nest's `context` argument becomes a `context` field.
 *
 * @example
 * const app = await NestFactory.create(AppModule, { logger: new NestLogger(createLogger('gateway')) });
 */
export class NestLogger implements LoggerService {
  private readonly logger: Logger;

  /**
   * @param logger a logger from {@link createLogger}, or a service name to create one for
   * @param context default `context` for lines logged without one
   */
  constructor(
    logger: Logger | string,
    private readonly context?: string,
  ) {
    this.logger = typeof logger === 'string' ? createLogger(logger) : logger;
  }

  /** The underlying pino logger. */
  get pino(): Logger {
    return this.logger;
  }

  /** Level `info`. */
  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', [message, ...optionalParams], false);
  }

  /** Level `error`; accepts Nest's `(message, stack?, context?)`. */
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', [message, ...optionalParams], true);
  }

  /** Level `warn`. */
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', [message, ...optionalParams], false);
  }

  /** Level `debug`. */
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', [message, ...optionalParams], false);
  }

  /** Level `trace`. */
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', [message, ...optionalParams], false);
  }

  /** Level `fatal`; accepts Nest's `(message, stack?, context?)`. */
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', [message, ...optionalParams], true);
  }

  /** Nest's level list, mapped to the lowest (most verbose) pino level it contains. */
  setLogLevels(levels: LogLevel[]): void {
    const mapped = levels.map((l) => NEST_TO_PINO[l]);
    const lowest = PINO_ORDER.find((l) => mapped.includes(l));
    this.logger.level = lowest ?? 'silent';
  }

  private write(level: Level, args: unknown[], withStack: boolean): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const { message, context, stack, params } = parseCall(args, withStack, this.context);
    const fields: Record<string, unknown> = {};
    if (context !== undefined) fields['context'] = context;
    let msg: string | undefined;
    if (message instanceof Error) {
      fields['err'] = message;
      msg = message.message;
    } else if (typeof message === 'string') {
      msg = message;
    } else if (message !== undefined) {
      fields['data'] = message;
    }
    if (stack !== undefined) fields['stack'] = stack;
    if (params.length > 0) fields['params'] = params;
    if (msg === undefined) this.logger[level](fields);
    else this.logger[level](fields, msg);
  }
}
