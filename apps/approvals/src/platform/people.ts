import { type CallerContext } from '@qinglian/contracts';

/** What records show of a person: the sign-in name when the token has one, else the subject. */
export function displayName(caller: CallerContext): string {
  return caller.userName ?? caller.userId;
}

/** Dates are calendar days in China; "today" is Beijing's. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Amounts travel as numbers of yuan; PostgreSQL numeric comes back as text. */
export function toAmount(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}

export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/**
 * `UPDATE … RETURNING` through TypeORM: for UPDATE and DELETE its postgres driver answers
 * `[rows, affected]` where other statements answer the rows; this answers the rows either way.
 */
export async function updateReturning<T>(em: { query(sql: string, params?: unknown[]): Promise<unknown> }, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await em.query(sql, params);
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}
