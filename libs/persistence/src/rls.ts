import { ident } from './data-source';
import { TENANT_SETTING } from './tenant-transactions';

/**
 * SQL that migrations use to make a table tenant-owned: row-level security enabled and forced
 * (so even the table owner is bound by it), one policy for reads and writes comparing `tenant_id`
 * with the transaction's tenant. With no tenant set the comparison is with NULL: no rows, no writes.
 * The tenant is read once per query (a scalar subquery, planned as an InitPlan), not once per row.
 */
export function tenantTableSql(schema: string, table: string): string[] {
  const t = `${ident(schema)}.${ident(table)}`;
  return [
    `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${t} USING (tenant_id = (SELECT ${ident(schema)}.current_tenant_id())) WITH CHECK (tenant_id = (SELECT ${ident(schema)}.current_tenant_id()))`,
  ];
}

/** The function the policies call; NULL when no tenant is set in this transaction. */
export function currentTenantFunctionSql(schema: string): string {
  return `CREATE OR REPLACE FUNCTION ${ident(schema)}.current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('${TENANT_SETTING}', true), '')::uuid $$`;
}
