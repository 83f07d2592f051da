import { EVENT_SUBJECT_PREFIX, type EventEnvelope, eventSubject } from '@qinglian/contracts';
import { ident, TENANT_SETTING } from '@qinglian/persistence';
import { type EntityManager } from 'typeorm';
import { assertEventEnvelope } from './envelope';
import { injectTraceContext, isValidHeader } from './trace-context';

export interface OutboxOptions {
  /** The service's schema, holding the tables from `outboxTablesSql`. */
  readonly schema: string;
  /** Subject prefix; `evt` in production, a unique one per test run. */
  readonly subjectPrefix?: string;
  /**
   * Largest envelope (serialised, in bytes) accepted. An event bigger than NATS's `max_payload`
   * (1 MiB by default) could never be published and would block the outbox behind it, so it is
   * refused at write time, when the caller can still react.
   */
  readonly maxPayloadBytes?: number;
}

/** Thrown by {@link Outbox.enqueue} for an event that must not be stored. */
export class OutboxRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxRejectedError';
  }
}

const DEFAULT_MAX_PAYLOAD = 1024 * 1024 - 16 * 1024; // room for subject and headers

/**
 * Writes events into the outbox table inside the caller's transaction, so the event commits with
 * the state change that caused it or not at all; the `OutboxRelay` publishes it afterwards.
 */
export class Outbox {
  private readonly table: string;
  private readonly prefix: string;
  private readonly maxPayloadBytes: number;

  constructor(options: OutboxOptions) {
    this.table = `${ident(options.schema)}.outbox`;
    this.prefix = options.subjectPrefix ?? EVENT_SUBJECT_PREFIX;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD;
  }

  /** The subject an event of `type` is published on. */
  subjectFor(type: string): string {
    return eventSubject(type, this.prefix);
  }

  /**
   * Stores `event` in the transaction `em` belongs to. `headers` travel with the message; the
   * active trace context is added to them (explicit entries win), so consumers continue the trace
   * of the request that made the change.
   *
   * As a defence in depth, an event for another tenant than the one the transaction is bound to
   * (`app.tenant_id`) is refused; transactions without a tenant (system work) may write any.
   */
  async enqueue(em: EntityManager, event: EventEnvelope, headers: Readonly<Record<string, string>> = {}): Promise<void> {
    const { sql, params } = this.insertStatement(event, headers);
    const rows: unknown = await em.query(sql, params);
    this.assertInserted(event, Array.isArray(rows) ? rows.length : 0);
  }

  /**
   * The statement {@link enqueue} runs, checked and ready (placeholders $1–$5, `RETURNING id`), for
   * a caller that sends it inside another statement to save a round trip (ChangeLog sends it with
   * the audit-chain append). The caller then passes the number of rows it inserted to
   * {@link assertInserted}.
   */
  insertStatement(event: EventEnvelope, headers: Readonly<Record<string, string>> = {}): { sql: string; params: unknown[] } {
    assertEventEnvelope(event);
    const allHeaders = { ...injectTraceContext({}), ...headers };
    for (const [k, v] of Object.entries(allHeaders)) {
      if (!isValidHeader(k, v)) throw new OutboxRejectedError(`header ${JSON.stringify(k)} cannot be sent as a NATS header`);
      // Nats-* headers steer JetStream itself (expectations, message id, TTL): not for events.
      if (/^nats-/i.test(k)) throw new OutboxRejectedError(`header ${k} is reserved for NATS`);
    }
    const payload = JSON.stringify(event);
    const size = Buffer.byteLength(payload, 'utf8');
    if (size > this.maxPayloadBytes) {
      throw new OutboxRejectedError(`event ${event.id} is ${size} bytes; at most ${this.maxPayloadBytes} can be published`);
    }
    return {
      sql: `INSERT INTO ${this.table} (id, tenant_id, subject, payload, headers)
       SELECT $1::uuid, $2::uuid, $3::text, $4::jsonb, $5::jsonb
       WHERE coalesce(nullif(current_setting('${TENANT_SETTING}', true), '')::uuid = $2::uuid, true)
       RETURNING id`,
      params: [event.id, event.tenantId, this.subjectFor(event.type), payload, JSON.stringify(allHeaders)],
    };
  }

  /** Refuses an event its {@link insertStatement} did not store: the tenant check found another tenant bound. */
  assertInserted(event: EventEnvelope, inserted: number): void {
    if (inserted !== 1) {
      throw new OutboxRejectedError(`event ${event.id} is for tenant ${event.tenantId}, but the transaction is bound to another tenant`);
    }
  }
}
