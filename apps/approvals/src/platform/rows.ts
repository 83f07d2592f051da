import { type MatterStepDto } from '@qinglian/contracts';

/** The one row a statement that must answer one row answered (INSERT … RETURNING, a counter). */
export function only<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what}: the statement answered no row`);
  return row;
}

/** Step `order` (1-based) of a matter's flow snapshot. */
export function stepAt(m: { readonly steps: readonly MatterStepDto[] }, order: number): MatterStepDto {
  const step = m.steps[order - 1];
  if (!step) throw new Error(`the flow has no step ${order}`);
  return step;
}

/** A value the code above has made sure exists; a bug if it does not. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}
