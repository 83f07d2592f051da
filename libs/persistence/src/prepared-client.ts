import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A pg client that sends every parameterised statement as a named prepared statement, so
 * PostgreSQL parses it once per connection (and, after a few executions, plans it once) instead of
 * on every call. Services run the same few dozen statements over and over; their texts are fixed
 * in code with values as parameters, so the set of statements per connection stays small.
 * Statements without parameters (BEGIN, COMMIT, DDL, set_config with a literal) go as they are.
 */
export class PreparedStatementClient extends pg.Client {
  // pg's overloads are many; this one only rewrites (text, values) into ({ name, text }, values).
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) args[0] = { name: statementName(text), text };
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/** A stable name for a statement text (PostgreSQL names are at most 63 bytes). */
export function statementName(text: string): string {
  return `q_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
}
