import { randomBytes, randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { type EventEnvelope } from '@qinglian/contracts';
import { connectNats, ensureEventStream, type MessagingLogger, outboxTablesSql, parseEventEnvelope } from '../src';
import { createServiceDataSource, ident } from '@qinglian/persistence';
import { createTestDatabase, type TestDatabase, testEnv } from '@qinglian/testing';
import { type DataSource } from 'typeorm';

/**
 * One integration test's private world: a fresh database with a service schema holding the outbox
 * and inbox tables plus two business tables, and a JetStream stream with its own name and subject
 * prefix. `dispose()` removes all of it.
 */
export interface Fixture {
  readonly db: TestDatabase;
  readonly schema: string;
  readonly dataSource: DataSource;
  readonly nc: NatsConnection;
  readonly natsUrl: string;
  readonly stream: string;
  /** Subject prefix of this run, e.g. `t1a2b3c4.evt`. */
  readonly prefix: string;
  /** Extra data sources or connections made by the test, closed by dispose(). */
  track<T extends { destroy(): Promise<void> } | NatsConnection>(resource: T): T;
  /** A second data source on the same database (another replica of the service). */
  newDataSource(): Promise<DataSource>;
  count(sql: string, params?: unknown[]): Promise<number>;
  dispose(): Promise<void>;
}

export async function createFixture(natsUrl: string = testEnv.natsUrl): Promise<Fixture> {
  const tag = randomBytes(4).toString('hex');
  const schema = 'svc';
  const db = await createTestDatabase('qinglian_msg');
  const extras: ({ destroy(): Promise<void> } | NatsConnection)[] = [];
  let dataSource: DataSource | undefined;
  let nc: NatsConnection | undefined;
  try {
    dataSource = createServiceDataSource({ url: db.adminUrl, schema, applicationName: 'messaging-int', poolSize: 6 });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA ${ident(schema)}`);
    for (const sql of outboxTablesSql(schema)) await dataSource.query(sql);
    // Business tables: a state change, and the side effects consumers apply.
    await dataSource.query(`CREATE TABLE ${ident(schema)}.widget (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, name text NOT NULL)`);
    await dataSource.query(`CREATE TABLE ${ident(schema)}.applied (
      id bigserial PRIMARY KEY, consumer text NOT NULL, event_id uuid NOT NULL, tenant_setting text)`);
    nc = await connectNats({ servers: natsUrl, name: `messaging-int-${tag}`, reconnectTimeWait: 100, reconnectJitter: 0 });
    const stream = `T_MSG_${tag.toUpperCase()}`;
    const prefix = `t${tag}.evt`;
    await ensureEventStream(nc, { name: stream, subjects: [`${prefix}.>`] });
    const ds = dataSource;
    const conn = nc;
    return {
      db,
      schema,
      dataSource: ds,
      nc: conn,
      natsUrl,
      stream,
      prefix,
      track(resource) {
        extras.push(resource);
        return resource;
      },
      async newDataSource() {
        const other = createServiceDataSource({ url: db.adminUrl, schema, applicationName: 'messaging-int-2', poolSize: 6 });
        await other.initialize();
        extras.push(other);
        return other;
      },
      async count(sql, params = []) {
        const rows = await ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM (${sql}) q`, params);
        return Number(rows[0]?.n ?? NaN);
      },
      async dispose() {
        for (const r of extras.reverse()) {
          await ('destroy' in r ? r.destroy() : r.close()).catch(() => undefined);
        }
        if (!conn.isClosed()) {
          const jsm = await jetstreamManager(conn, { timeout: 2_000 }).catch(() => undefined);
          await jsm?.streams.delete(stream).catch(() => undefined);
          await conn.close();
        }
        await ds.destroy();
        await db.drop();
      },
    };
  } catch (err) {
    await nc?.close().catch(() => undefined);
    await dataSource?.destroy().catch(() => undefined);
    await db.drop();
    throw err;
  }
}

/** A valid envelope for `tenantId` with a fresh id. */
export function makeEvent(tenantId: string, data: unknown = { n: 1 }, type = 'test.widget.created'): EventEnvelope {
  return { id: randomUUID(), type, version: 1, tenantId, occurredAt: new Date().toISOString(), data };
}

export interface StoredEvent {
  readonly seq: number;
  readonly subject: string;
  readonly headers: Record<string, string>;
  readonly event: EventEnvelope;
}

/** Every message in the stream, in stream order, read directly (no consumer involved). */
export async function readStream(nc: NatsConnection, stream: string): Promise<StoredEvent[]> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream);
  const out: StoredEvent[] = [];
  if (info.state.messages === 0) return out;
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (!m) continue;
    const headers: Record<string, string> = {};
    for (const k of m.header.keys()) headers[k] = m.header.get(k);
    out.push({ seq: m.seq, subject: m.subject, headers, event: parseEventEnvelope(m.data) });
  }
  return out;
}

export async function streamMessageCount(nc: NatsConnection, stream: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  return (await jsm.streams.info(stream)).state.messages;
}

/** Polls `probe` until it returns true; fails with `what` after the deadline. */
export async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Collects log lines so tests can assert on them and keep the output quiet. */
export function memoryLogger(): MessagingLogger & { lines: { level: string; msg: string; fields: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, msg: string): void => {
      lines.push({ level, msg, fields });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const TENANT_A = '6b1d2c3e-4f50-4a61-8b72-9c83d4e5f601';
export const TENANT_B = '7c2e3d4f-5061-4b72-9c83-ad94e5f60712';
