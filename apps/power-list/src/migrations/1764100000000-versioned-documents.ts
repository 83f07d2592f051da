import { tenantTableSql } from '@qinglian/persistence';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

const S = 'power_list';

/**
 * The complete power list:
 * - directory: post codes, post holdings, the leadership team and its 分管 charges (all dated);
 * - versioned documents (power items and responsibility lists share one version life), their reviews,
 *   and publications (公开). A published or superseded version is immutable in the database itself.
 */
export class VersionedDocuments1764100000000 implements MigrationInterface {
  name = 'VersionedDocuments1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await q.query(`ALTER TABLE ${S}.post ADD COLUMN code text`);
    await q.query(`UPDATE ${S}.post SET code = 'P-' || left(id::text, 8) WHERE code IS NULL`);
    await q.query(`ALTER TABLE ${S}.post ALTER COLUMN code SET NOT NULL`);
    await q.query(`ALTER TABLE ${S}.post ADD CONSTRAINT post__code__uq UNIQUE (tenant_id, code)`);

    await q.query(`CREATE TABLE ${S}.post_holding (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      post_id uuid NOT NULL,
      start_on date NOT NULL,
      end_on date NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT post_holding__id__pk PRIMARY KEY (id),
      CONSTRAINT post_holding__person_id__fk FOREIGN KEY (tenant_id, person_id) REFERENCES ${S}.person (tenant_id, id),
      CONSTRAINT post_holding__post_id__fk FOREIGN KEY (tenant_id, post_id) REFERENCES ${S}.post (tenant_id, id),
      CONSTRAINT post_holding__end_on__ck CHECK (end_on IS NULL OR end_on >= start_on)
    )`);
    await q.query(`CREATE INDEX post_holding__person__ix ON ${S}.post_holding (tenant_id, person_id, start_on)`);

    await q.query(`CREATE TABLE ${S}.leadership_member (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      person_id uuid NOT NULL,
      position text NOT NULL,
      title text NOT NULL,
      start_on date NOT NULL,
      end_on date NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT leadership_member__id__pk PRIMARY KEY (id),
      CONSTRAINT leadership_member__tenant_id__uq UNIQUE (tenant_id, id),
      CONSTRAINT leadership_member__person_id__fk FOREIGN KEY (tenant_id, person_id) REFERENCES ${S}.person (tenant_id, id),
      CONSTRAINT leadership_member__position__ck CHECK (position IN ('main-leader', 'member')),
      CONSTRAINT leadership_member__end_on__ck CHECK (end_on IS NULL OR end_on >= start_on)
    )`);
    await q.query(`CREATE TABLE ${S}.leader_charge (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      member_id uuid NOT NULL,
      org_unit_id uuid NOT NULL,
      start_on date NOT NULL,
      end_on date NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT leader_charge__id__pk PRIMARY KEY (id),
      CONSTRAINT leader_charge__member_id__fk FOREIGN KEY (tenant_id, member_id) REFERENCES ${S}.leadership_member (tenant_id, id),
      CONSTRAINT leader_charge__org_unit_id__fk FOREIGN KEY (tenant_id, org_unit_id) REFERENCES ${S}.org_unit (tenant_id, id),
      CONSTRAINT leader_charge__end_on__ck CHECK (end_on IS NULL OR end_on >= start_on)
    )`);
    await q.query(`CREATE INDEX leader_charge__unit__ix ON ${S}.leader_charge (tenant_id, org_unit_id)`);

    // The first slice's power_item table had no versions; nothing was built on it.
    await q.query(`DROP TABLE ${S}.power_item`);
    await q.query(`CREATE TABLE ${S}.document (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      kind text NOT NULL,
      code text NOT NULL,
      latest_version_no integer NOT NULL DEFAULT 0,
      published_version_no integer NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT document__id__pk PRIMARY KEY (id),
      CONSTRAINT document__tenant_id__uq UNIQUE (tenant_id, id),
      CONSTRAINT document__code__uq UNIQUE (tenant_id, kind, code),
      CONSTRAINT document__kind__ck CHECK (kind IN ('power-item', 'responsibility-list'))
    )`);
    await q.query(`CREATE TABLE ${S}.document_version (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      document_id uuid NOT NULL,
      version_no integer NOT NULL,
      status text NOT NULL,
      based_on_version_no integer NULL,
      review_round integer NOT NULL DEFAULT 1,
      title text NOT NULL,
      category text NULL,
      handling_unit_code text NULL,
      list_role text NULL,
      step_count integer NOT NULL DEFAULT 0,
      content jsonb NOT NULL,
      search_text text NOT NULL,
      author_id text NOT NULL,
      author_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz NULL,
      published_at timestamptz NULL,
      published_by text NULL,
      superseded_at timestamptz NULL,
      CONSTRAINT document_version__id__pk PRIMARY KEY (id),
      CONSTRAINT document_version__tenant_id__uq UNIQUE (tenant_id, id),
      CONSTRAINT document_version__version_no__uq UNIQUE (document_id, version_no),
      CONSTRAINT document_version__document_id__fk FOREIGN KEY (tenant_id, document_id) REFERENCES ${S}.document (tenant_id, id),
      CONSTRAINT document_version__status__ck CHECK (status IN ('draft', 'in-review', 'published', 'superseded'))
    )`);
    // At most one version being worked on and one published version per document.
    await q.query(`CREATE UNIQUE INDEX document_version__open__uq ON ${S}.document_version (document_id) WHERE status IN ('draft', 'in-review')`);
    await q.query(`CREATE UNIQUE INDEX document_version__published__uq ON ${S}.document_version (document_id) WHERE status = 'published'`);
    await q.query(`CREATE INDEX document_version__filter__ix ON ${S}.document_version (tenant_id, category, handling_unit_code, status)`);
    // Substring search in Chinese: trigrams index any three characters, so ILIKE '%产权%' can use it.
    await q.query(`CREATE INDEX document_version__search__ix ON ${S}.document_version USING gin (search_text public.gin_trgm_ops)`);
    await q.query(`CREATE OR REPLACE FUNCTION ${S}.document_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status IN ('published', 'superseded') THEN
            RAISE EXCEPTION 'version % of document % is %: it can never be deleted', OLD.version_no, OLD.document_id, OLD.status USING ERRCODE = 'P0001';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status = 'superseded'
           OR (OLD.status = 'published' AND (NEW.status <> 'superseded'
               OR (to_jsonb(NEW) - 'status' - 'superseded_at') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'superseded_at'))) THEN
          RAISE EXCEPTION 'version % of document % is %: it can never change', OLD.version_no, OLD.document_id, OLD.status USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER document_version__immutable BEFORE UPDATE OR DELETE ON ${S}.document_version FOR EACH ROW EXECUTE FUNCTION ${S}.document_version_immutable()`);

    await q.query(`CREATE TABLE ${S}.review (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      version_id uuid NOT NULL,
      review_round integer NOT NULL,
      role text NOT NULL,
      reviewer_id text NOT NULL,
      reviewer_name text NOT NULL,
      decision text NOT NULL,
      opinion text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT review__id__pk PRIMARY KEY (id),
      CONSTRAINT review__version_id__fk FOREIGN KEY (tenant_id, version_id) REFERENCES ${S}.document_version (tenant_id, id),
      CONSTRAINT review__decision__ck CHECK (decision IN ('approve', 'return')),
      CONSTRAINT review__role__uq UNIQUE (version_id, review_round, role)
    )`);
    await q.query(`CREATE TABLE ${S}.publication (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      scope text NOT NULL,
      note text NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      published_by text NOT NULL,
      power_item_version_ids uuid[] NOT NULL,
      responsibility_list_version_ids uuid[] NOT NULL,
      CONSTRAINT publication__id__pk PRIMARY KEY (id),
      CONSTRAINT publication__scope__ck CHECK (scope IN ('tenant', 'supervisor'))
    )`);
    await q.query(`CREATE INDEX publication__latest__ix ON ${S}.publication (tenant_id, published_at DESC)`);
    for (const t of ['post_holding', 'leadership_member', 'leader_charge', 'document', 'document_version', 'review', 'publication']) {
      for (const sql of tenantTableSql(S, t)) await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['publication', 'review', 'document_version', 'document', 'leader_charge', 'leadership_member', 'post_holding']) await q.query(`DROP TABLE ${S}.${t}`);
    await q.query(`DROP FUNCTION ${S}.document_version_immutable()`);
    await q.query(`ALTER TABLE ${S}.post DROP COLUMN code`);
  }
}
