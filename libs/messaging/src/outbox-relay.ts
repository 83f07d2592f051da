import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { type NatsConnection } from '@nats-io/transport-node';
import { ident } from '@qinglian/persistence';
import { type Notification, type PoolClient } from 'pg';
import { type DataSource } from 'typeorm';
import { errorText, type MessagingLogger, stderrLogger } from './log';
import { outboxChannel } from './outbox-sql';
import { natsHeadersFromRecord } from './trace-context';

export interface OutboxRelayOptions {
  readonly dataSource: DataSource;
  /** The service's schema, holding the tables from `outboxTablesSql`. */
  readonly schema: string;
  readonly nc: NatsConnection;
  readonly log?: MessagingLogger;
  /** Rows claimed (and locked) per transaction. Default 100. */
  readonly batchSize?: number;
  /**
   * Safety-net poll when no notification arrives (lost LISTEN connection, missed NOTIFY).
   * Default 5 000 ms.
   */
  readonly pollIntervalMs?: number;
  /** How long one publish waits for JetStream's acknowledgement. Default 5 000 ms. */
  readonly publishTimeoutMs?: number;
  /** First retry delay after a failed publication; doubles up to `maxRetryDelayMs`. Default 250 ms. */
  readonly minRetryDelayMs?: number;
  /** Default 10 000 ms. */
  readonly maxRetryDelayMs?: number;
  /** How often the LISTEN connection is checked with a trivial query. Default 30 000 ms. */
  readonly listenKeepaliveMs?: number;
}

/** Counters since construction, for metrics and tests. */
export interface OutboxRelayStats {
  /** Events JetStream stored for the first time. */
  published: number;
  /** Publications JetStream recognised as duplicates of an earlier one (same event id). */
  duplicates: number;
  /** Batches that stopped on a publication error (the rest of the batch stayed pending). */
  failures: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  payload: string;
  headers: Record<string, string> | null;
}

interface BatchResult {
  /** False when another relay held the outbox lock and nothing was tried. */
  readonly locked: boolean;
  readonly claimed: number;
  readonly published: number;
  readonly duplicates: number;
  readonly failure?: unknown;
}

type WakeReason = 'notify' | 'reconnect' | 'stop';

interface Waiter {
  readonly reasons: ReadonlySet<WakeReason>;
  finish(why: WakeReason | 'timeout'): void;
}

interface Listener {
  readonly client: PoolClient;
  readonly release: (destroy?: unknown) => void;
}

const FLUSH_LOCK_TIMEOUT_MS = 30_000;

/** Thrown by {@link OutboxRelay.flush} when a publication fails; the failed rows stay pending. */
export class OutboxPublishError extends Error {
  constructor(cause: unknown) {
    super(`outbox relay could not publish: ${errorText(cause)}`, { cause });
    this.name = 'OutboxPublishError';
  }
}

/**
 * Publishes the outbox of one schema to JetStream, in `seq` order, at least once.
 *
 * Each batch runs in one transaction: it takes a transaction-scoped advisory lock for the schema
 * (so relays of several replicas take turns and a later event never overtakes an earlier one),
 * claims pending rows with `FOR UPDATE SKIP LOCKED`, publishes them one by one with the event id as
 * JetStream `msgID`, and marks the published ones in the same transaction. If a publication fails
 * (NATS down, stream missing), the rows published so far are marked, the rest stay pending, and the
 * relay backs off and retries. A crash between JetStream's acknowledgement and the commit leads to
 * a re-publication that JetStream drops as a duplicate (within the stream's duplicate window) and
 * that consumers' inboxes absorb beyond it.
 *
 * It wakes on the outbox trigger's NOTIFY (a dedicated connection from the data source's pool
 * LISTENs, and re-LISTENs after errors), on NATS reconnects, and on a slow poll as a safety net.
 */
export class OutboxRelay {
  private readonly dataSource: DataSource;
  private readonly table: string;
  private readonly channel: string;
  private readonly lockKey: string;
  private readonly nc: NatsConnection;
  private readonly js: JetStreamClient;
  private readonly log: MessagingLogger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private readonly minRetryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly listenKeepaliveMs: number;

  private running = false;
  private loop: Promise<void> | undefined;
  private woken = false;
  private readonly waiters = new Set<Waiter>();
  private listener: Listener | undefined;
  private listenTimer: NodeJS.Timeout | undefined;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private statusWatch: { stop(): void } | undefined;
  private readonly counters: OutboxRelayStats = { published: 0, duplicates: 0, failures: 0 };

  constructor(options: OutboxRelayOptions) {
    this.dataSource = options.dataSource;
    this.table = `${ident(options.schema)}.outbox`;
    this.channel = outboxChannel(options.schema);
    this.lockKey = `qinglian.outbox-relay:${options.schema}`;
    this.nc = options.nc;
    this.js = jetstream(options.nc);
    this.log = options.log ?? stderrLogger;
    this.batchSize = positive(options.batchSize ?? 100, 'batchSize');
    this.pollIntervalMs = positive(options.pollIntervalMs ?? 5_000, 'pollIntervalMs');
    this.publishTimeoutMs = positive(options.publishTimeoutMs ?? 5_000, 'publishTimeoutMs');
    this.minRetryDelayMs = positive(options.minRetryDelayMs ?? 250, 'minRetryDelayMs');
    this.maxRetryDelayMs = Math.max(this.minRetryDelayMs, positive(options.maxRetryDelayMs ?? 10_000, 'maxRetryDelayMs'));
    this.listenKeepaliveMs = positive(options.listenKeepaliveMs ?? 30_000, 'listenKeepaliveMs');
  }

  /** A copy of the counters. */
  stats(): OutboxRelayStats {
    return { ...this.counters };
  }

  /**
   * Starts listening and publishing in the background. Resolves once the first LISTEN was tried;
   * a database that is not reachable yet is retried in the background (polling covers the gap).
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.watchNats();
    await this.listen();
    this.loop = this.run();
  }

  /** Stops publishing: waits for the batch in flight to commit, then releases the LISTEN connection. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.signal('stop');
    clearTimeout(this.listenTimer);
    clearInterval(this.keepaliveTimer);
    this.statusWatch?.stop();
    this.statusWatch = undefined;
    await this.loop;
    this.loop = undefined;
    this.dropListener(undefined);
  }

  /**
   * Publishes everything pending now and resolves with the number of events JetStream stored or
   * recognised as duplicates. Waits for another relay's batch rather than skipping. Throws
   * {@link OutboxPublishError} when a publication fails (nothing is lost: the rows stay pending).
   * Used at shutdown and by tests; works whether or not the relay is started.
   */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.publishBatch(true);
      total += result.published + result.duplicates;
      if (result.failure !== undefined) throw new OutboxPublishError(result.failure);
      if (result.claimed < this.batchSize) return total;
    }
  }

  /**
   * Deletes published rows older than `olderThanDays` days, in chunks so no long lock is held, and
   * returns how many went. Keep at least the stream's duplicate window (minutes) — days are safe.
   */
  async prune(olderThanDays: number, chunk = 5_000): Promise<number> {
    if (!(olderThanDays >= 0)) throw new RangeError('olderThanDays must be >= 0');
    let total = 0;
    for (;;) {
      const result: unknown = await this.dataSource.query(
        `DELETE FROM ${this.table} WHERE id IN (
           SELECT id FROM ${this.table}
           WHERE published_at IS NOT NULL AND published_at < now() - make_interval(secs => $1)
           LIMIT $2)`,
        [olderThanDays * 86_400, chunk],
      );
      const n = affectedRows(result);
      total += n;
      if (n < chunk) return total;
    }
  }

  private async run(): Promise<void> {
    let retryDelay = this.minRetryDelayMs;
    while (this.running) {
      this.woken = false;
      let result: BatchResult;
      try {
        result = await this.publishBatch(false);
      } catch (err) {
        // The database itself failed (claim or commit): the rows are still pending.
        result = { locked: true, claimed: 0, published: 0, duplicates: 0, failure: err };
      }
      if (result.failure !== undefined) {
        this.counters.failures++;
        this.log.warn(
          { err: result.failure, published: result.published, retryInMs: retryDelay },
          'outbox relay: publication failed; pending events stay in the outbox and will be retried',
        );
        // Notifications do not cut the back-off short (that would hammer a NATS that is down);
        // a reconnect to NATS does.
        const reason = await this.pause(retryDelay, ['reconnect', 'stop']);
        retryDelay = reason === 'reconnect' ? this.minRetryDelayMs : Math.min(retryDelay * 2, this.maxRetryDelayMs);
        continue;
      }
      retryDelay = this.minRetryDelayMs;
      // A full batch suggests more is waiting; otherwise sleep until notified (unless a
      // notification already arrived while this batch ran).
      if (result.locked && result.claimed === this.batchSize) continue;
      if (!this.notifiedMeanwhile()) await this.pause(this.pollIntervalMs, ['notify', 'reconnect', 'stop']);
    }
  }

  private async publishBatch(waitForLock: boolean): Promise<BatchResult> {
    return this.dataSource.transaction(async (em) => {
      if (waitForLock) {
        // Bounded: a relay wedged elsewhere must not hang a shutdown flush forever.
        await em.query(`SELECT set_config('lock_timeout', $1, true)`, [`${FLUSH_LOCK_TIMEOUT_MS}ms`]);
        await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.lockKey]);
      } else {
        const lock = await em.query<{ locked: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [this.lockKey]);
        if (lock[0]?.locked !== true) return { locked: false, claimed: 0, published: 0, duplicates: 0 };
      }
      const rows = await em.query<OutboxRow[]>(
        `SELECT id, subject, payload::text AS payload, headers
         FROM ${this.table}
         WHERE published_at IS NULL
         ORDER BY seq
         LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      const done: string[] = [];
      let duplicates = 0;
      let failure: unknown;
      for (const row of rows) {
        const { headers, skipped } = natsHeadersFromRecord(row.headers ?? {});
        if (skipped.length > 0) this.log.warn({ eventId: row.id, skipped }, 'outbox relay: dropped headers NATS cannot carry');
        try {
          const ack = await this.js.publish(row.subject, row.payload, { msgID: row.id, headers, timeout: this.publishTimeoutMs });
          if (ack.duplicate) duplicates++;
          done.push(row.id);
        } catch (err) {
          failure = err;
          break;
        }
      }
      if (done.length > 0) {
        await em.query(`UPDATE ${this.table} SET published_at = now() WHERE id = ANY($1::uuid[])`, [done]);
      }
      return { locked: true, claimed: rows.length, published: done.length - duplicates, duplicates, failure };
    }).then((result) => {
      // Counted only once the marks are committed.
      this.counters.published += result.published;
      this.counters.duplicates += result.duplicates;
      if (result.published + result.duplicates > 0) {
        this.log.debug({ published: result.published, duplicates: result.duplicates }, 'outbox relay: batch published');
      }
      return result;
    });
  }

  /** Resolves after `ms`, or earlier on one of `reasons`; resolves with what ended the pause. */
  private pause(ms: number, reasons: readonly WakeReason[]): Promise<WakeReason | 'timeout'> {
    if (!this.running) return Promise.resolve('stop');
    return new Promise((resolve) => {
      const waiter: Waiter = {
        reasons: new Set(reasons),
        finish: (why) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(why);
        },
      };
      const timer = setTimeout(() => {
        waiter.finish('timeout');
      }, ms);
      this.waiters.add(waiter);
    });
  }

  // Read through methods: these flags change while the loop awaits, which TypeScript's narrowing
  // of `this.x` does not model.
  private notifiedMeanwhile(): boolean {
    return this.woken;
  }

  private isRunning(): boolean {
    return this.running;
  }

  private signal(reason: WakeReason): void {
    if (reason === 'notify') this.woken = true;
    for (const waiter of [...this.waiters]) if (waiter.reasons.has(reason)) waiter.finish(reason);
  }

  /** Wakes the relay when NATS comes back, instead of letting it sit out the back-off. */
  private watchNats(): void {
    const status = this.nc.status();
    // The iterator nats.js returns can be stopped (it is a QueuedIterator), though typed as AsyncIterable.
    const stoppable = status as AsyncIterable<unknown> & { stop?: unknown };
    this.statusWatch = {
      stop: () => {
        if (typeof stoppable.stop === 'function') (stoppable.stop as () => void).call(status);
      },
    };
    void (async () => {
      try {
        for await (const s of status) {
          if (s.type === 'reconnect') {
            this.log.info({ server: s.server }, 'outbox relay: NATS reconnected; retrying now');
            this.signal('reconnect');
          }
        }
      } catch (err) {
        this.log.warn({ err }, 'outbox relay: NATS status watch ended');
      }
    })();
  }

  private async listen(): Promise<void> {
    if (!this.running || this.listener) return;
    let acquired: Listener | undefined;
    try {
      acquired = await obtainPoolClient(this.dataSource);
      const { client } = acquired;
      client.on('error', (err: Error) => {
        this.onListenerLost(client, err);
      });
      client.on('end', () => {
        this.onListenerLost(client, new Error('LISTEN connection ended'));
      });
      client.on('notification', (n: Notification) => {
        if (n.channel === this.channel) this.signal('notify');
      });
      await client.query(`LISTEN ${ident(this.channel)}`);
      if (!this.isRunning()) {
        acquired.release(true);
        return;
      }
      this.listener = acquired;
      clearInterval(this.keepaliveTimer);
      this.keepaliveTimer = setInterval(() => {
        this.keepalive();
      }, this.listenKeepaliveMs);
      this.keepaliveTimer.unref();
      // Anything committed while nobody listened is published now, not at the next poll.
      this.signal('notify');
    } catch (err) {
      acquired?.release(true);
      this.log.warn({ err, retryInMs: this.pollIntervalMs }, 'outbox relay: LISTEN failed; polling until it works again');
      this.scheduleListen();
    }
  }

  private keepalive(): void {
    const listener = this.listener;
    if (!listener) return;
    listener.client.query('SELECT 1').catch((err: unknown) => {
      this.onListenerLost(listener.client, err);
    });
  }

  private onListenerLost(client: PoolClient, err: unknown): void {
    if (this.listener?.client !== client) return;
    this.log.warn({ err }, 'outbox relay: LISTEN connection lost; re-listening');
    this.dropListener(err);
    this.scheduleListen();
  }

  private dropListener(err: unknown): void {
    const listener = this.listener;
    this.listener = undefined;
    clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
    // Destroy rather than return to the pool: a connection that LISTENs (or failed) is not reusable.
    listener?.release(err ?? true);
  }

  private scheduleListen(): void {
    if (!this.running) return;
    clearTimeout(this.listenTimer);
    this.listenTimer = setTimeout(() => {
      void this.listen();
    }, Math.min(this.pollIntervalMs, this.maxRetryDelayMs));
    this.listenTimer.unref();
  }
}

/** Checks out a connection from the TypeORM data source's pg pool (same credentials, TLS, limits). */
async function obtainPoolClient(dataSource: DataSource): Promise<Listener> {
  const driver = dataSource.driver as unknown as { obtainMasterConnection?: () => Promise<[unknown, unknown]> };
  if (dataSource.options.type !== 'postgres' || typeof driver.obtainMasterConnection !== 'function') {
    throw new Error('OutboxRelay needs an initialised PostgreSQL data source');
  }
  const [client, release] = await driver.obtainMasterConnection();
  return { client: client as PoolClient, release: release as (destroy?: unknown) => void };
}

function affectedRows(result: unknown): number {
  // TypeORM answers DELETE with [rows, rowCount].
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  return 0;
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}
