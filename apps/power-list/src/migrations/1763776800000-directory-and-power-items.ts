import { currentTenantFunctionSql, tenantTableSql } from '@qinglian/persistence';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

const S = 'power_list';

/**
 * The directory (org units as a tree, posts, people) and power items. Every table is tenant-owned
 * with row-level security; references carry the tenant too (composite keys), so a row can never point
 * at another tenant's row even though foreign-key checks bypass RLS.
 */
export class DirectoryAndPowerItems1763776800000 implements MigrationInterface {
  name = 'DirectoryAndPowerItems1763776800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(currentTenantFunctionSql(S));
    await q.query(`CREATE TABLE ${S}.org_unit (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      parent_id uuid NULL,
      path uuid[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT org_unit__id__pk PRIMARY KEY (id),
      CONSTRAINT org_unit__tenant_id__uq UNIQUE (tenant_id, id),
      CONSTRAINT org_unit__code__uq UNIQUE (tenant_id, code),
      CONSTRAINT org_unit__parent_id__fk FOREIGN KEY (tenant_id, parent_id) REFERENCES ${S}.org_unit (tenant_id, id),
      CONSTRAINT org_unit__path__ck CHECK (path[array_length(path, 1)] = id)
    )`);
    await q.query(`CREATE TABLE ${S}.post (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL,
      org_unit_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT post__id__pk PRIMARY KEY (id),
      CONSTRAINT post__tenant_id__uq UNIQUE (tenant_id, id),
      CONSTRAINT post__org_unit_id__fk FOREIGN KEY (tenant_id, org_unit_id) REFERENCES ${S}.org_unit (tenant_id, id)
    )`);
    await q.query(`CREATE TABLE ${S}.person (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      name text NOT NULL,
      subject text NULL,
      joined_on date NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT person__id__pk PRIMARY KEY (id),
      CONSTRAINT person__tenant_id__uq UNIQUE (tenant_id, id),
      CONSTRAINT person__subject__uq UNIQUE (tenant_id, subject)
    )`);
    await q.query(`CREATE TABLE ${S}.power_item (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      category text NOT NULL,
      handling_unit_id uuid NOT NULL,
      legal_basis text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT power_item__id__pk PRIMARY KEY (id),
      CONSTRAINT power_item__code__uq UNIQUE (tenant_id, code),
      CONSTRAINT power_item__handling_unit_id__fk FOREIGN KEY (tenant_id, handling_unit_id) REFERENCES ${S}.org_unit (tenant_id, id)
    )`);
    await q.query(`CREATE INDEX power_item__list__ix ON ${S}.power_item (tenant_id, category, code)`);
    await q.query(`CREATE INDEX post__org_unit__ix ON ${S}.post (tenant_id, org_unit_id)`);
    for (const t of ['org_unit', 'post', 'person', 'power_item']) for (const sql of tenantTableSql(S, t)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['power_item', 'person', 'post', 'org_unit']) await q.query(`DROP TABLE ${S}.${t}`);
  }
}
