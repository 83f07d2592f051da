import { type DynamicModule, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { type HealthReply, healthSubject } from '@qinglian/contracts';
import { createServiceDataSource, TenantTransactions } from '@qinglian/persistence';
import { type NatsConnection } from '@nats-io/transport-node';
import { connectNats, ensureEventStream, OutboxRelay } from '@qinglian/messaging';
import { createLogger } from '@qinglian/telemetry';
import { DataSource } from 'typeorm';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { RpcErrorFilter, RpcInterceptor, rpcValidationPipe } from './rpc';
import { NATS_CONNECTION, SERVICE_CONFIG, SERVICE_DEFINITION, type ServiceDefinition } from './tokens';
import { type ServiceConfig } from './service-config';

/** Tracks whether the service should receive traffic; flipped off first thing on SIGTERM. */
@Injectable()
export class Lifecycle {
  shuttingDown = false;
}

@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly lifecycle: Lifecycle,
  ) {}

  async database(timeoutMs = 1_000): Promise<boolean> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /** NATS is up when a round trip to the server (flush) completes in time. */
  async nats(timeoutMs = 1_000): Promise<boolean> {
    if (this.nc.isClosed()) return false;
    try {
      await withTimeout(this.nc.flush(), timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  get accepting(): boolean {
    return !this.lifecycle.shuttingDown;
  }
}

/** Kubernetes probes: liveness says the process serves HTTP; readiness that it can do its work. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly checks: ReadinessChecks,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    if (!this.checks.accepting) throw new ServiceUnavailableException({ status: 'shutting-down' });
    return this.health.check([
      async () => {
        const s = this.indicators.check('database');
        return (await this.checks.database()) ? s.up() : s.down({ message: 'PostgreSQL did not answer SELECT 1 within 1 s' });
      },
      async () => {
        const s = this.indicators.check('nats');
        return (await this.checks.nats()) ? s.up() : s.down({ message: 'NATS did not answer a flush within 1 s' });
      },
    ]);
  }
}

export function createHealthRpcController(def: ServiceDefinition): Type {
  @Controller()
  class HealthRpcController {
    constructor(private readonly checks: ReadinessChecks) {}

    @MessagePattern(healthSubject(def.name))
    async check(): Promise<HealthReply> {
      const [db, nats] = await Promise.all([this.checks.database(), this.checks.nats()]);
      return {
        service: def.name,
        status: db && nats ? 'ok' : 'degraded',
        checks: { database: db ? 'up' : 'down', nats: nats ? 'up' : 'down' },
        version: def.version ?? '0.0.0',
      };
    }
  }
  return HealthRpcController;
}

/**
 * Owns the process-wide connections and the outbox relay. On start it makes sure the event stream
 * takes this service's subjects and starts relaying; on shutdown (after the RPC server has drained)
 * it publishes what is pending, stops the relay, drains NATS and closes the database, in that order.
 */
@Injectable()
export class Connections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Connections');
  readonly relay: OutboxRelay;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_DEFINITION) private readonly def: ServiceDefinition,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    this.relay = new OutboxRelay({ dataSource, schema: def.schema, nc, log: createLogger(def.name, { level: config.LOG_LEVEL }).child({ component: 'outbox-relay' }) });
  }

  private pruneTimer: NodeJS.Timeout | undefined;

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStream(this.nc, { name: this.config.EVENTS_STREAM, subjects: [`${this.config.EVENTS_SUBJECT_PREFIX}.${this.def.name}.>`] });
    await this.relay.start();
    this.pruneTimer = setInterval(() => {
      this.relay.prune(this.config.OUTBOX_RETENTION_DAYS).catch((e: unknown) => this.logger.warn(`outbox prune: ${String(e)}`));
    }, 3_600_000);
    this.pruneTimer.unref();
  }

  private closing: Promise<void> | undefined;

  /**
   * Nest calls shutdown hooks once when the microservice closes and again when the app does; the
   * work runs once (a second run would flush the outbox through a closed pool).
   */
  onApplicationShutdown(): Promise<void> {
    this.closing ??= this.close();
    return this.closing;
  }

  private async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.relay.flush().catch((e: unknown) => this.logger.warn(`outbox flush on shutdown: ${String(e)}; pending events stay in the outbox`));
    await this.relay.stop();
    if (!this.nc.isClosed()) await this.nc.drain().catch((e: unknown) => this.logger.warn(`NATS drain: ${String(e)}`));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The platform side of every service: config, database, NATS, health, the RPC interceptor. */
@Module({})
export class PlatformModule {
  static forService(def: ServiceDefinition, config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, createHealthRpcController(def)],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_DEFINITION, useValue: def },
        {
          provide: DataSource,
          useFactory: async () => {
            const ds = createServiceDataSource({
              url: config.DATABASE_URL,
              schema: def.schema,
              entities: def.entities,
              applicationName: def.name,
              poolSize: config.DB_POOL_SIZE,
              preparedStatements: config.DB_PREPARED_STATEMENTS,
            });
            return ds.initialize();
          },
        },
        {
          provide: NATS_CONNECTION,
          useFactory: () => connectNats({ servers: config.NATS_URL.split(','), name: `${def.name}-events` }),
        },
        { provide: TenantTransactions, useFactory: (ds: DataSource) => new TenantTransactions(ds), inject: [DataSource] },
        Lifecycle,
        ReadinessChecks,
        RpcInterceptor,
        Connections,
        // Global for the RPC handlers (and harmless for the probes): one place each for validation,
        // error mapping, tracing and in-flight tracking.
        { provide: APP_PIPE, useFactory: rpcValidationPipe },
        { provide: APP_FILTER, useClass: RpcErrorFilter },
        { provide: APP_INTERCEPTOR, useExisting: RpcInterceptor },
      ],
      exports: [SERVICE_CONFIG, SERVICE_DEFINITION, DataSource, NATS_CONNECTION, TenantTransactions, Lifecycle, ReadinessChecks, RpcInterceptor, Connections],
    };
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
