// The testing lib uses persistence's migrateService, so Nx sees a project cycle here; it is one in
// the project graph only (persistence's source never imports testing, only its tests do).
import { createTestDatabase, type TestDatabase } from '@qinglian/testing';
import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { createServiceDataSource } from '../../src/data-source';
import { migrateService, type MigrateResult } from '../../src/migrate';
import { TenantTransactions } from '../../src/tenant-transactions';

/**
 * Roles are cluster-wide, so every persistence test uses this one fixed runtime role (migrateService
 * tolerates its concurrent creation); its privileges live in each test's own database.
 */
export const TEST_RUNTIME_ROLE = 'qinglian_test_runtime';

export interface ServiceDatabase {
  readonly db: TestDatabase;
  /** Superuser connection to the test database: for seeding checks and for tampering. */
  readonly admin: Client;
  /** Connected as the runtime role, as a service would be. */
  readonly runtime: DataSource;
  readonly tx: TenantTransactions;
  readonly firstMigration: MigrateResult;
  migrateAgain(): Promise<MigrateResult>;
  close(): Promise<void>;
}

export interface ServiceDatabaseOptions {
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: Function[];
  readonly appendOnlyTables?: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: Function[];
  readonly poolSize?: number;
}

/** A fresh database, migrated with `migrateService`, and a runtime-role data source on it. */
export async function startServiceDatabase(options: ServiceDatabaseOptions): Promise<ServiceDatabase> {
  const db = await createTestDatabase('qinglian_persistence');
  const migrate = () =>
    migrateService({
      adminUrl: db.adminUrl,
      schema: options.schema,
      runtimeRole: TEST_RUNTIME_ROLE,
      migrations: options.migrations,
      appendOnlyTables: options.appendOnlyTables ?? [],
    });
  let admin: Client | undefined;
  let runtime: DataSource | undefined;
  try {
    const firstMigration = await migrate();
    admin = new Client({ connectionString: db.adminUrl });
    await admin.connect();
    runtime = createServiceDataSource({
      url: db.urlFor(TEST_RUNTIME_ROLE),
      schema: options.schema,
      entities: options.entities ?? [],
      applicationName: 'persistence-test',
      poolSize: options.poolSize ?? 1,
    });
    await runtime.initialize();
    const [a, r] = [admin, runtime];
    return {
      db,
      admin: a,
      runtime: r,
      tx: new TenantTransactions(r),
      firstMigration,
      migrateAgain: migrate,
      async close() {
        await r.destroy();
        await a.end();
        await db.drop();
      },
    };
  } catch (error) {
    await runtime?.destroy().catch(() => undefined);
    await admin?.end().catch(() => undefined);
    await db.drop();
    throw error;
  }
}

/** Runs statements as superuser with triggers off, as an attacker with database access could. */
export async function tamper(admin: Client, sql: string, params: unknown[] = []): Promise<number> {
  await admin.query('BEGIN');
  try {
    await admin.query('SET LOCAL session_replication_role = replica');
    const result = await admin.query(sql, params);
    await admin.query('COMMIT');
    return result.rowCount ?? 0;
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  }
}

/** The SQLSTATE of a failed statement (TypeORM's QueryFailedError or pg's DatabaseError). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/** Awaits `work` and returns the SQLSTATE it failed with; fails the test when it succeeds. */
export async function failureCode(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
  } catch (error) {
    return sqlState(error) ?? `not an SQL error: ${String(error)}`;
  }
  throw new Error('expected the statement to be refused, but it succeeded');
}
