import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const PG_URL = /^postgres(ql)?:\/\/.+/;
/** One or more NATS servers, comma-separated; shared by every app's config. */
export const NATS_URL_PATTERN = /^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/;
export const NATS_URL_MESSAGE = 'NATS_URL must be nats://host:port[,nats://host:port…]';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Environment of every service (the README's table lists them). Defaults suit a local run; in
 * Kubernetes they come from the chart's ConfigMap and Secrets.
 */
export class ServiceConfig {
  /** Comma-separated NATS server URLs. */
  @Matches(NATS_URL_PATTERN, { message: NATS_URL_MESSAGE })
  NATS_URL = 'nats://127.0.0.1:4222';

  /** The service's runtime role (secret: may carry a password). */
  @Matches(PG_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** Port for liveness/readiness probes (HTTP). 0 picks a free port (tests). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT = 0;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /**
   * Parameterised statements are prepared once per connection (PostgreSQL parses and plans them
   * once). `false` behind a pooler that cannot keep prepared statements (PgBouncer in transaction
   * mode before 1.21, or without max_prepared_statements).
   */
  @Transform(({ value }: { value: unknown }) => !(value === false || value === 'false' || value === '0'))
  @IsBoolean()
  DB_PREPARED_STATEMENTS = true;

  /** JetStream stream and subject prefix of domain events. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'EVENTS_STREAM must be letters, digits, "_" or "-"' })
  EVENTS_STREAM = 'QINGLIAN_EVENTS';

  @IsString()
  @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { message: 'EVENTS_SUBJECT_PREFIX must be dot-separated tokens' })
  EVENTS_SUBJECT_PREFIX = 'evt';

  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL = 'info';

  /** Published outbox rows older than this are deleted (hourly); JetStream keeps the events. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 7;

  /** Migrations only: a role that may create the schema, the runtime role and tables. */
  @IsOptional()
  @Matches(PG_URL, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /** Migrations only: password to set on the runtime role (from a secret). */
  @IsOptional()
  @IsString()
  DB_RUNTIME_PASSWORD?: string;
}

export const SERVICE_SECRETS = ['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'DB_RUNTIME_PASSWORD'] as const;
