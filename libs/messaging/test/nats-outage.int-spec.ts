import { TenantTransactions } from '@qinglian/persistence';
import { TestNatsServer } from '@qinglian/testing';
import { Outbox, OutboxPublishError, OutboxRelay } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, readStream, TENANT_A, TENANT_B, until } from './support';

describe('outbox relay while NATS is down', () => {
  let server: TestNatsServer;
  let fx: Fixture;

  beforeAll(async () => {
    server = await TestNatsServer.start();
    fx = await createFixture(server.url);
  });
  afterAll(async () => {
    if (!server.running) await server.startProcess();
    await fx.dispose();
    await server.dispose();
  });

  it('keeps changes made during the outage pending and publishes all of them, once each, when NATS returns', async () => {
    const log = memoryLogger();
    const relay = new OutboxRelay({
      dataSource: fx.dataSource,
      schema: fx.schema,
      nc: fx.nc,
      log,
      publishTimeoutMs: 500,
      minRetryDelayMs: 100,
      maxRetryDelayMs: 400,
      batchSize: 7, // several batches, so order across batches is exercised too
    });
    const outbox = new Outbox({ schema: fx.schema, subjectPrefix: fx.prefix });
    const tx = new TenantTransactions(fx.dataSource);
    await relay.start();
    try {
      await server.stop();

      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const tenant = i % 2 === 0 ? TENANT_A : TENANT_B;
        const event = makeEvent(tenant, { i });
        ids.push(event.id);
        await tx.run(tenant, async (em) => {
          await em.query('INSERT INTO svc.widget (id, tenant_id, name) VALUES ($1, $2, $3)', [event.id, tenant, `w${i}`]);
          await outbox.enqueue(em, event);
        });
      }
      // The relay has tried and failed, and lost nothing.
      await until('a failed publication attempt', () => relay.stats().failures > 0);
      await expect(relay.flush()).rejects.toBeInstanceOf(OutboxPublishError);
      expect(await fx.count('SELECT 1 FROM svc.outbox WHERE published_at IS NULL')).toBe(20);
      expect(log.lines.some((l) => l.level === 'warn' && l.msg.includes('publication failed'))).toBe(true);

      await server.startProcess();
      await until('outbox drained after NATS returned', async () => (await fx.count('SELECT 1 FROM svc.outbox WHERE published_at IS NULL')) === 0, 20_000);

      const stored = await readStream(fx.nc, fx.stream);
      const storedIds = stored.map((s) => s.event.id);
      expect(new Set(storedIds).size).toBe(storedIds.length); // no duplicates
      expect(storedIds).toEqual(ids); // all 20, in commit order
    } finally {
      await relay.stop();
    }
  });
});
