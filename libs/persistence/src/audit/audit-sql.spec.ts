import { auditTablesSql } from './audit-sql';

describe('auditTablesSql', () => {
  const sql = auditTablesSql('power_list');

  it('creates the tenant function before any policy that calls it', () => {
    const fn = sql.findIndex((s) => s.includes('FUNCTION "power_list".current_tenant_id()'));
    const firstPolicy = sql.findIndex((s) => s.startsWith('CREATE POLICY'));
    expect(fn).toBeGreaterThanOrEqual(0);
    expect(firstPolicy).toBeGreaterThan(fn);
  });

  it('makes both tables tenant-owned with forced row-level security', () => {
    for (const table of ['audit_log', 'audit_head']) {
      expect(sql).toContain(`ALTER TABLE "power_list"."${table}" FORCE ROW LEVEL SECURITY`);
      expect(sql.some((s) => s.startsWith(`CREATE POLICY tenant_isolation ON "power_list"."${table}"`))).toBe(true);
    }
  });

  it('guards audit_log against UPDATE, DELETE and TRUNCATE', () => {
    expect(sql.some((s) => /BEFORE UPDATE OR DELETE ON "power_list"\.audit_log/.test(s))).toBe(true);
    expect(sql.some((s) => /BEFORE TRUNCATE ON "power_list"\.audit_log/.test(s))).toBe(true);
  });

  it('refuses unsafe schema names', () => {
    expect(() => auditTablesSql('x"; DROP TABLE y; --')).toThrow(/identifier/);
  });
});
