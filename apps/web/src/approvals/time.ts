// Due times: how long is left (or how long it is overdue), and how urgent that is. Red when overdue,
// orange within 24 hours.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DueState = 'none' | 'ok' | 'soon' | 'overdue';

export interface DueInfo {
  readonly state: DueState;
  /** Milliseconds left; negative when overdue; 0 without a due time. */
  readonly remainingMs: number;
}

/** How a due time stands at `now`: overdue, within `soonHours` (default 24), or later. */
export function dueInfo(dueAt: string | null | undefined, now: Date = new Date(), soonHours = 24): DueInfo {
  if (!dueAt) return { state: 'none', remainingMs: 0 };
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return { state: 'none', remainingMs: 0 };
  const remainingMs = due - now.getTime();
  if (remainingMs < 0) return { state: 'overdue', remainingMs };
  return { state: remainingMs <= soonHours * HOUR ? 'soon' : 'ok', remainingMs };
}

/** The Ant Design tag colour of a due state. */
export function dueColor(state: DueState): string | undefined {
  switch (state) {
    case 'overdue':
      return 'red';
    case 'soon':
      return 'orange';
    case 'ok':
      return 'blue';
    case 'none':
      return undefined;
  }
}

export interface DurationTemplates {
  /** '{d} 天 {h} 小时' */
  readonly daysHours: string;
  /** '{h} 小时 {min} 分' */
  readonly hoursMinutes: string;
  /** '{min} 分钟' */
  readonly minutes: string;
}

/** A span of time in its two largest units: 2 天 3 小时, 5 小时 12 分, 7 分钟 (the sign is ignored). */
export function durationText(ms: number, t: DurationTemplates): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const min = Math.floor((abs % HOUR) / MINUTE);
  const fill = (template: string) => template.replace('{d}', String(d)).replace('{h}', String(h)).replace('{min}', String(min));
  if (d > 0) return fill(t.daysHours);
  if (h > 0) return fill(t.hoursMinutes);
  return fill(t.minutes);
}

/** Whether a task was (or is) late: flagged overdue, or acted after its due time. */
export function wasLate(task: { readonly dueAt: string; readonly actedAt: string | null; readonly overdueAt: string | null }, now: Date = new Date()): boolean {
  if (task.overdueAt) return true;
  const due = new Date(task.dueAt).getTime();
  const at = task.actedAt ? new Date(task.actedAt).getTime() : now.getTime();
  return !Number.isNaN(due) && at > due;
}
