import { platformTablesSql } from '@qinglian/runtime';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The platform's own tables in this service's schema: audit chain, outbox and inbox. */
export class PlatformTables1763776700000 implements MigrationInterface {
  name = 'PlatformTables1763776700000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of platformTablesSql('assessment')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['inbox', 'outbox', 'audit_head', 'audit_log']) await q.query(`DROP TABLE IF EXISTS assessment.${t}`);
  }
}
