import { createHash } from 'node:crypto';
import pg from 'pg';

/** Most statements one connection keeps prepared; later new texts go unnamed (parsed each time). */
export const MAX_PREPARED_PER_CONNECTION = 500;

/**
 * A pg client that sends every parameterised statement as a named prepared statement, so
 * PostgreSQL parses it once per connection (and, after a few executions, plans it once) instead of
 * on every call. Services run the same few dozen statements over and over; their texts are fixed
 * in code with values as parameters. Texts that vary with their input (TypeORM's `In([...])` has one
 * per list length) are bounded by {@link MAX_PREPARED_PER_CONNECTION}. Statements without parameters
 * (BEGIN, COMMIT, DDL, set_config with a literal) go as they are.
 */
export class PreparedStatementClient extends pg.Client {
  /** Names of the statements this connection has prepared. */
  readonly prepared = new Set<string>();
}

// pg's query() has many overloads; only (text, values) is rewritten, into ({ name, text }, values).
// eslint-disable-next-line @typescript-eslint/unbound-method -- called with apply(this) below
const baseQuery = pg.Client.prototype.query as (this: pg.Client, ...args: unknown[]) => unknown;
PreparedStatementClient.prototype.query = function query(this: PreparedStatementClient, ...args: unknown[]) {
  const [text, values] = args;
  if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
    const name = statementName(text);
    if (this.prepared.has(name) || this.prepared.size < MAX_PREPARED_PER_CONNECTION) {
      this.prepared.add(name);
      args[0] = { name, text };
    }
  }
  return baseQuery.apply(this, args);
} as pg.Client['query'];

/** A stable name for a statement text (PostgreSQL names are at most 63 bytes). */
export function statementName(text: string): string {
  return `q_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
}
