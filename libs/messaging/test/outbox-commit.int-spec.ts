import { TenantTransactions } from '@qinglian/persistence';
import { Outbox, OutboxRejectedError, OutboxRelay } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, readStream, streamMessageCount, TENANT_A, TENANT_B } from './support';

class Rollback extends Error {}

describe('transactional outbox: the state change and its event commit together', () => {
  let fx: Fixture;
  let outbox: Outbox;
  let tx: TenantTransactions;

  beforeAll(async () => {
    fx = await createFixture();
    outbox = new Outbox({ schema: fx.schema, subjectPrefix: fx.prefix });
    tx = new TenantTransactions(fx.dataSource);
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('publishes exactly the committed event, and nothing for a rolled-back transaction', async () => {
    const relay = new OutboxRelay({ dataSource: fx.dataSource, schema: fx.schema, nc: fx.nc, log: memoryLogger() });
    const committed = makeEvent(TENANT_A, { name: 'kept' });
    await tx.run(TENANT_A, async (em) => {
      await em.query(`INSERT INTO svc.widget (id, tenant_id, name) VALUES ($1, $2, 'kept')`, [committed.id, TENANT_A]);
      await outbox.enqueue(em, committed);
    });

    const rolledBack = makeEvent(TENANT_A, { name: 'lost' });
    await expect(
      tx.run(TENANT_A, async (em) => {
        await em.query(`INSERT INTO svc.widget (id, tenant_id, name) VALUES ($1, $2, 'lost')`, [rolledBack.id, TENANT_A]);
        await outbox.enqueue(em, rolledBack);
        throw new Rollback('business rule failed after the event was enqueued');
      }),
    ).rejects.toBeInstanceOf(Rollback);

    expect(await relay.flush()).toBe(1);
    const stored = await readStream(fx.nc, fx.stream);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.event).toEqual(committed);
    expect(stored[0]!.subject).toBe(`${fx.prefix}.test.widget.created`);
    expect(stored[0]!.headers['Nats-Msg-Id']).toBe(committed.id);
    // State and outbox agree: one widget, one (now published) outbox row.
    expect(await fx.count('SELECT 1 FROM svc.widget')).toBe(1);
    expect(await fx.count('SELECT 1 FROM svc.outbox WHERE published_at IS NOT NULL AND id = $1', [committed.id])).toBe(1);
    expect(await fx.count('SELECT 1 FROM svc.outbox WHERE id = $1', [rolledBack.id])).toBe(0);

    // A second flush finds nothing more to send.
    expect(await relay.flush()).toBe(0);
    expect(await streamMessageCount(fx.nc, fx.stream)).toBe(1);
  });

  it('refuses an event for another tenant than the transaction is bound to', async () => {
    const foreign = makeEvent(TENANT_B);
    await expect(tx.run(TENANT_A, (em) => outbox.enqueue(em, foreign))).rejects.toBeInstanceOf(OutboxRejectedError);
    expect(await fx.count('SELECT 1 FROM svc.outbox WHERE id = $1', [foreign.id])).toBe(0);
    // System work (no tenant bound) may enqueue for any tenant.
    await tx.runWithoutTenant((em) => outbox.enqueue(em, foreign));
    expect(await fx.count('SELECT 1 FROM svc.outbox WHERE id = $1', [foreign.id])).toBe(1);
  });

  it('refuses malformed events and headers NATS cannot carry', async () => {
    await expect(tx.run(TENANT_A, (em) => outbox.enqueue(em, { ...makeEvent(TENANT_A), version: 0 }))).rejects.toThrow(/version/);
    await expect(tx.run(TENANT_A, (em) => outbox.enqueue(em, makeEvent(TENANT_A), { 'bad key': 'x' }))).rejects.toBeInstanceOf(
      OutboxRejectedError,
    );
    await expect(tx.run(TENANT_A, (em) => outbox.enqueue(em, makeEvent(TENANT_A), { 'Nats-Expected-Stream': 'x' }))).rejects.toThrow(
      /reserved/,
    );
  });

  it('prunes published rows older than the given age, never pending ones', async () => {
    const relay = new OutboxRelay({ dataSource: fx.dataSource, schema: fx.schema, nc: fx.nc, log: memoryLogger() });
    const old = makeEvent(TENANT_A);
    const pending = makeEvent(TENANT_A);
    await tx.run(TENANT_A, (em) => outbox.enqueue(em, old));
    await relay.flush();
    await tx.run(TENANT_A, (em) => outbox.enqueue(em, pending));
    await fx.dataSource.query(`UPDATE svc.outbox SET published_at = now() - interval '8 days' WHERE id = $1`, [old.id]);
    await fx.dataSource.query(`UPDATE svc.outbox SET created_at = now() - interval '9 days' WHERE id = $1`, [pending.id]);
    const recent = await fx.count('SELECT 1 FROM svc.outbox WHERE published_at > now() - interval \'1 day\'');

    expect(await relay.prune(7, 1)).toBe(1); // chunk of 1 exercises the loop
    expect(await fx.count('SELECT 1 FROM svc.outbox WHERE id = $1', [old.id])).toBe(0);
    expect(await fx.count('SELECT 1 FROM svc.outbox WHERE id = $1 AND published_at IS NULL', [pending.id])).toBe(1);
    expect(await fx.count('SELECT 1 FROM svc.outbox WHERE published_at > now() - interval \'1 day\'')).toBe(recent);
  });
});
