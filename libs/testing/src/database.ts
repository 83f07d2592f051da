import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testEnv } from './env';

export interface TestDatabase {
  readonly name: string;
  /** The admin URL pointed at this database. */
  readonly adminUrl: string;
  /** A URL for `role` (no password: the test server trusts local connections) at this database. */
  urlFor(role: string): string;
  drop(): Promise<void>;
}

/** Creates a fresh, uniquely named database so test runs never collide or depend on order. */
export async function createTestDatabase(prefix = 'qinglian_t'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: testEnv.pgAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const base = new URL(testEnv.pgAdminUrl);
  const adminUrl = withDatabase(base, name).toString();
  return {
    name,
    adminUrl,
    urlFor(role: string) {
      const u = withDatabase(base, name);
      u.username = role;
      u.password = '';
      return u.toString();
    },
    async drop() {
      const c = new Client({ connectionString: testEnv.pgAdminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

function withDatabase(base: URL, db: string): URL {
  const u = new URL(base.toString());
  u.pathname = `/${db}`;
  return u;
}
