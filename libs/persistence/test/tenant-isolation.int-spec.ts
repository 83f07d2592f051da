import { randomUUID } from 'node:crypto';
import { Column, Entity, type MigrationInterface, PrimaryColumn, type QueryRunner } from 'typeorm';
import { currentTenantFunctionSql, statementName, TenantNotSetError, tenantTableSql, TENANT_SETTING } from '../src';
import { failureCode, type ServiceDatabase, startServiceDatabase, TEST_RUNTIME_ROLE } from './support/service-database';

// Proves that PostgreSQL row-level security, not the service's queries, keeps tenants apart: the
// runtime role runs deliberately careless SQL and still cannot see or touch another tenant's rows.

const SCHEMA = 'isolation_test';

class CreateNotes1730000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(currentTenantFunctionSql(SCHEMA));
    await q.query(`CREATE TABLE ${SCHEMA}.notes (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, body text NOT NULL)`);
    for (const sql of tenantTableSql(SCHEMA, 'notes')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${SCHEMA}.notes`);
  }
}

/** A tenant-owned entity as a service declares it: nothing in it mentions row-level security. */
@Entity({ name: 'notes' })
class Note {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  body!: string;
}

const A = randomUUID();
const B = randomUUID();
const RLS_VIOLATION = '42501';

describe('tenant isolation by row-level security (runtime role, real PostgreSQL)', () => {
  let s: ServiceDatabase;

  const insertSql = 'INSERT INTO notes (id, tenant_id, body) VALUES ($1, $2, $3)';
  const countAsAdmin = async (tenant: string): Promise<number> =>
    Number((await s.admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${SCHEMA}.notes WHERE tenant_id = $1`, [tenant])).rows[0]?.n);

  beforeAll(async () => {
    // Pool of one connection: every transaction below reuses the same backend session.
    s = await startServiceDatabase({ schema: SCHEMA, migrations: [CreateNotes1730000000000], entities: [Note], poolSize: 1 });
    await s.tx.run(A, async (em) => {
      await em.query(insertSql, [randomUUID(), A, 'a-1']);
      await em.getRepository(Note).insert({ id: randomUUID(), tenantId: A, body: 'a-2' });
    });
    await s.tx.run(B, async (em) => {
      await em.query(insertSql, [randomUUID(), B, 'b-1']);
      await em.query(insertSql, [randomUUID(), B, 'b-2']);
      await em.query(insertSql, [randomUUID(), B, 'b-3']);
    });
  });

  afterAll(async () => {
    await s.close();
  });

  it('keeps tenants apart when one prepared statement, on one connection, serves both — with a generic plan too', async () => {
    const sql = 'SELECT body FROM notes WHERE body LIKE $1 ORDER BY body';
    const bodies = (tenant: string) =>
      s.tx.run(tenant, async (em) => {
        // A generic plan is made once and reused whatever the parameters: the tenant must still be
        // read at execution.
        await em.query('SET LOCAL plan_cache_mode = force_generic_plan');
        return (await em.query<{ body: string }[]>(sql, ['%'])).map((r) => r.body);
      });
    for (let i = 0; i < 3; i++) {
      const [a, b] = [await bodies(A), await bodies(B)];
      expect(a.length).toBeGreaterThanOrEqual(2);
      expect(a.every((body) => body.startsWith('a-'))).toBe(true);
      expect(b.length).toBeGreaterThanOrEqual(3);
      expect(b.every((body) => body.startsWith('b-'))).toBe(true);
    }
    // It was a prepared statement, on the pool's only connection, run generically.
    const [prepared] = await s.tx.run(A, (em) =>
      em.query<{ statement: string; generic_plans: string }[]>('SELECT statement, generic_plans FROM pg_prepared_statements WHERE name = $1', [statementName(sql)]),
    );
    expect(prepared).toMatchObject({ statement: sql });
    expect(Number(prepared?.generic_plans)).toBeGreaterThanOrEqual(6);
  });

  it('has rows of both tenants in the table (so the checks below are not vacuous)', async () => {
    expect(s.firstMigration.applied).toEqual(['CreateNotes1730000000000']);
    expect(await countAsAdmin(A)).toBe(2);
    expect(await countAsAdmin(B)).toBe(3);
  });

  it("returns only the tenant's rows to a query that forgets its tenant filter", async () => {
    const raw = await s.tx.run(A, (em) => em.query<{ tenant_id: string; body: string }[]>('SELECT * FROM notes ORDER BY body'));
    expect(raw.map((r) => r.body)).toEqual(['a-1', 'a-2']);
    expect(new Set(raw.map((r) => r.tenant_id))).toEqual(new Set([A]));

    const viaRepository = await s.tx.run(B, (em) => em.getRepository(Note).find({ order: { body: 'ASC' } }));
    expect(viaRepository.map((n) => n.body)).toEqual(['b-1', 'b-2', 'b-3']);

    // Even asking for the other tenant by name finds nothing.
    const asked = await s.tx.run(A, (em) => em.query<unknown[]>('SELECT * FROM notes WHERE tenant_id = $1', [B]));
    expect(asked).toHaveLength(0);
  });

  it("refuses to write a row for tenant B in tenant A's transaction", async () => {
    const id = randomUUID();
    const code = await failureCode(s.tx.run(A, (em) => em.query(insertSql, [id, B, 'smuggled'])));
    expect(code).toBe(RLS_VIOLATION);
    await expect(s.tx.run(A, (em) => em.query(insertSql, [randomUUID(), B, 'smuggled']))).rejects.toThrow(
      /new row violates row-level security policy/,
    );
    expect(await failureCode(s.tx.run(A, (em) => em.getRepository(Note).insert({ id, tenantId: B, body: 'smuggled' })))).toBe(
      RLS_VIOLATION,
    );
    // Moving one of A's own rows over to B is a write for B as well.
    expect(await failureCode(s.tx.run(A, (em) => em.query('UPDATE notes SET tenant_id = $1', [B])))).toBe(RLS_VIOLATION);
    expect(await countAsAdmin(B)).toBe(3);
    expect(await countAsAdmin(A)).toBe(2);
  });

  it('shows no rows and refuses writes when no tenant is set', async () => {
    expect(await s.tx.runWithoutTenant((em) => em.query<unknown[]>('SELECT * FROM notes'))).toHaveLength(0);
    expect(await s.runtime.query<unknown[]>('SELECT * FROM notes')).toHaveLength(0);
    expect(await s.runtime.getRepository(Note).count()).toBe(0);

    expect(await failureCode(s.tx.runWithoutTenant((em) => em.query(insertSql, [randomUUID(), A, 'no tenant'])))).toBe(RLS_VIOLATION);
    expect(await failureCode(s.runtime.query(insertSql, [randomUUID(), A, 'no tenant']))).toBe(RLS_VIOLATION);

    const [, updated] = await s.runtime.query<[unknown[], number]>("UPDATE notes SET body = 'x'");
    expect(updated).toBe(0);
    expect(await countAsAdmin(A)).toBe(2);
  });

  it("affects none of B's rows with UPDATE or DELETE from A's transaction", async () => {
    const result = await s.tx.run(A, async (em) => {
      const [, updated] = await em.query<[unknown[], number]>("UPDATE notes SET body = 'hacked' WHERE tenant_id = $1", [B]);
      const [, deleted] = await em.query<[unknown[], number]>('DELETE FROM notes WHERE tenant_id = $1', [B]);
      const viaRepository = await em.getRepository(Note).delete({ tenantId: B });
      return { updated, deleted, repositoryDeleted: viaRepository.affected };
    });
    expect(result).toEqual({ updated: 0, deleted: 0, repositoryDeleted: 0 });
    const bodies = (await s.admin.query<{ body: string }>(`SELECT body FROM ${SCHEMA}.notes WHERE tenant_id = $1 ORDER BY body`, [B])).rows;
    expect(bodies.map((r) => r.body)).toEqual(['b-1', 'b-2', 'b-3']);

    // The same statements do reach the tenant's own rows, so the zero above is the policy at work.
    const own = await s.tx.run(A, async (em) => {
      const [, updated] = await em.query<[unknown[], number]>("UPDATE notes SET body = body WHERE tenant_id = $1", [A]);
      return updated;
    });
    expect(own).toBe(2);
  });

  it('does not leak the tenant to the next transaction on the same pooled connection', async () => {
    const inside = await s.tx.run(A, (em) =>
      em.query<{ pid: number; tenant: string }[]>(`SELECT pg_backend_pid() AS pid, current_setting('${TENANT_SETTING}') AS tenant`),
    );
    expect(inside[0]?.tenant).toBe(A);

    const after = await s.runtime.query<{ pid: number; tenant: string | null; n: string }[]>(
      `SELECT pg_backend_pid() AS pid, current_setting('${TENANT_SETTING}', true) AS tenant, (SELECT count(*) FROM notes) AS n`,
    );
    expect(after[0]?.pid).toBe(inside[0]?.pid);
    expect(after[0]?.tenant ?? '').toBe('');
    expect(after[0]?.n).toBe('0');

    // Nor after a transaction that failed and rolled back.
    await expect(
      s.tx.run(A, async (em) => {
        await em.query('SELECT 1');
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    const afterFailure = await s.tx.runWithoutTenant((em) =>
      em.query<{ pid: number; n: string }[]>('SELECT pg_backend_pid() AS pid, (SELECT count(*) FROM notes) AS n'),
    );
    expect(afterFailure[0]).toEqual({ pid: inside[0]?.pid, n: '0' });

    // And the next tenant's transaction sees only its own rows.
    expect(await s.tx.run(B, (em) => em.getRepository(Note).count())).toBe(3);
  });

  it('reads in a READ ONLY transaction bound to the tenant, which refuses writes and leaks nothing', async () => {
    const rows = await s.tx.read(A, (em) => em.query<{ tenant_id: string }[]>('SELECT tenant_id FROM notes'));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([A]));
    // 25006: cannot execute INSERT in a read-only transaction
    expect(await failureCode(s.tx.read(A, (em) => em.query(insertSql, [randomUUID(), A, 'written in a read'])))).toBe('25006');
    expect(await s.tx.read(B, (em) => em.getRepository(Note).count())).toBe(3);
    // The deferred COMMIT has returned the (single) pooled connection: the next work gets it, tenant-free.
    const after = await s.tx.runWithoutTenant((em) => em.query<{ tenant: string | null; n: string }[]>(`SELECT current_setting('${TENANT_SETTING}', true) AS tenant, (SELECT count(*) FROM notes) AS n`));
    expect(after[0]?.tenant ?? '').toBe('');
    expect(after[0]?.n).toBe('0');
    await expect(s.tx.read('not-a-uuid', () => Promise.resolve(1))).rejects.toBeInstanceOf(TenantNotSetError);
  });

  it('refuses a tenant id that is not a UUID before touching the database', async () => {
    await expect(s.tx.run('', () => Promise.resolve(1))).rejects.toBeInstanceOf(TenantNotSetError);
    await expect(s.tx.run(`${A}' OR true --`, () => Promise.resolve(1))).rejects.toBeInstanceOf(TenantNotSetError);
  });

  it('runs as a role that is not the owner, not superuser and cannot bypass row-level security', async () => {
    const [me] = await s.runtime.query<{ user: string }[]>('SELECT current_user AS user');
    expect(me?.user).toBe(TEST_RUNTIME_ROLE);

    const role = (
      await s.admin.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>(
        'SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = $1',
        [TEST_RUNTIME_ROLE],
      )
    ).rows[0];
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });

    const table = (
      await s.admin.query<{ owner: string; rls: boolean; forced: boolean }>(
        `SELECT pg_get_userbyid(c.relowner) AS owner, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relname = 'notes'`,
        [SCHEMA],
      )
    ).rows[0];
    expect(table?.owner).not.toBe(TEST_RUNTIME_ROLE);
    expect(table).toMatchObject({ rls: true, forced: true });

    // Not being the owner, it cannot switch the protection off or read the migrations bookkeeping.
    expect(await failureCode(s.runtime.query('ALTER TABLE notes DISABLE ROW LEVEL SECURITY'))).toBe('42501');
    expect(await failureCode(s.runtime.query('DROP POLICY tenant_isolation ON notes'))).toBe('42501');
    expect(await failureCode(s.runtime.query('SELECT * FROM migrations'))).toBe('42501');
  });

  it('applies nothing when migrateService runs again', async () => {
    const again = await s.migrateAgain();
    expect(again.applied).toEqual([]);
    expect(await countAsAdmin(A)).toBe(2);
    expect(await countAsAdmin(B)).toBe(3);
    // The runtime role keeps working after the rerun.
    expect(await s.tx.run(A, (em) => em.getRepository(Note).count())).toBe(2);
  });
});
