import { TenantTransactions } from '@qinglian/persistence';
import { Outbox, OutboxRelay } from '../src';
import { createFixture, type Fixture, makeEvent, memoryLogger, streamMessageCount, TENANT_A, until } from './support';

/** The relay's poll is far beyond every deadline here: only NOTIFY can get an event out in time. */
const NO_POLL = 600_000;

describe('outbox relay wake-up by LISTEN/NOTIFY', () => {
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

  async function listenerPids(): Promise<number[]> {
    const rows = await fx.dataSource.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN "svc_outbox"'`,
    );
    return rows.map((r) => r.pid);
  }

  it('publishes a committed event as soon as the commit notifies', async () => {
    const relay = new OutboxRelay({ dataSource: fx.dataSource, schema: fx.schema, nc: fx.nc, pollIntervalMs: NO_POLL, log: memoryLogger() });
    await relay.start();
    try {
      const before = await streamMessageCount(fx.nc, fx.stream);
      await tx.run(TENANT_A, (em) => outbox.enqueue(em, makeEvent(TENANT_A)));
      // Counted once its published mark is committed, so the stream already holds it then.
      await until('event published after NOTIFY', () => relay.stats().published === 1, 5_000);
      expect(await streamMessageCount(fx.nc, fx.stream)).toBe(before + 1);
    } finally {
      await relay.stop();
    }
    // stop() gave the LISTEN connection up.
    await until('LISTEN connection closed', async () => (await listenerPids()).length === 0, 5_000);
  });

  it('LISTENs again after its connection is killed', async () => {
    const log = memoryLogger();
    const relay = new OutboxRelay({
      dataSource: fx.dataSource,
      schema: fx.schema,
      nc: fx.nc,
      pollIntervalMs: NO_POLL,
      maxRetryDelayMs: 200,
      log,
    });
    await relay.start();
    try {
      await until('listening', async () => (await listenerPids()).length === 1, 5_000);
      const [oldPid] = await listenerPids();
      await fx.dataSource.query('SELECT pg_terminate_backend($1)', [oldPid]);
      await until('listening on a new connection', async () => {
        const pids = await listenerPids();
        return pids.length === 1 && pids[0] !== oldPid;
      }, 5_000);
      expect(log.lines.some((l) => l.msg.includes('LISTEN connection lost'))).toBe(true);

      // The first may still meet the catch-up pass that follows a new LISTEN; the second can only
      // be published because the new connection received its NOTIFY.
      for (let i = 1; i <= 2; i++) {
        const before = relay.stats().published;
        await tx.run(TENANT_A, (em) => outbox.enqueue(em, makeEvent(TENANT_A)));
        await until(`event ${i} published after NOTIFY on the new connection`, () => relay.stats().published === before + 1, 5_000);
      }
    } finally {
      await relay.stop();
    }
  });
});
