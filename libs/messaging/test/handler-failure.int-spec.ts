import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { eventSubject } from '@qinglian/contracts';
import { type DeliveryMeta, DurableConsumer } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, TENANT_A, until } from './support';

describe('durable consumer: failing handlers and malformed messages', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await createFixture();
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('rolls back a throwing handler, gets the message again, and applies it once when it succeeds', async () => {
    const attempts: { meta: DeliveryMeta; effectsSeenBefore: number; inboxSeenBefore: number }[] = [];
    const log = memoryLogger();
    const consumer = new DurableConsumer({
      nc: fx.nc,
      dataSource: fx.dataSource,
      schema: fx.schema,
      stream: fx.stream,
      durable: 'fail_test',
      filterSubject: `${fx.prefix}.test.>`,
      retryDelayMs: 100,
      log,
      handler: async (event, em, meta) => {
        // What earlier attempts left behind, seen from a fresh connection (outside this transaction).
        const effectsSeenBefore = await fx.count('SELECT 1 FROM svc.applied WHERE event_id = $1', [event.id]);
        const inboxSeenBefore = await fx.count('SELECT 1 FROM svc.inbox WHERE event_id = $1', [event.id]);
        attempts.push({ meta, effectsSeenBefore, inboxSeenBefore });
        await em.query(`INSERT INTO svc.applied (consumer, event_id) VALUES ('fail_test', $1)`, [event.id]);
        if (attempts.length === 1) throw new Error('transient failure after writing');
      },
    });
    await consumer.start();
    try {
      const event = makeEvent(TENANT_A);
      await jetstream(fx.nc).publish(eventSubject(event.type, fx.prefix), JSON.stringify(event), { msgID: event.id });

      await until('applied after a retry', () => consumer.stats().applied === 1);
      expect(consumer.stats()).toMatchObject({ applied: 1, failed: 1, duplicates: 0 });
      expect(attempts.map((a) => a.meta.deliveryCount)).toEqual([1, 2]);
      // The failed attempt committed nothing: neither its side effect nor its inbox row.
      expect(attempts[1]).toMatchObject({ effectsSeenBefore: 0, inboxSeenBefore: 0 });
      expect(await fx.count('SELECT 1 FROM svc.applied WHERE event_id = $1', [event.id])).toBe(1);
      expect(await fx.count('SELECT 1 FROM svc.inbox WHERE event_id = $1', [event.id])).toBe(1);
      expect(log.lines.some((l) => l.level === 'warn' && l.msg.includes('handler failed'))).toBe(true);
    } finally {
      await consumer.stop();
    }
  });

  it('terminates a malformed message instead of retrying it, and carries on with the next', async () => {
    const log = memoryLogger();
    const seen: string[] = [];
    const consumer = new DurableConsumer({
      nc: fx.nc,
      dataSource: fx.dataSource,
      schema: fx.schema,
      stream: fx.stream,
      durable: 'malformed_test',
      filterSubject: `${fx.prefix}.bad.>`,
      ackWaitMs: 1_000,
      log,
      handler: async (event) => {
        seen.push(event.id);
        await Promise.resolve();
      },
    });
    await consumer.start();
    try {
      const js = jetstream(fx.nc);
      await js.publish(`${fx.prefix}.bad.thing`, '{"this is": "not an envelope"}');
      await js.publish(`${fx.prefix}.bad.thing`, 'not even json');
      const good = makeEvent(TENANT_A, {}, 'bad.thing');
      await js.publish(eventSubject(good.type, fx.prefix), JSON.stringify(good));

      await until('good event applied', () => consumer.stats().applied === 1);
      expect(seen).toEqual([good.id]);
      expect(consumer.stats().terminated).toBe(2);
      expect(log.lines.filter((l) => l.level === 'error' && l.msg.includes('malformed')).map((l) => l.fields['problems'])).toEqual([
        expect.arrayContaining(['id must be a UUID']),
        ['body is not valid JSON'],
      ]);
      // Terminated messages are settled for good: after more than ack_wait nothing is pending or redelivered.
      const jsm = await jetstreamManager(fx.nc);
      await until('all settled', async () => (await jsm.consumers.info(fx.stream, 'malformed_test')).num_ack_pending === 0, 5_000);
      await new Promise((r) => setTimeout(r, 1_300));
      const info = await jsm.consumers.info(fx.stream, 'malformed_test');
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_redelivered).toBe(0);
      expect(consumer.stats().terminated).toBe(2);
    } finally {
      await consumer.stop();
    }
  });
});
