import { TenantTransactions } from '@qinglian/persistence';
import { connectNats, Outbox, OutboxRelay } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, readStream, TENANT_A, TENANT_B, until } from './support';

describe('two relays (two replicas) on the same outbox', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await createFixture();
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('never publish an event twice, and keep commit order', async () => {
    // Replica 2 has its own database pool and NATS connection, as another pod would.
    const dataSource2 = await fx.newDataSource();
    const nc2 = fx.track(await connectNats({ servers: fx.natsUrl, name: 'relay-2' }));
    const options = { schema: fx.schema, batchSize: 5, pollIntervalMs: 50 };
    const relay1 = new OutboxRelay({ ...options, dataSource: fx.dataSource, nc: fx.nc, log: memoryLogger() });
    const relay2 = new OutboxRelay({ ...options, dataSource: dataSource2, nc: nc2, log: memoryLogger() });
    await Promise.all([relay1.start(), relay2.start()]);
    try {
      const outbox = new Outbox({ schema: fx.schema, subjectPrefix: fx.prefix });
      const tx = new TenantTransactions(fx.dataSource);
      const ids: string[] = [];
      // 60 events in 30 transactions, while both relays are running and being woken by each commit;
      // explicit flushes from both replicas in between add to the contention.
      for (let t = 0; t < 30; t++) {
        const tenant = t % 2 === 0 ? TENANT_A : TENANT_B;
        const pair = [makeEvent(tenant, { t, k: 0 }), makeEvent(tenant, { t, k: 1 })];
        ids.push(...pair.map((e) => e.id));
        await tx.run(tenant, async (em) => {
          for (const e of pair) await outbox.enqueue(em, e);
        });
        if (t % 10 === 9) await Promise.all([relay1.flush(), relay2.flush()]);
      }
      await until('outbox drained', async () => (await fx.count('SELECT 1 FROM svc.outbox WHERE published_at IS NULL')) === 0);
      // Counters move once each batch's commit has been confirmed to its relay.
      await until('relays counted', () => relay1.stats().published + relay1.stats().duplicates + relay2.stats().published + relay2.stats().duplicates >= 60);

      const s1 = relay1.stats();
      const s2 = relay2.stats();
      // JetStream de-duplication would hide a double send from the stream, but not from the relays:
      // a second publication of an id comes back flagged as a duplicate.
      expect(s1.duplicates + s2.duplicates).toBe(0);
      expect(s1.published + s2.published).toBe(60);
      const stored = await readStream(fx.nc, fx.stream);
      expect(stored.map((s) => s.event.id)).toEqual(ids);
    } finally {
      await Promise.all([relay1.stop(), relay2.stop()]);
    }
  });
});
