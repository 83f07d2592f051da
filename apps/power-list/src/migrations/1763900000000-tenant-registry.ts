import { type MigrationInterface, type QueryRunner } from 'typeorm';

const S = 'power_list';

/**
 * The tenant tree (supervisor → enterprises), mirroring the realm's organizations. It is the platform's
 * registry, not any tenant's data, so it has no tenant column and no row-level security; the runtime
 * role may only read it (`readOnlyTables` in the service definition) — tenants are registered by operators with `tenants.js` as the owner role.
 */
export class TenantRegistry1763900000000 implements MigrationInterface {
  name = 'TenantRegistry1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${S}.tenant (
      id uuid NOT NULL,
      alias text NOT NULL,
      name text NOT NULL,
      name_en text NULL,
      kind text NOT NULL,
      parent_id uuid NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT tenant__id__pk PRIMARY KEY (id),
      CONSTRAINT tenant__alias__uq UNIQUE (alias),
      CONSTRAINT tenant__kind__ck CHECK (kind IN ('supervisor', 'enterprise')),
      CONSTRAINT tenant__parent_id__fk FOREIGN KEY (parent_id) REFERENCES ${S}.tenant (id) DEFERRABLE INITIALLY DEFERRED,
      CONSTRAINT tenant__parent_id__ck CHECK (parent_id IS DISTINCT FROM id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ${S}.tenant`);
  }
}
