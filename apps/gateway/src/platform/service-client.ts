import { type CallerContext, callerToHeaders, ErrorCode, isServiceError, type ServiceError } from '@qinglian/contracts';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { errors as natsErrors, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { connectNats, FileStore } from '@qinglian/messaging';
import { randomUUID } from 'node:crypto';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { GATEWAY_CONFIG } from './tokens';
import { type GatewayConfig } from '../config';

/** Thrown to the problem filter when a service answers with an error or not at all. */
export class ServiceCallError extends Error {
  constructor(readonly error: ServiceError) {
    super(error.message);
  }
}

/** What a Nest microservice answers on NATS (`@nestjs/microservices` JSON wire format). */
interface NestReply {
  readonly response?: unknown;
  readonly err?: unknown;
  readonly isDisposed?: boolean;
}

/**
 * Request-reply to the services over NATS. Every request carries the caller context and the W3C
 * trace context in NATS headers, and waits at most RPC_TIMEOUT_MS: a silent service is a 503, never
 * a hang. It speaks the services' Nest wire format (`{pattern, data, id}` → `{response | err}`) with
 * the NATS client's own request(), whose single multiplexed reply subscription saves the
 * subscribe/unsubscribe pair Nest's ClientNats sends for every request (docs/adr/0005).
 */
@Injectable()
export class ServiceClient implements OnModuleInit, OnApplicationShutdown {
  private nc: NatsConnection | undefined;
  private fileStore: FileStore | undefined;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async onModuleInit(): Promise<void> {
    this.nc = await connectNats({ servers: this.config.NATS_URL.split(','), name: 'gateway' });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.nc && !this.nc.isClosed()) await this.nc.drain();
  }

  /** One request-reply, inside a CLIENT span whose context travels to the service in `traceparent`. */
  call<T>(subject: string, payload: object, caller: CallerContext): Promise<T> {
    const attributes = { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'rpc.system': 'nats', 'qinglian.request_id': caller.requestId };
    return trace.getTracer('@qinglian/gateway').startActiveSpan(subject, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        return await this.send<T>(subject, payload, caller);
      } catch (e: unknown) {
        if (e instanceof ServiceCallError) span.setAttribute('qinglian.error_code', e.error.code);
        if (!(e instanceof ServiceCallError) || e.error.code === ErrorCode.Unavailable || e.error.code === ErrorCode.Internal) span.setStatus({ code: SpanStatusCode.ERROR });
        throw e;
      } finally {
        span.end();
      }
    });
  }

  /** A request that acts for no caller (platform registries such as the tenant tree). */
  callSystem<T>(subject: string, payload: object): Promise<T> {
    return trace.getTracer('@qinglian/gateway').startActiveSpan(subject, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject } }, async (span) => {
      try {
        return await this.send<T>(subject, payload, undefined);
      } finally {
        span.end();
      }
    });
  }

  private async send<T>(subject: string, payload: object, caller: CallerContext | undefined): Promise<T> {
    const nc = this.nc;
    const service = subject.split('.')[0] ?? subject;
    if (!nc || nc.isClosed()) throw new ServiceCallError({ code: ErrorCode.Unavailable, message: 'messaging is unavailable: not connected to NATS' });
    const h = natsHeaders();
    if (caller) for (const [k, v] of Object.entries(callerToHeaders(caller))) h.set(k, v);
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    for (const [k, v] of Object.entries(carrier)) h.set(k, v);
    let reply: NestReply;
    try {
      const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data: payload, id: randomUUID() }), { timeout: this.config.RPC_TIMEOUT_MS, headers: h });
      reply = msg.json<NestReply>();
    } catch (e: unknown) {
      if (e instanceof natsErrors.NoRespondersError || (e instanceof natsErrors.RequestError && e.isNoResponders())) {
        throw new ServiceCallError({ code: ErrorCode.Unavailable, message: `${service} is not available (no instance is listening)` });
      }
      if (e instanceof natsErrors.TimeoutError || (e instanceof Error && e.cause instanceof natsErrors.TimeoutError)) {
        throw new ServiceCallError({ code: ErrorCode.Unavailable, message: `${service} did not answer within ${this.config.RPC_TIMEOUT_MS} ms` });
      }
      if (e instanceof natsErrors.ClosedConnectionError || e instanceof natsErrors.RequestError) {
        throw new ServiceCallError({ code: ErrorCode.Unavailable, message: `messaging is unavailable: ${e.message}` });
      }
      throw e;
    }
    if (reply.err !== undefined && reply.err !== null) {
      if (isServiceError(reply.err)) throw new ServiceCallError(reply.err);
      throw new ServiceCallError({ code: ErrorCode.Internal, message: `${service} failed` });
    }
    return reply.response as T;
  }

  /** Files exchanged with the services by claim check (uploads, exports). */
  get files(): FileStore {
    if (!this.nc || this.nc.isClosed()) throw new ServiceCallError({ code: ErrorCode.Unavailable, message: 'messaging is unavailable: not connected to NATS' });
    this.fileStore ??= new FileStore(this.nc);
    return this.fileStore;
  }

  /** Readiness: the gateway is useful only while NATS is reachable. */
  async natsReachable(timeoutMs = 1_000): Promise<boolean> {
    const nc = this.nc;
    if (!nc || nc.isClosed()) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([nc.flush(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
