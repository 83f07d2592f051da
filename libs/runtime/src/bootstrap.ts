import { type INestApplication, type LoggerService, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { migrateService } from '@qinglian/persistence';
import { createLogger, NestLogger, shutdownTelemetry } from '@qinglian/telemetry';
import { ConfigError, loadConfig } from './config';
import { DrainingServerNats } from './draining-server-nats';
import { Lifecycle, PlatformModule } from './platform';
import { type ServiceDefinition } from './tokens';
import { RpcInterceptor } from './rpc';
import { SERVICE_SECRETS, ServiceConfig } from './service-config';

export interface RunningService {
  readonly app: INestApplication;
  /** Base URL of the probe endpoints (`/health/live`, `/health/ready`). */
  readonly healthUrl: string;
  readonly config: ServiceConfig;
  /** Graceful stop: refuse new work, finish what is in flight, drain NATS, close the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: LoggerService | false;
}

/**
 * Starts one service: validated config, PostgreSQL, NATS request-reply in a queue group named after
 * the service, the health subject and HTTP probes.
 */
export async function startService(def: ServiceDefinition, options: StartOptions = {}): Promise<RunningService> {
  const config = loadConfig(ServiceConfig, options.env ?? process.env, SERVICE_SECRETS);

  @Module({ imports: [PlatformModule.forService(def, config), def.module] })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, new ExpressAdapter(), {
    logger: options.logger ?? new NestLogger(createLogger(def.name, { level: config.LOG_LEVEL })),
    abortOnError: false,
  });
  const rpc = app.get(RpcInterceptor);
  app.connectMicroservice(
    {
      strategy: new DrainingServerNats(
        { servers: config.NATS_URL.split(','), queue: def.name, name: def.name, maxReconnectAttempts: -1, waitOnFirstConnect: true },
        rpc,
        config.SHUTDOWN_TIMEOUT_MS,
      ),
    },
    // APP_* providers (PlatformModule) reach the microservice only through the inherited config.
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.HEALTH_PORT, '0.0.0.0');
  const address = (app.getHttpServer() as Server).address() as AddressInfo | null;
  const lifecycle = app.get(Lifecycle);
  let closing: Promise<void> | undefined;
  return {
    app,
    config,
    healthUrl: `http://127.0.0.1:${address?.port ?? config.HEALTH_PORT}`,
    close: () => {
      closing ??= (async () => {
        lifecycle.shuttingDown = true;
        // Drain the RPC side first, while the probes still answer (readiness: 503), then close the
        // rest; Nest's own order would close HTTP before the requests in flight are done.
        for (const microservice of app.getMicroservices()) await microservice.close();
        await app.close();
      })();
      return closing;
    },
  };
}

/**
 * Runs an app as a process: start it, log that it is ready, and on SIGTERM / SIGINT close it
 * gracefully, export the last spans, and exit (0, or 1 when closing failed). A start failure exits 1
 * with the reason (a configuration error in plain words on stderr).
 */
export function runProcess<T extends { close(): Promise<void> }>(name: string, start: () => Promise<T>, ready: (app: T, logger: NestLogger) => void): void {
  const logger = new NestLogger(createLogger(name), 'lifecycle');
  start()
    .then((app) => {
      ready(app, logger);
      const stop = (signal: string) => {
        logger.log(`${signal} received: finishing in-flight work and draining NATS`);
        app
          .close()
          .then(
            () => 0,
            (e: unknown) => {
              logger.error(`shutdown failed: ${String(e)}`);
              return 1;
            },
          )
          // The last spans are exported before the process goes.
          .then(async (code) => {
            await shutdownTelemetry().catch(() => undefined);
            process.exit(code);
          })
          .catch(() => process.exit(1));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((e: unknown) => exitOnStartError(logger, e));
}

/** Process entry point of a service. */
export function runService(def: ServiceDefinition): void {
  runProcess(def.name, () => startService(def), (svc, logger) => logger.log(`${def.name} ready; probes on ${svc.healthUrl}/health/{live,ready}`));
}

/** Process entry point of `nx run <svc>:migrate`. */
export function runMigrations(def: ServiceDefinition): void {
  const logger = new NestLogger(createLogger(def.name), 'migrate');
  (async () => {
    const config = loadConfig(ServiceConfig, process.env, SERVICE_SECRETS);
    if (!config.MIGRATION_DATABASE_URL) throw new ConfigError(['MIGRATION_DATABASE_URL: is required to run migrations (missing)']);
    const runtimeRole = decodeURIComponent(new URL(config.DATABASE_URL).username);
    if (!runtimeRole) throw new ConfigError(['DATABASE_URL: must name the runtime role as its user name']);
    const result = await migrateService({
      adminUrl: config.MIGRATION_DATABASE_URL,
      schema: def.schema,
      runtimeRole,
      runtimePassword: config.DB_RUNTIME_PASSWORD,
      migrations: def.migrations,
      appendOnlyTables: def.appendOnlyTables ?? [],
      readOnlyTables: def.readOnlyTables ?? [],
      privateTables: def.privateTables ?? [],
      log: (line) => logger.log(line),
    });
    logger.log(result.applied.length ? `${result.applied.length} migration(s) applied` : 'schema is up to date');
  })().then(
    () => process.exit(0),
    (e: unknown) => exitOnStartError(logger, e),
  );
}

function exitOnStartError(logger: NestLogger, e: unknown): never {
  if (e instanceof ConfigError) {
    // Plain stderr as well: a config error must be readable even when logs go to a collector.
    process.stderr.write(`${e.message}\n`);
  } else {
    logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  }
  process.exit(1);
}
