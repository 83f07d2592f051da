import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { createLogger, NestLogger, parseLogLevel, REDACTED } from './logger';
import { useInMemoryTracing } from '../test/in-memory-tracing';
import { withSpan } from './tracing';

const { exporter, provider } = useInMemoryTracing();
afterAll(() => provider.shutdown());
beforeEach(() => {
  exporter.reset();
});

type Line = Record<string, unknown>;

/** A pino destination that keeps the parsed lines. */
function capture(): { lines: Line[]; stream: Writable } {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n')) if (l.trim() !== '') lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('adds trace_id and span_id of the active span, and nothing outside a span', async () => {
    const { lines, stream } = capture();
    const log = createLogger('approvals', { destination: stream, level: 'info' });

    log.info('outside');
    const ids = await withSpan('op', async (span) => {
      await new Promise((r) => setImmediate(r)); // still inside after an async hop
      log.info({ matterId: 'm1' }, 'inside');
      return span.spanContext();
    });

    expect(lines).toHaveLength(2);
    const [outside, inside] = lines;
    expect(outside).toMatchObject({ msg: 'outside', service: 'approvals', level: 'info' });
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('span_id');
    expect(inside).toMatchObject({ msg: 'inside', matterId: 'm1', service: 'approvals', trace_id: ids.traceId, span_id: ids.spanId, trace_flags: '01' });
    expect(typeof inside?.['time']).toBe('string');
    expect(exporter.getFinishedSpans().map((s) => s.spanContext().traceId)).toEqual([ids.traceId]);
  });

  it('follows the active span into child loggers and nested spans', () => {
    const { lines, stream } = capture();
    const child = createLogger('risk', { destination: stream }).child({ context: 'Ratings' });
    const span = trace.getTracer('t').startSpan('outer');
    context.with(trace.setSpan(context.active(), span), () => {
      child.warn('nested');
    });
    span.end();
    expect(lines[0]).toMatchObject({ context: 'Ratings', trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId, level: 'warn' });
  });

  it('redacts passwords, tokens, secrets, authorization and cookie headers', () => {
    const { lines, stream } = capture();
    const log = createLogger('gateway', { destination: stream });
    log.info(
      {
        password: 'hunter2',
        user: { name: 'li', token: 't0k' },
        req: { method: 'GET', headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'set-cookie': 's', accept: 'json' } },
        oidc: { clientSecret: 'cs', access_token: 'at', refreshToken: 'rt' },
        db: { url: 'postgres://x', secret: 's' },
      },
      'login',
    );
    const line = lines[0];
    expect(line).toMatchObject({
      password: REDACTED,
      user: { name: 'li', token: REDACTED },
      req: { method: 'GET', headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED, accept: 'json' } },
      oidc: { clientSecret: REDACTED, access_token: REDACTED, refreshToken: REDACTED },
      db: { url: 'postgres://x', secret: REDACTED },
    });
    expect(JSON.stringify(line)).not.toMatch(/hunter2|t0k|Bearer abc|sid=1|"cs"|"at"|"rt"/);
  });

  it('takes the level from LOG_LEVEL, and rejects unknown levels', () => {
    const saved = process.env['LOG_LEVEL'];
    try {
      process.env['LOG_LEVEL'] = 'debug';
      expect(createLogger('x', { destination: capture().stream }).level).toBe('debug');
      delete process.env['LOG_LEVEL'];
      expect(createLogger('x', { destination: capture().stream }).level).toBe('info');
      process.env['LOG_LEVEL'] = 'loud';
      expect(() => createLogger('x', { destination: capture().stream })).toThrow(/LOG_LEVEL: unknown log level "loud"/);
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
    expect(parseLogLevel('verbose')).toBe('trace');
    expect(parseLogLevel('LOG')).toBe('info');
  });
});

describe('NestLogger', () => {
  it("maps Nest's calls to JSON lines with context, stack and trace ids", () => {
    const { lines, stream } = capture();
    const logger = new NestLogger(createLogger('power-list', { destination: stream, level: 'trace' }), 'Default');
    const stack = 'Error: boom\n    at thing (/app/x.js:1:2)';

    logger.log('started');
    logger.log('routes mapped', 'RoutesResolver');
    logger.error('failed', stack, 'ExceptionsHandler');
    logger.error('failed without context', stack);
    logger.warn({ a: 1 }, 'Cfg');
    logger.verbose('v', 'V');
    logger.debug('d', { extra: true }, 'D');
    logger.fatal(new Error('dead'), 'Main');
    withSpan('request', () => {
      logger.log('in request', 'Ctrl');
    });

    expect(lines.map((l) => [l['level'], l['msg'], l['context']])).toEqual([
      ['info', 'started', 'Default'],
      ['info', 'routes mapped', 'RoutesResolver'],
      ['error', 'failed', 'ExceptionsHandler'],
      ['error', 'failed without context', 'Default'],
      ['warn', undefined, 'Cfg'],
      ['trace', 'v', 'V'],
      ['debug', 'd', 'D'],
      ['fatal', 'dead', 'Main'],
      ['info', 'in request', 'Ctrl'],
    ]);
    expect(lines[2]).toMatchObject({ stack, service: 'power-list' });
    expect(lines[3]).toMatchObject({ stack });
    expect(lines[4]).toMatchObject({ data: { a: 1 } });
    expect(lines[6]).toMatchObject({ params: [{ extra: true }] });
    expect(lines[7]).toMatchObject({ err: { type: 'Error', message: 'dead' } });
    expect(lines[8]?.['trace_id']).toMatch(/^[0-9a-f]{32}$/);
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it("honours Nest's setLogLevels", () => {
    const { lines, stream } = capture();
    const logger = new NestLogger(createLogger('x', { destination: stream }));
    logger.setLogLevels(['warn', 'error', 'fatal']);
    logger.log('hidden');
    logger.warn('shown');
    logger.setLogLevels([]);
    logger.error('hidden too');
    expect(lines.map((l) => l['msg'])).toEqual(['shown']);
  });
});
