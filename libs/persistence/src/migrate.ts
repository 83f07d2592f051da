import { Client } from 'pg';
import { createServiceDataSource, ident } from './data-source';

export interface MigrateServiceOptions {
  /** URL of a role that may create schemas and roles (the migrations Job's credentials). */
  readonly adminUrl: string;
  readonly schema: string;
  /** The service's runtime role: it gets data privileges only, never ownership or BYPASSRLS. */
  readonly runtimeRole: string;
  /** Set the runtime role's password when given (from a secret); left alone otherwise. */
  readonly runtimePassword?: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: Function[];
  /** Tables the runtime role may read and append to but never change or delete from. */
  readonly appendOnlyTables?: readonly string[];
  /** Tables the runtime role may only read (registries the owner maintains). */
  readonly readOnlyTables?: readonly string[];
  /** Tables the runtime role may not touch at all (reached only through SECURITY DEFINER functions). */
  readonly privateTables?: readonly string[];
  readonly log?: (line: string) => void;
}

export interface MigrateResult {
  readonly applied: string[];
}

/**
 * Prepares a service's schema and runtime role, then runs its pending migrations, all as the admin
 * role. Safe to run concurrently (a session advisory lock serialises runs) and repeatedly.
 */
export async function migrateService(options: MigrateServiceOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => undefined);
  const schema = ident(options.schema);
  const role = ident(options.runtimeRole);
  const admin = new Client({ connectionString: options.adminUrl, application_name: `${options.schema}-migrate` });
  await admin.connect();
  try {
    // One migration at a time per database: concurrent GRANTs on the same database row fail with
    // "tuple concurrently updated", and the runs are short.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['qinglian-migrate']);
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    // Roles are cluster-wide; another database's migration may be creating the same one right now.
    await admin.query(`DO $$ BEGIN
        CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    if (options.runtimePassword) {
      await admin.query(`ALTER ROLE ${role} PASSWORD ${quoteLiteral(options.runtimePassword)}`);
    }
    const { rows } = await admin.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
      [options.runtimeRole],
    );
    if (rows[0]?.rolsuper || rows[0]?.rolbypassrls) {
      throw new Error(`runtime role ${options.runtimeRole} must not be superuser or bypass row-level security`);
    }
    const db = (await admin.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
    await admin.query(`GRANT CONNECT ON DATABASE ${ident(db)} TO ${role}`);
    await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await admin.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
    await admin.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`);
    await admin.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT EXECUTE ON FUNCTIONS TO ${role}`);

    const dataSource = createServiceDataSource({
      url: options.adminUrl,
      schema: options.schema,
      migrations: options.migrations,
      applicationName: `${options.schema}-migrate`,
      poolSize: 1,
      preparedStatements: false,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`applied migration ${m.name}`);
      for (const table of options.appendOnlyTables ?? []) {
        await admin.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${schema}.${ident(table)} FROM ${role}`);
      }
      for (const table of options.privateTables ?? []) {
        await admin.query(`REVOKE ALL ON ${schema}.${ident(table)} FROM ${role}`);
      }
      for (const table of options.readOnlyTables ?? []) {
        await admin.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${schema}.${ident(table)} FROM ${role}`);
      }
      // The migrations bookkeeping is the owner's business only.
      await admin.query(`REVOKE ALL ON ${schema}.migrations FROM ${role}`);
      return { applied: applied.map((m) => m.name) };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await admin.end();
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
