import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { type EventEnvelope, eventSubject } from '@qinglian/contracts';
import { type EntityManager } from 'typeorm';
import { DurableConsumer } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, TENANT_B, until } from './support';

describe('durable consumer: an event delivered twice', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await createFixture();
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('is applied once: one side effect, one inbox row, the second delivery only acked', async () => {
    const calls: { event: EventEnvelope; tenantSetting: string }[] = [];
    const consumer = new DurableConsumer({
      nc: fx.nc,
      dataSource: fx.dataSource,
      schema: fx.schema,
      stream: fx.stream,
      durable: 'dup_test',
      filterSubject: `${fx.prefix}.>`,
      log: memoryLogger(),
      handler: async (event: EventEnvelope, em: EntityManager) => {
        const [row] = await em.query<{ t: string }[]>(`SELECT current_setting('app.tenant_id') AS t`);
        calls.push({ event, tenantSetting: row!.t });
        await em.query(`INSERT INTO svc.applied (consumer, event_id, tenant_setting) VALUES ('dup_test', $1, $2)`, [event.id, row!.t]);
      },
    });
    await consumer.start();
    try {
      // Two distinct JetStream messages (different msgIDs, so de-duplication lets both in) carrying
      // the same envelope: what a re-publication after the duplicate window looks like.
      const event = makeEvent(TENANT_B, { twice: true });
      const js = jetstream(fx.nc);
      const subject = eventSubject(event.type, fx.prefix);
      const first = await js.publish(subject, JSON.stringify(event), { msgID: `${event.id}-1` });
      const second = await js.publish(subject, JSON.stringify(event), { msgID: `${event.id}-2` });
      expect(second.seq).toBe(first.seq + 1);

      await until('both deliveries settled', () => {
        const s = consumer.stats();
        return s.applied + s.duplicates === 2;
      });
      expect(consumer.stats()).toEqual({ applied: 1, duplicates: 1, failed: 0, terminated: 0 });
      expect(calls).toHaveLength(1);
      expect(calls[0]!.event).toEqual(event);
      // The handler ran bound to the event's tenant.
      expect(calls[0]!.tenantSetting).toBe(TENANT_B);
      expect(await fx.count('SELECT 1 FROM svc.applied WHERE event_id = $1', [event.id])).toBe(1);
      expect(await fx.count(`SELECT 1 FROM svc.inbox WHERE consumer = 'dup_test' AND event_id = $1`, [event.id])).toBe(1);

      // Both messages were acked: nothing is waiting for redelivery.
      const jsm = await jetstreamManager(fx.nc);
      await until('both acks recorded', async () => {
        const info = await jsm.consumers.info(fx.stream, 'dup_test');
        return info.num_ack_pending === 0 && info.num_pending === 0 && info.ack_floor.stream_seq === second.seq;
      }, 5_000);

      // Pruning forgets only this consumer's ids older than the given age.
      await fx.dataSource.query(`INSERT INTO svc.inbox (consumer, event_id) VALUES ('other', $1)`, [event.id]);
      await fx.dataSource.query(`UPDATE svc.inbox SET processed_at = now() - interval '40 days'`);
      expect(await consumer.pruneInbox(30)).toBe(1);
      expect(await fx.count(`SELECT 1 FROM svc.inbox WHERE consumer = 'other'`)).toBe(1);
    } finally {
      await consumer.stop();
    }
  });
});
