import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { eventSubject } from '@qinglian/contracts';
import { DurableConsumer } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, TENANT_A, until } from './support';

describe('durable consumer whose durable disappears', () => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await createFixture();
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('re-creates the durable and keeps applying events, the replayed ones only once', async () => {
    const applied: string[] = [];
    const log = memoryLogger();
    const consumer = new DurableConsumer({
      nc: fx.nc,
      dataSource: fx.dataSource,
      schema: fx.schema,
      stream: fx.stream,
      durable: 'resume_test',
      filterSubject: `${fx.prefix}.>`,
      retryDelayMs: 100,
      log,
      handler: async (event) => {
        applied.push(event.id);
        await Promise.resolve();
      },
    });
    await consumer.start();
    try {
      const js = jetstream(fx.nc);
      const first = makeEvent(TENANT_A);
      await js.publish(eventSubject(first.type, fx.prefix), JSON.stringify(first), { msgID: first.id });
      await until('first applied', () => consumer.stats().applied === 1);

      const jsm = await jetstreamManager(fx.nc);
      await jsm.consumers.delete(fx.stream, 'resume_test');
      await until('consumer noticed', () => log.lines.some((l) => l.msg.includes('ended unexpectedly')), 10_000);

      const second = makeEvent(TENANT_A);
      await js.publish(eventSubject(second.type, fx.prefix), JSON.stringify(second), { msgID: second.id });
      // The re-created durable starts from the stream's beginning: the first event comes again and
      // the inbox absorbs it.
      await until('second applied after resuming', () => consumer.stats().applied === 2, 10_000);
      await until('replay absorbed', () => consumer.stats().duplicates === 1, 5_000);
      expect(applied).toEqual([first.id, second.id]);
    } finally {
      await consumer.stop();
    }
  });
});
