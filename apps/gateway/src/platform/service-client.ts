import { type CallerContext, callerToHeaders, ErrorCode, isServiceError, type ServiceError } from '@qinglian/contracts';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ClientNats, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { GATEWAY_CONFIG } from './tokens';
import { type GatewayConfig } from '../config';

/** Thrown to the problem filter when a service answers with an error or not at all. */
export class ServiceCallError extends Error {
  constructor(readonly error: ServiceError) {
    super(error.message);
  }
}

/**
 * Request-reply to the services over NATS. Every request carries the caller context and the W3C
 * trace context in NATS headers, and waits at most RPC_TIMEOUT_MS: a silent service is a 503, never a hang.
 */
@Injectable()
export class ServiceClient implements OnModuleInit, OnApplicationShutdown {
  private readonly client: ClientNats;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {
    this.client = new ClientNats({ servers: config.NATS_URL.split(','), name: 'gateway', maxReconnectAttempts: -1, waitOnFirstConnect: true });
  }

  async onModuleInit(): Promise<void> {
    await this.client.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
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

  private async send<T>(subject: string, payload: object, caller: CallerContext): Promise<T> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(callerToHeaders(caller))) h.set(k, v);
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    for (const [k, v] of Object.entries(carrier)) h.set(k, v);
    const record = new NatsRecordBuilder(payload).setHeaders(h).build();
    const service = subject.split('.')[0] ?? subject;
    try {
      return await firstValueFrom(this.client.send<T>(subject, record).pipe(timeout(this.config.RPC_TIMEOUT_MS)));
    } catch (e: unknown) {
      if (isServiceError(e)) throw new ServiceCallError(e);
      if (e instanceof TimeoutError) {
        throw new ServiceCallError({ code: ErrorCode.Unavailable, message: `${service} did not answer within ${this.config.RPC_TIMEOUT_MS} ms` });
      }
      const message = e instanceof Error ? e.message : String(e);
      if (/no subscribers|no responders|503/i.test(message)) {
        throw new ServiceCallError({ code: ErrorCode.Unavailable, message: `${service} is not available (no instance is listening)` });
      }
      if (/closed|disconnect|connection/i.test(message)) {
        throw new ServiceCallError({ code: ErrorCode.Unavailable, message: `messaging is unavailable: ${message}` });
      }
      throw e;
    }
  }

  /** Readiness: the gateway is useful only while NATS is reachable. */
  async natsReachable(timeoutMs = 1_000): Promise<boolean> {
    const nc = this.client.unwrap<{ flush(): Promise<void>; isClosed(): boolean }>();
    if (nc.isClosed()) return false;
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
