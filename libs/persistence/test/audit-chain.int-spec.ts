import { randomUUID } from 'node:crypto';
import {
  AUDIT_APPEND_ONLY_TABLES,
  type AuditAppendResult,
  AuditChain,
  type LockedAuditHead,
  AuditTenantMismatchError,
  auditTablesSql,
  tenantTableSql,
} from '../src';
import { type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { failureCode, type ServiceDatabase, startServiceDatabase, tamper } from './support/service-database';

// The audit chain against real PostgreSQL, written through the runtime role as a service would, and
// tampered with as a superuser with triggers switched off, as an attacker with database access could.

const SCHEMA = 'audit_test';

class CreateAudit1730000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const sql of auditTablesSql(SCHEMA)) await q.query(sql);
    // A business table, to show an entry commits and rolls back with the change it records.
    await q.query(`CREATE TABLE ${SCHEMA}.decisions (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, title text NOT NULL)`);
    for (const sql of tenantTableSql(SCHEMA, 'decisions')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${SCHEMA}.decisions, ${SCHEMA}.audit_log, ${SCHEMA}.audit_head`);
  }
}

const CONNECTIONS = 6;
// Small batches so verification crosses many batch boundaries.
const chain = new AuditChain(SCHEMA, { verifyBatchSize: 4 });

describe('AuditChain (real PostgreSQL, runtime role)', () => {
  let s: ServiceDatabase;

  const append = (tenantId: string, i: number, em?: EntityManager): Promise<AuditAppendResult> => {
    const entry = { tenantId, actor: `user-${i % 3}`, action: 'decision.record', entityType: 'decision', entityId: `d-${i}`, data: { i } };
    return em ? chain.append(em, entry) : s.tx.run(tenantId, (tem) => chain.append(tem, entry));
  };
  const seed = async (tenantId: string, n: number): Promise<AuditAppendResult[]> => {
    const results: AuditAppendResult[] = [];
    for (let i = 1; i <= n; i++) results.push(await append(tenantId, i));
    return results;
  };
  const verify = (tenantId: string) => s.tx.run(tenantId, (em) => chain.verify(em, tenantId));

  beforeAll(async () => {
    s = await startServiceDatabase({
      schema: SCHEMA,
      migrations: [CreateAudit1730000000000],
      appendOnlyTables: AUDIT_APPEND_ONLY_TABLES,
      poolSize: CONNECTIONS,
    });
  });

  afterAll(async () => {
    await s.close();
  });

  it('(1) keeps a valid chain per tenant, whatever the session time zone and the data', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const awkward = {
      text: '清廉 "quoted" \\ back\nslash \u2028 😀',
      numbers: [0, -0, 0.1, 1e21, 1e-7, 9007199254740991, -1.5e-300],
      nested: { z: [{ b: 1, a: 2 }], '€': true, a: null, '\u00e9': 'e-acute', e: 'plain' },
      empty: {},
    };
    const results: AuditAppendResult[] = [];
    for (let i = 1; i <= 13; i++) {
      results.push(
        await s.tx.run(a, async (em) => {
          // Session time zone must not leak into what is hashed.
          await em.query(`SET LOCAL TimeZone = '${i % 2 ? 'Asia/Shanghai' : 'America/St_Johns'}'`);
          return chain.append(em, { tenantId: a.toUpperCase(), action: 'record', entityType: 'thing', data: { i, awkward } });
        }),
      );
      if (i <= 9) await append(b, i);
    }
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 13 }, (_, k) => k + 1));

    const va = await s.tx.run(a, async (em) => {
      await em.query(`SET LOCAL TimeZone = 'Pacific/Chatham'`);
      return chain.verify(em, a);
    });
    expect(va).toEqual({ ok: true, entries: 13, head: { seq: 13, hash: results.at(-1)?.hash } });
    expect(await verify(b)).toMatchObject({ ok: true, entries: 9, head: { seq: 9 } });

    // What is stored is what was hashed: rows carry the returned ids and hashes, linked in order.
    const rows = (
      await s.admin.query<{ id: string; seq: string; prev_hash: string; hash: string }>(
        `SELECT id, seq, prev_hash, hash FROM ${SCHEMA}.audit_log WHERE tenant_id = $1 ORDER BY seq`,
        [a],
      )
    ).rows;
    expect(rows.map((r) => ({ id: r.id, seq: Number(r.seq), hash: r.hash }))).toEqual(results);
    expect(rows[0]?.prev_hash).toBe('0'.repeat(64));
    for (let k = 1; k < rows.length; k++) expect(rows[k]?.prev_hash).toBe(rows[k - 1]?.hash);
  });

  it('(2) names the entry whose data was altered, and leaves the other tenant intact', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const entries = await seed(a, 10);
    await seed(b, 5);
    expect(await verify(a)).toMatchObject({ ok: true, entries: 10 });

    const changed = await tamper(
      s.admin,
      `UPDATE ${SCHEMA}.audit_log SET data = jsonb_set(data, '{i}', '700') WHERE tenant_id = $1 AND seq = 7`,
      [a],
    );
    expect(changed).toBe(1);
    expect(await verify(a)).toEqual({
      ok: false,
      entries_checked: 6,
      firstBroken: { seq: 7, id: entries[6]?.id, reason: 'hash-mismatch', expected: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown, actual: entries[6]?.hash },
    });
    expect(await verify(b)).toMatchObject({ ok: true, entries: 5 });
  });

  it('(2b) detects a time moved by a single microsecond, and a re-hashed entry at the next link', async () => {
    const a = randomUUID();
    const entries = await seed(a, 6);
    await tamper(s.admin, `UPDATE ${SCHEMA}.audit_log SET occurred_at = occurred_at + interval '1 microsecond' WHERE tenant_id = $1 AND seq = 2`, [a]);
    expect(await verify(a)).toMatchObject({ ok: false, entries_checked: 1, firstBroken: { seq: 2, id: entries[1]?.id, reason: 'hash-mismatch' } });

    const c = randomUUID();
    const cEntries = await seed(c, 6);
    // An attacker who also rewrites the hash of the altered entry breaks the link to the next one.
    await tamper(s.admin, `UPDATE ${SCHEMA}.audit_log SET hash = $2 WHERE tenant_id = $1 AND seq = 3`, [c, 'f'.repeat(64)]);
    expect(await verify(c)).toMatchObject({
      ok: false,
      entries_checked: 2,
      firstBroken: { seq: 3, id: cEntries[2]?.id, reason: 'hash-mismatch', actual: 'f'.repeat(64) },
    });
  });

  it('(3) reports a deleted middle entry as a gap at its seq', async () => {
    const a = randomUUID();
    await seed(a, 10);
    expect(await tamper(s.admin, `DELETE FROM ${SCHEMA}.audit_log WHERE tenant_id = $1 AND seq = 5`, [a])).toBe(1);
    expect(await verify(a)).toEqual({
      ok: false,
      entries_checked: 4,
      firstBroken: { seq: 5, id: null, reason: 'gap', expected: '5', actual: '6' },
    });
  });

  it('(4) detects a deleted last entry through audit_head', async () => {
    const a = randomUUID();
    await seed(a, 10);
    expect(await tamper(s.admin, `DELETE FROM ${SCHEMA}.audit_log WHERE tenant_id = $1 AND seq = 10`, [a])).toBe(1);
    expect(await verify(a)).toEqual({
      ok: false,
      entries_checked: 9,
      firstBroken: { seq: 10, id: null, reason: 'missing-tail', expected: '10', actual: '9' },
    });
  });

  it('(4b) detects a removed or rewound head', async () => {
    const a = randomUUID();
    const entries = await seed(a, 5);
    await tamper(s.admin, `DELETE FROM ${SCHEMA}.audit_head WHERE tenant_id = $1`, [a]);
    expect(await verify(a)).toMatchObject({ ok: false, entries_checked: 5, firstBroken: { seq: 5, reason: 'head-mismatch', actual: 'none' } });

    const c = randomUUID();
    const cEntries = await seed(c, 5);
    await tamper(s.admin, `UPDATE ${SCHEMA}.audit_head SET last_seq = 3, last_hash = $2 WHERE tenant_id = $1`, [c, cEntries[2]?.hash]);
    expect(await verify(c)).toMatchObject({ ok: false, entries_checked: 3, firstBroken: { seq: 4, id: cEntries[3]?.id, reason: 'head-mismatch' } });
    expect(entries).toHaveLength(5);
  });

  it('(5) refuses UPDATE, DELETE and TRUNCATE of audit_log, and shows no other tenant’s entries', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await seed(a, 3);
    await seed(b, 2);

    // The runtime role: privileges revoked by migrateService (appendOnlyTables).
    expect(await failureCode(s.tx.run(a, (em) => em.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id = $1`, [a])))).toBe('42501');
    expect(await failureCode(s.tx.run(a, (em) => em.query('DELETE FROM audit_log WHERE seq = 3')))).toBe('42501');
    expect(await failureCode(s.tx.run(a, (em) => em.query('TRUNCATE audit_log')))).toBe('42501');
    // The head may only step forward, and never be deleted.
    expect(await failureCode(s.tx.run(a, (em) => em.query('UPDATE audit_head SET last_seq = 1')))).toBe('42501');
    expect(await failureCode(s.tx.run(a, (em) => em.query('DELETE FROM audit_head')))).toBe('42501');

    // The owner, even a superuser, is stopped by the trigger while triggers are on.
    await expect(s.admin.query(`UPDATE ${SCHEMA}.audit_log SET action = 'x' WHERE tenant_id = $1`, [a])).rejects.toMatchObject({
      code: '42501',
      message: expect.stringContaining('append-only') as unknown,
    });
    await expect(s.admin.query(`DELETE FROM ${SCHEMA}.audit_log WHERE tenant_id = $1`, [a])).rejects.toMatchObject({ code: '42501' });
    await expect(s.admin.query(`TRUNCATE ${SCHEMA}.audit_log`)).rejects.toMatchObject({ code: '42501' });
    await expect(s.admin.query(`TRUNCATE ${SCHEMA}.audit_head`)).rejects.toMatchObject({ code: '42501' });

    // Tenant A's transaction sees only A's entries and head, even when asking for B's.
    const seen = await s.tx.run(a, async (em) => ({
      tenants: await em.query<{ tenant_id: string }[]>('SELECT DISTINCT tenant_id FROM audit_log'),
      ofB: await em.query<unknown[]>('SELECT * FROM audit_log WHERE tenant_id = $1', [b]),
      heads: await em.query<{ tenant_id: string }[]>('SELECT tenant_id FROM audit_head'),
    }));
    expect(seen.tenants).toEqual([{ tenant_id: a }]);
    expect(seen.ofB).toEqual([]);
    expect(seen.heads).toEqual([{ tenant_id: a }]);

    // Nor can it read or write B's chain through the API.
    await expect(s.tx.run(a, (em) => chain.verify(em, b))).rejects.toBeInstanceOf(AuditTenantMismatchError);
    await expect(s.tx.run(a, (em) => append(b, 1, em))).rejects.toBeInstanceOf(AuditTenantMismatchError);
    await expect(s.tx.runWithoutTenant((em) => chain.verify(em, a))).rejects.toBeInstanceOf(AuditTenantMismatchError);

    expect(await verify(a)).toMatchObject({ ok: true, entries: 3 });
    expect(await verify(b)).toMatchObject({ ok: true, entries: 2 });
  });

  it('(6) serialises concurrent appends of one tenant from several connections into one contiguous chain', async () => {
    const a = randomUUID(); // no head yet: the first appends also race to create it
    const perWorker = 12;
    const results = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, w) => {
        const mine: AuditAppendResult[] = [];
        for (let i = 0; i < perWorker; i++) {
          mine.push(
            await s.tx.run(a, async (em) => {
              const r = await append(a, w * 100 + i, em);
              // Hold the lock a moment so the others really queue behind it.
              if (i % 4 === 0) await em.query('SELECT pg_sleep(0.002)');
              return r;
            }),
          );
        }
        return mine;
      }),
    );
    const seqs = results.flat().map((r) => r.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: CONNECTIONS * perWorker }, (_, k) => k + 1));
    // Several backends really took part.
    const backends = await s.runtime.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = current_user`,
    );
    expect(Number(backends[0]?.n)).toBeGreaterThan(1);
    expect(await verify(a)).toMatchObject({ ok: true, entries: CONNECTIONS * perWorker, head: { seq: CONNECTIONS * perWorker } });
  });

  it('commits an entry with the change it records, and rolls both back together', async () => {
    const a = randomUUID();
    await seed(a, 2);
    await expect(
      s.tx.run(a, async (em) => {
        const id = randomUUID();
        await em.query('INSERT INTO decisions (id, tenant_id, title) VALUES ($1, $2, $3)', [id, a, 'rolled back']);
        await chain.append(em, { tenantId: a, action: 'decision.create', entityType: 'decision', entityId: id, data: {} });
        throw new Error('handler failed after writing');
      }),
    ).rejects.toThrow('handler failed after writing');
    const committed = await s.tx.run(a, async (em) => {
      const id = randomUUID();
      await em.query('INSERT INTO decisions (id, tenant_id, title) VALUES ($1, $2, $3)', [id, a, 'kept']);
      return chain.append(em, { tenantId: a, action: 'decision.create', entityType: 'decision', entityId: id, data: { title: 'kept' } });
    });
    expect(committed.seq).toBe(3); // the rolled-back entry left no gap
    const titles = await s.tx.run(a, (em) => em.query<{ title: string }[]>('SELECT title FROM decisions'));
    expect(titles).toEqual([{ title: 'kept' }]);
    expect(await verify(a)).toMatchObject({ ok: true, entries: 3 });
  });

  it('runs a statement alongside an append in the same statement: both land or neither does', async () => {
    const a = randomUUID();
    await seed(a, 1);
    const entry = (id: string) => ({ tenantId: a, action: 'decision.create', entityType: 'decision', entityId: id, data: { id } });
    const insert = (id: string, title: string) => ({ sql: 'INSERT INTO decisions (id, tenant_id, title) VALUES ($1, $2, $3) RETURNING id', params: [id, a, title] });
    const id = randomUUID();
    const both = await s.tx.run(a, (em) => chain.appendWith(em, entry(id), insert(id, 'alongside')));
    expect(both).toMatchObject({ audit: { seq: 2 }, alongsideRows: 1 });
    // A statement that inserts nothing is counted as such; the caller decides what that means.
    const never = { sql: 'INSERT INTO decisions (id, tenant_id, title) SELECT $1, $2, $3 WHERE false RETURNING id', params: [randomUUID(), a, 'never'] };
    expect((await s.tx.run(a, (em) => chain.appendWith(em, entry(randomUUID()), never))).alongsideRows).toBe(0);
    // The alongside statement fails (the same id again): no entry either, and no gap after.
    await expect(s.tx.run(a, (em) => chain.appendWith(em, entry(id), insert(id, 'duplicate')))).rejects.toThrow(/duplicate key/);
    const next = await s.tx.run(a, (em) => chain.append(em, entry(randomUUID())));
    expect(next.seq).toBe(4);
    const titles = await s.tx.run(a, (em) => em.query<{ title: string }[]>('SELECT title FROM decisions'));
    expect(titles).toEqual([{ title: 'alongside' }]);
    expect(await verify(a)).toMatchObject({ ok: true, entries: 4 });
  });

  it('appends after a head locked by the caller’s own statement, also concurrently, and creates a new tenant’s head itself', async () => {
    const a = randomUUID();
    const { cte, columns } = chain.headLock('$2');
    const appendLocked = (tenant: string, i: number) =>
      s.tx.run(tenant, async (em) => {
        const id = randomUUID();
        // The caller's statement: its own write, and the head locked and read in the same round trip.
        const [row] = await em.query<LockedAuditHead[]>(
          `WITH written AS (INSERT INTO decisions (id, tenant_id, title) VALUES ($1, $2, $3) RETURNING id), ${cte} SELECT ${columns}`,
          [id, tenant, `locked-${i}`],
        );
        return chain.appendWith(em, { tenantId: tenant, action: 'decision.create', entityType: 'decision', entityId: id, data: { i } }, null, row);
      });
    // A new tenant has no head to lock: the columns are null and the append creates it.
    expect((await appendLocked(a, 0)).audit.seq).toBe(1);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => appendLocked(a, i + 1)));
    expect(results.map((r) => r.audit.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect(await verify(a)).toMatchObject({ ok: true, entries: 13 });
  });

  it('reports an empty chain as intact, and its SQL can run again without harm', async () => {
    expect(await verify(randomUUID())).toEqual({ ok: true, entries: 0, head: null });
    const a = randomUUID();
    await seed(a, 2);
    for (const sql of auditTablesSql(SCHEMA)) await s.admin.query(sql);
    expect(await verify(a)).toMatchObject({ ok: true, entries: 2 });
    await expect(s.admin.query(`DELETE FROM ${SCHEMA}.audit_log WHERE tenant_id = $1`, [a])).rejects.toMatchObject({ code: '42501' });
  });
});
