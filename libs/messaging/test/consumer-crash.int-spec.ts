import { jetstreamManager } from '@nats-io/jetstream';
import { TenantTransactions } from '@qinglian/persistence';
import { type EntitySubscriberInterface } from 'typeorm';
import { connectNats, type DeliveryMeta, DurableConsumer, Outbox, OutboxRelay } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, TENANT_A, until } from './support';

describe('durable consumer that dies after committing but before acking', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await createFixture();
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('gets the message again after ack_wait and does not apply it a second time', async () => {
    const durable = 'crash_test';
    const handled: { consumer: string; meta: DeliveryMeta }[] = [];
    const handlerFor = (name: string) => async (event: { id: string }, em: import('typeorm').EntityManager, meta: DeliveryMeta) => {
      handled.push({ consumer: name, meta });
      await em.query(`INSERT INTO svc.applied (consumer, event_id) VALUES ($1, $2)`, [durable, event.id]);
    };

    // Replica A has its own NATS connection. Right after its transaction commits — before the ack
    // can be sent — the connection is cut: the process "dies" between commit and ack.
    const ncA = fx.track(await connectNats({ servers: fx.natsUrl, name: 'replica-a' }));
    let killAfterCommit = false;
    const killer: EntitySubscriberInterface = {
      async afterTransactionCommit() {
        if (!killAfterCommit) return;
        killAfterCommit = false;
        await ncA.close();
      },
    };
    fx.dataSource.subscribers.push(killer);
    const logA = memoryLogger();
    const replicaA = new DurableConsumer({
      nc: ncA,
      dataSource: fx.dataSource,
      schema: fx.schema,
      stream: fx.stream,
      durable,
      filterSubject: `${fx.prefix}.>`,
      ackWaitMs: 1_000,
      log: logA,
      handler: async (event, em, meta) => {
        await handlerFor('A')(event, em, meta);
        killAfterCommit = true;
      },
    });
    const created = await replicaA.start();
    expect(created.config.ack_wait).toBe(1_000_000_000); // nanoseconds

    const event = makeEvent(TENANT_A);
    await new TenantTransactions(fx.dataSource).run(TENANT_A, (em) =>
      new Outbox({ schema: fx.schema, subjectPrefix: fx.prefix }).enqueue(em, event),
    );
    await new OutboxRelay({ dataSource: fx.dataSource, schema: fx.schema, nc: fx.nc, log: memoryLogger() }).flush();

    await until('replica A applied the event and failed to ack', () => logA.lines.some((l) => l.msg.includes('could not ack')));
    expect(replicaA.stats().applied).toBe(1);
    expect(ncA.isClosed()).toBe(true);
    expect(await fx.count('SELECT 1 FROM svc.applied WHERE event_id = $1', [event.id])).toBe(1);
    await replicaA.stop();

    // The server still waits for the ack.
    const jsm = await jetstreamManager(fx.nc);
    expect((await jsm.consumers.info(fx.stream, durable)).num_ack_pending).toBe(1);

    // Replica B binds to the same durable and receives the redelivery after ack_wait.
    const replicaB = new DurableConsumer({
      nc: fx.nc,
      dataSource: fx.dataSource,
      schema: fx.schema,
      stream: fx.stream,
      durable,
      filterSubject: `${fx.prefix}.>`,
      ackWaitMs: 1_000,
      log: memoryLogger(),
      handler: handlerFor('B'),
    });
    await replicaB.start();
    try {
      await until('replica B received the redelivery', () => replicaB.stats().duplicates === 1, 10_000);
      expect(replicaB.stats().applied).toBe(0);
      expect(handled.map((h) => h.consumer)).toEqual(['A']);
      expect(await fx.count('SELECT 1 FROM svc.applied WHERE event_id = $1', [event.id])).toBe(1);
      expect(await fx.count('SELECT 1 FROM svc.inbox WHERE consumer = $1 AND event_id = $2', [durable, event.id])).toBe(1);
      await until('redelivery acked', async () => (await jsm.consumers.info(fx.stream, durable)).num_ack_pending === 0, 5_000);
    } finally {
      await replicaB.stop();
      fx.dataSource.subscribers.splice(fx.dataSource.subscribers.indexOf(killer), 1);
    }
  });
});
