import { createTestDatabase, type TestDatabase } from '@qinglian/testing';
import { MAX_PREPARED_PER_CONNECTION, PreparedStatementClient, statementName } from '../src';

// The client every service's pool uses (ADR 14), against real PostgreSQL: what it prepares, and how
// many statements it keeps per connection.

describe('PreparedStatementClient (real PostgreSQL)', () => {
  let db: TestDatabase;
  let client: PreparedStatementClient;
  const preparedNames = async () => (await client.query<{ name: string }>('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r) => r.name);

  beforeAll(async () => {
    db = await createTestDatabase('qinglian_prepared');
    client = new PreparedStatementClient({ connectionString: db.adminUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('prepares statements with parameters once, by a name from their text, and sends the others as they are', async () => {
    const texts = ['SELECT $1::int + 1 AS n', 'SELECT $1::text AS t', 'SELECT $1::int * $2::int AS n'];
    for (let i = 0; i < 3; i++) {
      expect((await client.query(texts[0]!, [i])).rows).toEqual([{ n: i + 1 }]);
      expect((await client.query(texts[1]!, [`清廉${i}`])).rows).toEqual([{ t: `清廉${i}` }]);
      expect((await client.query(texts[2]!, [i, 3])).rows).toEqual([{ n: i * 3 }]);
    }
    await client.query('SELECT 42');
    await client.query('BEGIN; SELECT 1; COMMIT');
    expect(await preparedNames()).toEqual(texts.map(statementName).sort());
  });

  it(`keeps at most ${MAX_PREPARED_PER_CONNECTION} statements prepared on a connection, and still runs the rest`, async () => {
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 10; i++) {
      expect((await client.query(`SELECT $1::int AS n, ${i} AS i`, [i])).rows).toEqual([{ n: i, i }]);
    }
    expect(await preparedNames()).toHaveLength(MAX_PREPARED_PER_CONNECTION);
    // One prepared before the limit was reached is still used as such.
    expect((await client.query('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
    expect(await preparedNames()).toHaveLength(MAX_PREPARED_PER_CONNECTION);
  });
});
