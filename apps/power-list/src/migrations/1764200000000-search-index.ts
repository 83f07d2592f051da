import { type MigrationInterface, type QueryRunner } from 'typeorm';

const S = 'power_list';

/**
 * Chinese substring search that can use its trigram index. Under row-level security the planner may
 * not use ILIKE (not LEAKPROOF) as an index condition, so every search read all of a tenant's versions.
 * The search text now also lives in `version_search`, a table without row-level security that the
 * runtime role cannot touch; a SECURITY DEFINER function searches it for the transaction's tenant
 * only (the same `current_tenant_id()` the policies use), and a trigger keeps it in step.
 */
export class SearchIndex1764200000000 implements MigrationInterface {
  name = 'SearchIndex1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ${S}.document_version__search__ix`);
    await q.query(`CREATE TABLE ${S}.version_search (
      version_id uuid NOT NULL,
      tenant_id uuid NOT NULL,
      search_text text NOT NULL,
      CONSTRAINT version_search__version_id__pk PRIMARY KEY (version_id)
    )`);
    await q.query(`CREATE INDEX version_search__search_text__ix ON ${S}.version_search USING gin (search_text public.gin_trgm_ops)`);
    await q.query(`INSERT INTO ${S}.version_search (version_id, tenant_id, search_text) SELECT id, tenant_id, lower(search_text) FROM ${S}.document_version`);
    await q.query(`CREATE FUNCTION ${S}.version_search_sync() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${S}, pg_temp AS $$
      BEGIN
        INSERT INTO ${S}.version_search (version_id, tenant_id, search_text) VALUES (NEW.id, NEW.tenant_id, lower(NEW.search_text))
          ON CONFLICT (version_id) DO UPDATE SET search_text = EXCLUDED.search_text;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER document_version__search AFTER INSERT OR UPDATE OF search_text ON ${S}.document_version FOR EACH ROW EXECUTE FUNCTION ${S}.version_search_sync()`);
    // The pattern is a LIKE pattern (the caller escapes % and _). The text is kept lower-cased and
    // matched with LIKE, which is much cheaper than ILIKE on multibyte text. Sequential scans are off
    // inside the function: the planner underestimates pattern matching on CJK text and would read every row.
    // ROWS: a search finds tens of versions, not the default thousand, so the plan joins by key.
    // PL/pgSQL rather than SQL: it keeps the query's plan for the session instead of planning each call.
    await q.query(`CREATE FUNCTION ${S}.search_versions(pattern text) RETURNS SETOF uuid
      LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50 SET search_path = ${S}, pg_temp SET enable_seqscan = off AS $$
      BEGIN
        RETURN QUERY SELECT s.version_id FROM ${S}.version_search s WHERE s.tenant_id = ${S}.current_tenant_id() AND s.search_text LIKE lower(pattern);
      END $$`);

    // The tenant once per query instead of once per row (libs/persistence tenantTableSql does this now
    // for new tables): the policies of the tables made before.
    const tables = (await q.query(`SELECT tablename FROM pg_policies WHERE schemaname = $1 AND policyname = 'tenant_isolation'`, [S])) as { tablename: string }[];
    for (const { tablename } of tables) {
      await q.query(`ALTER POLICY tenant_isolation ON ${S}."${tablename}" USING (tenant_id = (SELECT ${S}.current_tenant_id())) WITH CHECK (tenant_id = (SELECT ${S}.current_tenant_id()))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${S}.search_versions(text)`);
    await q.query(`DROP TRIGGER document_version__search ON ${S}.document_version`);
    await q.query(`DROP FUNCTION ${S}.version_search_sync()`);
    await q.query(`DROP TABLE ${S}.version_search`);
    await q.query(`CREATE INDEX document_version__search__ix ON ${S}.document_version USING gin (search_text public.gin_trgm_ops)`);
  }
}
