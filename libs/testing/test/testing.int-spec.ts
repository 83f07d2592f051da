import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Client } from 'pg';
import { createTestDatabase, TestNatsServer, testEnv } from '../src';

// The helpers other suites rely on to be real and private.
describe('test helpers', () => {
  it('a private nats-server keeps its JetStream store across stop and start, like a real one', async () => {
    const server = await TestNatsServer.start();
    try {
      expect(server.url).not.toBe(testEnv.natsUrl);
      let nc = await connect({ servers: server.url });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
      await jetstream(nc).publish('probe.one', 'kept');
      await nc.close();

      await server.stop();
      expect(server.running).toBe(false);
      await expect(connect({ servers: server.url, reconnect: false, timeout: 500 })).rejects.toThrow();

      await server.startProcess();
      nc = await connect({ servers: server.url });
      const info = await (await jetstreamManager(nc)).streams.info('PROBE');
      expect(info.state.messages).toBe(1);
      await nc.close();
    } finally {
      await server.dispose();
    }
  });

  it('creates a database of its own and drops it', async () => {
    const db = await createTestDatabase('qinglian_probe');
    const c = new Client({ connectionString: db.adminUrl });
    await c.connect();
    expect((await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db).toBe(db.name);
    await c.end();
    await db.drop();
    const admin = new Client({ connectionString: testEnv.pgAdminUrl });
    await admin.connect();
    expect((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name])).rowCount).toBe(0);
    await admin.end();
  });
});
