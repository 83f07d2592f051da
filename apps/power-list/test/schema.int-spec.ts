import { migrateService } from '@qinglian/persistence';
import { createTestDatabase, type TestDatabase } from '@qinglian/testing';
import { DataSource } from 'typeorm';
import { powerListService } from '../src/service';

// The entities and the checked-in migrations describe the same tables and columns: if an entity
// changes without a migration, TypeORM's schema builder has statements to propose and this test lists
// them. Constraints and indexes the migrations add on their own (tenant-carrying composite keys,
// checks, list indexes) are the database's business and are not mirrored on the entities, so their
// DROP proposals are left out.
describe('power-list schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await migrateService({ adminUrl: db.adminUrl, schema: powerListService.schema, runtimeRole: 'qinglian_power_list', migrations: powerListService.migrations });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('has no difference between the entities and the migrated database', async () => {
    const ds = await new DataSource({ type: 'postgres', url: db.adminUrl, schema: powerListService.schema, entities: powerListService.entities, synchronize: false }).initialize();
    try {
      const proposals = async () =>
        (await ds.driver.createSchemaBuilder().log()).upQueries
          .map((q) => q.query)
          .filter((q) => !/^(ALTER TABLE .* DROP CONSTRAINT|DROP INDEX) .*"[a-z_]+__[a-z_]+__(fk|uq|ck|ix)"$/.test(q));
      expect(await proposals()).toEqual([]);
      // The filter hides only those: a column the entities do not know about is reported.
      await ds.query('ALTER TABLE power_list.document ADD COLUMN stray text');
      expect(await proposals()).toEqual([expect.stringContaining('DROP COLUMN "stray"')]);
    } finally {
      await ds.destroy();
    }
  });
});
