import { type CallerContext, callerFromHeaders, ErrorCode, REQUEST_VALIDATION, type ServiceError } from '@qinglian/contracts';
import {
  type ArgumentsHost,
  Catch,
  type CallHandler,
  createParamDecorator,
  type ExceptionFilter,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  Logger,
  type NestInterceptor,
  ValidationPipe,
} from '@nestjs/common';
import { type NatsContext, RpcException } from '@nestjs/microservices';
import { context as otelContext, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createLogger } from '@qinglian/telemetry';
import { type Logger as PinoLogger } from 'pino';
import { Observable, throwError } from 'rxjs';
import { SERVICE_CONFIG, SERVICE_DEFINITION, type ServiceDefinition } from './tokens';
import { type ServiceConfig } from './service-config';
import { DomainError, flattenValidationErrors, RequestValidationError, toServiceError } from './domain-error';

interface NatsHeaders {
  get(name: string): string;
  has(name: string): boolean;
}

function headersOf(ctx: ExecutionContext): NatsHeaders | undefined {
  const rpc = ctx.switchToRpc().getContext<NatsContext | undefined>();
  return rpc?.getHeaders() as NatsHeaders | undefined;
}

function headerGetter(h: NatsHeaders | undefined): (name: string) => string | undefined {
  return (name) => (h?.has(name) ? h.get(name) : undefined);
}

/**
 * The caller context of an RPC, from the NATS headers. A request without a valid context is refused
 * with UNAUTHENTICATED before the handler runs.
 */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): CallerContext => {
  const caller = callerFromHeaders(headerGetter(headersOf(ctx)));
  if ('error' in caller) throw new DomainError(ErrorCode.Unauthenticated, caller.error);
  return caller;
});

/** Payload validation for every message handler: whitelist, forbid unknown, transform to the DTO class. */
export function rpcValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...REQUEST_VALIDATION,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}

/** Every failure leaves the service as a ServiceError; unexpected ones are logged with their stack. */
@Catch()
export class RpcErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | undefined {
    const error: ServiceError = exception instanceof RpcException ? (exception.getError() as ServiceError) : toServiceError(exception);
    if (error.code === ErrorCode.Internal) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (host.getType() === 'http') {
      // The services' HTTP side only serves probes; answer those plainly.
      const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
      const status = exception instanceof HttpException ? exception.getStatus() : 500;
      res.status(status).json(exception instanceof HttpException ? exception.getResponse() : { message: error.message });
      return undefined;
    }
    return throwError(() => error);
  }
}

/**
 * Counts requests in flight so shutdown can wait for them, and runs each handler inside a SERVER span
 * continuing the caller's trace from the `traceparent` header (NATS has no instrumentation of its own).
 */
@Injectable()
export class RpcInterceptor implements NestInterceptor {
  private readonly log: PinoLogger;
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  constructor(@Inject(SERVICE_DEFINITION) def: ServiceDefinition, @Inject(SERVICE_CONFIG) config: ServiceConfig) {
    this.log = createLogger(def.name, { level: config.LOG_LEVEL }).child({ component: 'rpc' });
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Resolves when no request is in flight, or after `timeoutMs`. */
  async idle(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'rpc') return next.handle();
    const headers = headerGetter(headersOf(ctx));
    const subject = ctx.switchToRpc().getContext<NatsContext>().getSubject();
    const parent = propagation.extract(otelContext.active(), {
      traceparent: headers('traceparent'),
      tracestate: headers('tracestate'),
    });
    const tracer = trace.getTracer('@qinglian/runtime');
    return new Observable((subscriber) => {
      this.inFlight++;
      const span = tracer.startSpan(subject, { kind: SpanKind.SERVER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'rpc.system': 'nats' } }, parent);
      const spanContext = trace.setSpan(parent, span);
      const started = performance.now();
      const done = (error?: unknown) => {
        const code = error === undefined ? 'OK' : toServiceError(error).code;
        if (error !== undefined) {
          span.setAttribute('qinglian.error_code', code);
          if (code === ErrorCode.Internal) span.setStatus({ code: SpanStatusCode.ERROR });
        }
        // One debug line per request, in its trace; nothing is built when debug is off (hot path).
        if (this.log.isLevelEnabled('debug')) {
          otelContext.with(spanContext, () => this.log.debug({ subject, code, ms: Math.round((performance.now() - started) * 10) / 10 }, 'rpc'));
        }
        span.end();
        this.inFlight--;
        if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
      };
      const sub = otelContext.with(spanContext, () =>
        next.handle().subscribe({
          next: (v) => subscriber.next(v),
          error: (e: unknown) => {
            done(e);
            subscriber.error(e);
          },
          complete: () => {
            done();
            subscriber.complete();
          },
        }),
      );
      return () => sub.unsubscribe();
    });
  }
}
