import { ident } from '@qinglian/persistence';

/** PostgreSQL truncates identifiers (and refuses longer NOTIFY channel names) beyond 63 bytes. */
const MAX_CHANNEL = 63;

/**
 * The NOTIFY channel the outbox trigger of `schema` signals on and its relay LISTENs to. Derived in
 * one place so the SQL and the relay can never disagree.
 */
export function outboxChannel(schema: string): string {
  ident(schema); // same rules as the schema name itself: [a-z_][a-z0-9_]*
  return `${schema}_outbox`.slice(0, MAX_CHANNEL);
}

/**
 * Statements a service's migration runs (in order, as the schema owner) to create its `outbox` and
 * `inbox` tables and the trigger that wakes the relay. Idempotent (`IF NOT EXISTS` / `OR REPLACE`),
 * so a migration that already created them may run them again harmlessly.
 *
 * - `outbox`: one row per event, written in the transaction of the state change (see `Outbox`).
 *   `id` is the event id (JetStream de-duplication key); `seq` gives publication order; `payload` is
 *   the whole envelope; `headers` the trace context captured at enqueue time. `published_at` stays
 *   NULL until the relay has JetStream's acknowledgement. A partial index keeps the relay's scan of
 *   pending rows cheap however large the published history grows.
 * - `inbox`: one row per (consumer, event) applied, written in the handler's transaction; the
 *   primary key makes a second delivery of the same event a no-op.
 *
 * Neither table has a row-level-security policy: both are platform tables that the relay and the
 * consumers read across tenants, outside any tenant's transaction. They hold no business data that
 * a tenant-scoped query could reach (the service's own tables keep theirs under RLS).
 */
export function outboxTablesSql(schema: string): string[] {
  const s = ident(schema);
  const channel = outboxChannel(schema).replace(/'/g, "''");
  return [
    `-- Platform table, read across tenants by the outbox relay: deliberately no row-level security.
CREATE TABLE IF NOT EXISTS ${s}.outbox (
  id           uuid        PRIMARY KEY,
  seq          bigserial   NOT NULL UNIQUE,
  tenant_id    uuid        NOT NULL,
  subject      text        NOT NULL,
  payload      jsonb       NOT NULL,
  headers      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz NULL
)`,
    `COMMENT ON TABLE ${s}.outbox IS 'Transactional outbox: events committed with their state change, published to JetStream by the relay. Platform table read across tenants: no RLS policy by design.'`,
    `CREATE INDEX IF NOT EXISTS outbox_unpublished_idx ON ${s}.outbox (seq) WHERE published_at IS NULL`,
    `CREATE INDEX IF NOT EXISTS outbox_published_at_idx ON ${s}.outbox (published_at) WHERE published_at IS NOT NULL`,
    `-- Platform table, written by durable consumers for every tenant: deliberately no row-level security.
CREATE TABLE IF NOT EXISTS ${s}.inbox (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
)`,
    `COMMENT ON TABLE ${s}.inbox IS 'Idempotent inbox: ids of events each durable consumer has applied. Platform table read across tenants: no RLS policy by design.'`,
    `CREATE INDEX IF NOT EXISTS inbox_processed_at_idx ON ${s}.inbox (processed_at)`,
    // One notification per inserting statement is enough to wake the relay; PostgreSQL delivers it
    // only when the transaction commits, so a rolled-back change wakes nobody.
    `CREATE OR REPLACE FUNCTION ${s}.outbox_notify() RETURNS trigger
  LANGUAGE plpgsql
  AS $fn$ BEGIN PERFORM pg_notify('${channel}', ''); RETURN NULL; END $fn$`,
    `DROP TRIGGER IF EXISTS outbox_notify ON ${s}.outbox`,
    `CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
  FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_notify()`,
  ];
}
