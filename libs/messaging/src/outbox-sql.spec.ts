import { outboxChannel, outboxTablesSql } from './outbox-sql';

describe('outboxTablesSql', () => {
  const sql = outboxTablesSql('approvals');

  it('creates both tables in the given schema, idempotently', () => {
    const all = sql.join(';\n');
    expect(all).toContain('CREATE TABLE IF NOT EXISTS "approvals".outbox');
    expect(all).toContain('CREATE TABLE IF NOT EXISTS "approvals".inbox');
    expect(all).toContain('PRIMARY KEY (consumer, event_id)');
    expect(all).toMatch(/outbox_unpublished_idx ON "approvals".outbox \(seq\) WHERE published_at IS NULL/);
  });

  it('says in SQL why the tables carry no RLS policy, and creates none', () => {
    const all = sql.join(';\n');
    expect(all).toMatch(/-- Platform table, read across tenants .* no row-level security/);
    expect(all).not.toMatch(/ROW LEVEL SECURITY|CREATE POLICY/);
  });

  it('notifies on the schema channel after inserts', () => {
    const all = sql.join(';\n');
    expect(all).toContain("pg_notify('approvals_outbox', '')");
    expect(all).toContain('AFTER INSERT ON "approvals".outbox');
  });

  it('refuses unsafe schema names', () => {
    expect(() => outboxTablesSql('x"; DROP TABLE y; --')).toThrow(/not a safe SQL identifier/);
    expect(() => outboxChannel('Upper')).toThrow(/not a safe SQL identifier/);
  });

  it('keeps the channel name within PostgreSQL identifier length', () => {
    const schema = `s${'x'.repeat(62)}`;
    expect(outboxChannel(schema)).toHaveLength(63);
    expect(outboxTablesSql(schema).join('\n')).toContain(`pg_notify('${outboxChannel(schema)}'`);
  });
});
