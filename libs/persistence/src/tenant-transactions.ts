import { isUuid } from '@qinglian/contracts';
import { type DataSource, type EntityManager } from 'typeorm';

/** The PostgreSQL setting the row-level-security policies compare `tenant_id` with. */
export const TENANT_SETTING = 'app.tenant_id';

export class TenantNotSetError extends Error {
  constructor(value: unknown) {
    super(`tenant id must be a UUID, got ${JSON.stringify(value)}`);
  }
}

/**
 * Runs work in a transaction bound to one tenant: the tenant is set with `set_config(..., true)`
 * (the function form of `SET LOCAL`), so it ends with the transaction and cannot leak into the next
 * user of the pooled connection. Every tenant-owned table's policy compares with it, so a query that
 * forgets its tenant filter still sees only this tenant's rows.
 */
export class TenantTransactions {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(tenantId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!isUuid(tenantId)) throw new TenantNotSetError(tenantId);
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT set_config('${TENANT_SETTING}', $1, true)`, [tenantId]);
      return work(em);
    });
  }

  /**
   * A transaction with no tenant set: tenant-owned tables show no rows and accept no writes. For
   * platform work that is not a tenant's (the outbox relay, the inbox).
   */
  async runWithoutTenant<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
