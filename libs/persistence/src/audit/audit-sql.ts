import { ident } from '../data-source';
import { currentTenantFunctionSql, tenantTableSql } from '../rls';
import { GENESIS_HASH } from './audit-hash';

/**
 * Tables to pass to `migrateService({ appendOnlyTables })` so the runtime role loses UPDATE,
 * DELETE and TRUNCATE on the audit log (the trigger refuses them anyway; this refuses them earlier
 * and for the runtime role even if the trigger were dropped).
 */
export const AUDIT_APPEND_ONLY_TABLES: readonly string[] = ['audit_log'];

/**
 * SQLSTATE raised by the audit triggers (`insufficient_privilege`, like a refused privilege), so
 * callers handle "not allowed" the same way whichever wall stopped the statement.
 */
export const AUDIT_REFUSED_SQLSTATE = '42501';

/**
 * SQL for one of a service's migrations: the tenant-owned, append-only `audit_log` and the
 * per-tenant `audit_head` that records where each chain ends (so deleting the last entry is
 * detectable as well). Include it once per service; every statement can also run again without
 * error (`IF NOT EXISTS`, `OR REPLACE`, the policies dropped and re-created), and the tenant
 * function is created before the policies that call it.
 *
 * The triggers refuse UPDATE, DELETE and TRUNCATE of `audit_log` for every role, the owner and
 * superusers included, and refuse moving `audit_head` other than one step forward. Only
 * `session_replication_role = replica` (a superuser's escape hatch) gets past them; the chain
 * verification is what catches that.
 */
export function auditTablesSql(schema: string): string[] {
  const s = ident(schema);
  const log = `${s}.audit_log`;
  const head = `${s}.audit_head`;
  const hex = `'^[0-9a-f]{64}$'`;
  return [
    currentTenantFunctionSql(schema),
    `CREATE TABLE IF NOT EXISTS ${log} (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      seq bigint NOT NULL CHECK (seq > 0),
      occurred_at timestamptz NOT NULL,
      actor text NULL,
      action text NOT NULL CHECK (action <> ''),
      entity_type text NOT NULL CHECK (entity_type <> ''),
      entity_id text NULL,
      data jsonb NOT NULL,
      prev_hash text NOT NULL CHECK (prev_hash ~ ${hex}),
      hash text NOT NULL CHECK (hash ~ ${hex}),
      CONSTRAINT audit_log_tenant_seq_key UNIQUE (tenant_id, seq)
    )`,
    `CREATE TABLE IF NOT EXISTS ${head} (
      tenant_id uuid PRIMARY KEY,
      last_seq bigint NOT NULL CHECK (last_seq >= 0),
      last_hash text NOT NULL CHECK (last_hash ~ ${hex}),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `DROP POLICY IF EXISTS tenant_isolation ON ${log}`,
    ...tenantTableSql(schema, 'audit_log'),
    `DROP POLICY IF EXISTS tenant_isolation ON ${head}`,
    ...tenantTableSql(schema, 'audit_head'),
    `CREATE OR REPLACE FUNCTION ${s}.audit_log_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = '${AUDIT_REFUSED_SQLSTATE}',
                HINT = 'record a correction as a new audit entry';
      END $$`,
    `CREATE OR REPLACE TRIGGER audit_log_append_only
      BEFORE UPDATE OR DELETE ON ${log}
      FOR EACH ROW EXECUTE FUNCTION ${s}.audit_log_refuse_change()`,
    `CREATE OR REPLACE TRIGGER audit_log_no_truncate
      BEFORE TRUNCATE ON ${log}
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_log_refuse_change()`,
    `CREATE OR REPLACE FUNCTION ${s}.audit_head_guard() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.last_seq <> 0 OR NEW.last_hash <> '${GENESIS_HASH}' THEN
            RAISE EXCEPTION 'audit_head must start at seq 0 with the genesis hash'
              USING ERRCODE = '${AUDIT_REFUSED_SQLSTATE}';
          END IF;
          RETURN NEW;
        ELSIF TG_OP = 'UPDATE' THEN
          IF NEW.tenant_id <> OLD.tenant_id OR NEW.last_seq <> OLD.last_seq + 1 THEN
            RAISE EXCEPTION 'audit_head may only advance by one entry'
              USING ERRCODE = '${AUDIT_REFUSED_SQLSTATE}';
          END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_head: % refused', TG_OP USING ERRCODE = '${AUDIT_REFUSED_SQLSTATE}';
      END $$`,
    `CREATE OR REPLACE TRIGGER audit_head_guard
      BEFORE INSERT OR UPDATE OR DELETE ON ${head}
      FOR EACH ROW EXECUTE FUNCTION ${s}.audit_head_guard()`,
    `CREATE OR REPLACE TRIGGER audit_head_no_truncate
      BEFORE TRUNCATE ON ${head}
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_head_guard()`,
  ];
}
