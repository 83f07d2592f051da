import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { PreparedStatementClient } from './prepared-client';

export interface ServiceDataSourceOptions {
  /** postgres:// URL; the runtime role for services, the owner role for migrations. */
  readonly url: string;
  /** The service's own schema (e.g. `power_list`); its tables and its migrations table live there. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations?: MixedList<Function | string>;
  readonly applicationName: string;
  readonly poolSize?: number;
  /**
   * Send parameterised statements as named prepared statements, parsed (and eventually planned)
   * once per connection (prepared-client.ts). Default true; migrations turn it off, as DDL may change
   * what a statement prepared earlier on the connection returns.
   */
  readonly preparedStatements?: boolean;
  /** Milliseconds a statement may run before PostgreSQL cancels it. */
  readonly statementTimeoutMs?: number;
}

/**
 * A TypeORM data source for one service. `synchronize` is off for good: the schema changes only
 * through checked-in migrations (docs/adr/0003-tenancy-with-row-level-security.md).
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Migrations create what they need as the owner; the runtime role may not create extensions.
    installExtensions: false,
    logging: false,
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      // search_path so raw SQL in the service finds its own tables first.
      options: `-c search_path=${options.schema},public`,
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      connectionTimeoutMillis: 5_000,
      ...(options.preparedStatements === false ? {} : { Client: PreparedStatementClient }),
    },
  });
}

/** Quotes an SQL identifier (schema, role, table). Only [a-z0-9_] names are accepted at all. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}
