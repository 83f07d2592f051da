import { randomBytes } from 'node:crypto';
import { jetstreamManager, StorageType } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { testEnv } from '@qinglian/testing';
import { connectNats, ensureEventStream } from '../src';

describe('ensureEventStream', () => {
  let nc: NatsConnection;
  const name = `T_STREAM_${randomBytes(4).toString('hex').toUpperCase()}`;
  const prefix = `t${randomBytes(4).toString('hex')}.evt`;

  beforeAll(async () => {
    nc = await connectNats({ servers: testEnv.natsUrl, name: 'stream-test' });
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(name).catch(() => undefined);
    await nc.close();
  });

  it('creates a file stream with a duplicate window, then merges subjects without touching operators’ limits', async () => {
    const created = await ensureEventStream(nc, { name, subjects: [`${prefix}.approvals.>`] });
    expect(created.config).toMatchObject({ storage: StorageType.File, duplicate_window: nanos(120_000), subjects: [`${prefix}.approvals.>`] });

    // Operations tighten retention by hand; a service restart must not undo it.
    const jsm = await jetstreamManager(nc);
    await jsm.streams.update(name, { max_age: nanos(3_600_000) });

    // Another service adds its subjects concurrently with a repeat of the first.
    await Promise.all([
      ensureEventStream(nc, { name, subjects: [`${prefix}.risk.>`] }),
      ensureEventStream(nc, { name, subjects: [`${prefix}.approvals.>`] }),
    ]);
    const merged = (await jsm.streams.info(name)).config;
    expect([...merged.subjects].sort()).toEqual([`${prefix}.approvals.>`, `${prefix}.risk.>`]);
    expect(merged.max_age).toBe(nanos(3_600_000));

    // A wide subject swallows narrower ones later ensured (the server refuses overlaps).
    await jsm.streams.update(name, { subjects: [`${prefix}.>`] });
    const again = await ensureEventStream(nc, { name, subjects: [`${prefix}.assessment.>`], duplicateWindowMs: 60_000 });
    expect(again.config.subjects).toEqual([`${prefix}.>`]);
    expect(again.config.duplicate_window).toBe(nanos(60_000));
  });
});
