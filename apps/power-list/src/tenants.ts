import 'reflect-metadata';
import { flattenValidationErrors, REQUEST_VALIDATION, RegisterTenantsFile } from '@qinglian/contracts';
import { createLogger } from '@qinglian/telemetry';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { checkTenantTree } from './tenants/tenant-tree';

/**
 * `node tenants.js <file.json>`: registers the tenant tree (the realm's organizations) as the owner
 * role (MIGRATION_DATABASE_URL). The file is `{"tenants": [{id, alias, name, nameEn?, kind,
 * parentId?}]}`; entries are upserted by id in one transaction, and nothing changes if any is bad.
 */
async function main(): Promise<void> {
  const log = createLogger('power-list-tenants');
  const file = process.argv[2];
  const url = process.env['MIGRATION_DATABASE_URL'];
  if (!file) throw new Error('usage: tenants.js <tenants.json>');
  if (!url) throw new Error('MIGRATION_DATABASE_URL: is required (the owner role of the power_list schema)');
  const parsed = plainToInstance(RegisterTenantsFile, JSON.parse(readFileSync(file, 'utf8')) as unknown);
  const errors = flattenValidationErrors(validateSync(parsed, REQUEST_VALIDATION));
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  const client = new Client({ connectionString: url, application_name: 'power-list-tenants' });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows: existing } = await client.query<{ id: string; parent_id: string | null; alias: string }>('SELECT id, parent_id, alias FROM power_list.tenant');
    const problem = checkTenantTree(existing.map((r) => ({ id: r.id, alias: r.alias, parentId: r.parent_id })), parsed.tenants);
    if (problem) throw new Error(`${file}: ${problem}`);
    for (const t of parsed.tenants) {
      await client.query(
        `INSERT INTO power_list.tenant (id, alias, name, name_en, kind, parent_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET alias = EXCLUDED.alias, name = EXCLUDED.name, name_en = EXCLUDED.name_en,
           kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id, updated_at = now()`,
        [t.id, t.alias, t.name, t.nameEn ?? null, t.kind, t.parentId ?? null],
      );
    }
    await client.query('COMMIT');
    log.info({ count: parsed.tenants.length }, `registered ${parsed.tenants.length} tenant(s)`);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`tenants: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
