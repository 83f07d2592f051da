import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  DeliverPolicy,
  jetstream,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { setTimeout as delay } from 'node:timers/promises';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { type EventEnvelope } from '@qinglian/contracts';
import { ident, TenantTransactions } from '@qinglian/persistence';
import { type DataSource, type EntityManager } from 'typeorm';
import { InvalidEnvelopeError, parseEventEnvelope } from './envelope';
import { errorText, type MessagingLogger, stderrLogger } from './log';
import { contextFromNatsHeaders, recordFromNatsHeaders } from './trace-context';

/** What a handler may want to know about the delivery besides the event. */
export interface DeliveryMeta {
  readonly subject: string;
  /** The durable consumer's name (also the inbox's `consumer` column). */
  readonly durable: string;
  /** Position in the stream. */
  readonly streamSeq: number;
  /** 1 on first delivery, more on redeliveries. */
  readonly deliveryCount: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Applies one event. It runs inside a transaction bound to the event's tenant, together with the
 * inbox insert: whatever it writes through `em` commits exactly once per event per consumer. It
 * must not have effects outside the database that cannot be repeated (it may run again if it
 * throws or the process dies before the commit).
 */
export type EventHandler = (event: EventEnvelope, em: EntityManager, meta: DeliveryMeta) => Promise<void>;

export interface DurableConsumerOptions {
  readonly nc: NatsConnection;
  readonly dataSource: DataSource;
  /** Schema holding the `inbox` table (from `outboxTablesSql`). */
  readonly schema: string;
  readonly stream: string;
  /** Durable name: one per logical consumer, shared by all its replicas. */
  readonly durable: string;
  /** e.g. `evt.approvals.decision.*`. */
  readonly filterSubject: string;
  readonly handler: EventHandler;
  /** Time the server waits for an ack before redelivering. Default 30 000 ms. */
  readonly ackWaitMs?: number;
  /** Deliveries before the server gives up on a message (it stays in the stream). Default 20; -1 = no limit. */
  readonly maxDeliver?: number;
  /** Redelivery delay after the first failure; doubles per delivery up to `maxRetryDelayMs`. Default 1 000 ms. */
  readonly retryDelayMs?: number;
  /** Default 60 000 ms. */
  readonly maxRetryDelayMs?: number;
  /**
   * Messages pulled ahead of processing. They are handled one at a time, so keep it small enough
   * that the last one is reached well within `ackWaitMs`. Default 10.
   */
  readonly maxMessages?: number;
  readonly log?: MessagingLogger;
}

/** Counters since construction, for metrics and tests. */
export interface DurableConsumerStats {
  /** Events whose handler committed. */
  applied: number;
  /** Deliveries of events the inbox had already seen (acked without running the handler). */
  duplicates: number;
  /** Handler or database failures (rolled back and nak'ed for redelivery). */
  failed: number;
  /** Malformed messages terminated (never redelivered). */
  terminated: number;
}

type Outcome = 'applied' | 'duplicate';

const tracer = trace.getTracer('@qinglian/messaging');

/**
 * A JetStream durable pull consumer that applies each event exactly once to the service's
 * database: the inbox row `(durable, event id)` and the handler's writes commit in one transaction
 * (bound to the event's tenant), and only then is the message acked. A redelivery — after a crash
 * before the ack, an expired ack wait, or a duplicate publication — finds the inbox row and is
 * acked without running the handler again. A failing handler rolls back and is nak'ed with a
 * growing delay; a malformed message is terminated and logged, since retrying cannot fix it.
 */
export class DurableConsumer {
  private readonly opts: DurableConsumerOptions;
  private readonly tx: TenantTransactions;
  private readonly inbox: string;
  private readonly log: MessagingLogger;
  private readonly ackWaitMs: number;
  private readonly maxDeliver: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxMessages: number;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private stopSignal = new AbortController();
  private readonly counters: DurableConsumerStats = { applied: 0, duplicates: 0, failed: 0, terminated: 0 };

  constructor(options: DurableConsumerOptions) {
    this.opts = options;
    this.tx = new TenantTransactions(options.dataSource);
    this.inbox = `${ident(options.schema)}.inbox`;
    this.log = options.log ?? stderrLogger;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.maxDeliver = options.maxDeliver ?? 20;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.maxMessages = options.maxMessages ?? 10;
    if (!(this.ackWaitMs >= 1)) throw new RangeError('ackWaitMs must be at least 1 ms');
    if (!(this.maxDeliver === -1 || this.maxDeliver >= 1)) throw new RangeError('maxDeliver must be -1 or >= 1');
    if (!(this.maxMessages >= 1)) throw new RangeError('maxMessages must be >= 1');
  }

  /** A copy of the counters. */
  stats(): DurableConsumerStats {
    return { ...this.counters };
  }

  /** The consumer configuration this instance creates or brings an existing durable to. */
  consumerConfig(): Partial<ConsumerConfig> {
    return {
      durable_name: this.opts.durable,
      ack_policy: AckPolicy.Explicit,
      // JetStream durations are nanoseconds.
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: this.maxDeliver,
      filter_subject: this.opts.filterSubject,
      deliver_policy: DeliverPolicy.All,
    };
  }

  /** Creates (or binds to and updates) the durable consumer, then starts consuming in the background. */
  async start(): Promise<ConsumerInfo> {
    if (this.loop) throw new Error(`consumer ${this.opts.durable} is already started`);
    const info = await this.ensureConsumer();
    this.stopping = false;
    this.stopSignal = new AbortController();
    this.messages = await this.open();
    this.loop = this.run(this.messages);
    return info;
  }

  /**
   * Stops pulling, lets the message in progress finish (commit and ack), and hands the messages
   * already pulled but not started back to the server for immediate redelivery.
   */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.stopSignal.abort();
    await this.messages?.close();
    await this.loop;
    this.loop = undefined;
    this.messages = undefined;
    // Naks are plain publishes: make sure they reached the server.
    if (!this.opts.nc.isClosed()) await this.opts.nc.flush().catch(() => undefined);
  }

  /**
   * Deletes this consumer's inbox rows older than `olderThanDays` days and returns how many went.
   * Safe only beyond the stream's `max_age` and any re-publication window: an id forgotten here
   * would be applied again if its event were delivered again.
   */
  async pruneInbox(olderThanDays: number): Promise<number> {
    if (!(olderThanDays >= 0)) throw new RangeError('olderThanDays must be >= 0');
    const result: unknown = await this.opts.dataSource.query(
      `DELETE FROM ${this.inbox} WHERE consumer = $1 AND processed_at < now() - make_interval(secs => $2)`,
      [this.opts.durable, olderThanDays * 86_400],
    );
    // TypeORM answers DELETE with [rows, rowCount].
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  private async open(): Promise<ConsumerMessages> {
    const consumer = await jetstream(this.opts.nc).consumers.get(this.opts.stream, this.opts.durable);
    // Without abort_on_missing_resource a deleted durable leaves consume() waiting forever.
    return consumer.consume({ max_messages: this.maxMessages, abort_on_missing_resource: true });
  }

  /**
   * Consumes until stopped. nats.js recovers from reconnects and missed heartbeats by itself; if the
   * message stream still ends (consumer or stream deleted, a server error), the durable is
   * re-created and consumption resumes after a pause, rather than the service silently going deaf.
   */
  private async run(first: ConsumerMessages): Promise<void> {
    let messages: ConsumerMessages | undefined = first;
    let pauseMs = this.retryDelayMs;
    for (;;) {
      if (messages) await this.drain(messages);
      if (this.isStopping() || this.opts.nc.isClosed()) return;
      this.log.warn({ durable: this.opts.durable, retryInMs: pauseMs }, 'consumer: message stream ended unexpectedly; resuming');
      try {
        await delay(pauseMs, undefined, { signal: this.stopSignal.signal });
      } catch {
        return; // stopped while pausing
      }
      try {
        await this.ensureConsumer();
        messages = await this.open();
        if (this.isStopping()) {
          // stop() ran while we were re-opening and closed the previous stream, not this one.
          await messages.close();
          return;
        }
        this.messages = messages;
        pauseMs = this.retryDelayMs;
      } catch (err) {
        this.log.warn({ durable: this.opts.durable, err }, 'consumer: could not resume yet');
        messages = undefined;
        pauseMs = Math.min(pauseMs * 2, this.maxRetryDelayMs);
      }
    }
  }

  private isStopping(): boolean {
    return this.stopping;
  }

  private async ensureConsumer(): Promise<ConsumerInfo> {
    const jsm = await jetstreamManager(this.opts.nc);
    const wanted = this.consumerConfig();
    let existing: ConsumerInfo | undefined;
    try {
      existing = await jsm.consumers.info(this.opts.stream, this.opts.durable);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
    }
    if (!existing) return jsm.consumers.add(this.opts.stream, wanted);
    const c = existing.config;
    if (c.ack_policy !== AckPolicy.Explicit || c.deliver_subject) {
      throw new Error(`consumer ${this.opts.durable} on ${this.opts.stream} exists but is not an explicit-ack pull consumer`);
    }
    if (c.ack_wait === wanted.ack_wait && c.max_deliver === wanted.max_deliver && c.filter_subject === wanted.filter_subject) {
      return existing;
    }
    try {
      return await jsm.consumers.update(this.opts.stream, this.opts.durable, {
        ack_wait: wanted.ack_wait,
        max_deliver: wanted.max_deliver,
        ...(c.filter_subject === wanted.filter_subject ? {} : { filter_subject: wanted.filter_subject }),
      });
    } catch (err) {
      throw new Error(`consumer ${this.opts.durable} on ${this.opts.stream} exists with another configuration that cannot be updated: ${errorText(err)}`, {
        cause: err,
      });
    }
  }

  private async drain(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const msg of messages) {
        if (this.isStopping()) {
          // Pulled before stop(): give it straight back to another replica.
          msg.nak();
          continue;
        }
        await this.handle(msg);
      }
    } catch (err) {
      if (!this.isStopping()) this.log.error({ err, durable: this.opts.durable }, 'consumer: message stream failed');
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const base = { durable: this.opts.durable, subject: msg.subject, streamSeq: msg.seq, deliveryCount: msg.info.deliveryCount };
    let event: EventEnvelope;
    try {
      event = parseEventEnvelope(msg.data);
    } catch (err) {
      this.counters.terminated++;
      this.log.error({ ...base, err, problems: err instanceof InvalidEnvelopeError ? err.problems : undefined }, 'consumer: malformed event terminated');
      // No reason argument: nats-server 2.9 ignores "+TERM <reason>" and would redeliver.
      this.settle(msg, 'term', base);
      return;
    }
    const meta: DeliveryMeta = {
      subject: msg.subject,
      durable: this.opts.durable,
      streamSeq: msg.seq,
      deliveryCount: msg.info.deliveryCount,
      headers: recordFromNatsHeaders(msg.headers),
    };
    const parent = contextFromNatsHeaders(msg.headers);
    const span = tracer.startSpan(
      `${msg.subject} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.operation.type': 'process',
          'messaging.destination.name': msg.subject,
          'messaging.consumer.group.name': this.opts.durable,
          'messaging.message.id': event.id,
        },
      },
      parent,
    );
    // A slow handler keeps its claim: tell the server we are working on it before ack_wait ends.
    const heartbeat = setInterval(() => {
      try {
        msg.working();
      } catch {
        // Connection gone: nothing to keep alive; the outcome is settled (or redelivered) later.
      }
    }, Math.max(this.ackWaitMs / 2, 100));
    try {
      const outcome = await context.with(trace.setSpan(parent, span), () => this.apply(event, meta));
      if (outcome === 'applied') this.counters.applied++;
      else this.counters.duplicates++;
      span.setAttribute('qinglian.inbox.duplicate', outcome === 'duplicate');
    } catch (err) {
      this.counters.failed++;
      span.recordException(err instanceof Error ? err : new Error(String(err)));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorText(err) });
      const delay = Math.min(this.retryDelayMs * 2 ** Math.min(msg.info.deliveryCount - 1, 30), this.maxRetryDelayMs);
      const final = this.maxDeliver !== -1 && msg.info.deliveryCount >= this.maxDeliver;
      const fields = { ...base, eventId: event.id, type: event.type, err };
      if (final) this.log.error(fields, 'consumer: handler failed on the last allowed delivery; the server will not redeliver');
      else this.log.warn({ ...fields, retryInMs: delay }, 'consumer: handler failed; rolled back, will be redelivered');
      this.settle(msg, 'nak', base, delay);
      span.end();
      return;
    } finally {
      clearInterval(heartbeat);
    }
    try {
      await this.ack(msg, base);
    } finally {
      span.end();
    }
  }

  /**
   * Acks with the server's confirmation (one round trip), so a lost ack is noticed and logged. It
   * costs nothing in correctness either way: an unconfirmed ack means a redelivery after ack_wait,
   * which the inbox turns into a plain ack.
   */
  private async ack(msg: JsMsg, fields: Record<string, unknown>): Promise<void> {
    try {
      const confirmed = await msg.ackAck({ timeout: Math.min(this.ackWaitMs, 5_000) });
      if (!confirmed) this.log.warn(fields, 'consumer: could not ack the message (already acked?)');
    } catch (err) {
      this.log.warn({ ...fields, err }, 'consumer: could not ack the message; it will be redelivered and skipped by the inbox');
    }
  }

  /** Inbox insert and handler in one tenant-bound transaction; the handler is skipped for a known event. */
  private async apply(event: EventEnvelope, meta: DeliveryMeta): Promise<Outcome> {
    return this.tx.run(event.tenantId, async (em) => {
      const inserted = await em.query<unknown[]>(
        `INSERT INTO ${this.inbox} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.opts.durable, event.id],
      );
      if (inserted.length === 0) return 'duplicate';
      await this.opts.handler(event, em, meta);
      return 'applied';
    });
  }

  private settle(msg: JsMsg, how: 'nak' | 'term', fields: Record<string, unknown>, delayMs?: number): void {
    try {
      switch (how) {
        case 'nak':
          msg.nak(delayMs);
          break;
        case 'term':
          msg.term();
          break;
      }
    } catch (err) {
      // Connection gone: the server redelivers after ack_wait and the inbox absorbs the repeat.
      this.log.warn({ ...fields, err }, `consumer: could not ${how} the message`);
    }
  }
}
