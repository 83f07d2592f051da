// 周期: when a duty falls due, from the machine-readable `Cadence` of a responsibility list
// (fixtures/responsibility-lists.json `cadenceSchema`) to what people read, and the few shapes the
// console's simple editor offers.
import type { Cadence } from '../api/types';
import { format, labelOf, type Messages } from '../i18n/messages';

/** 每季度; 每半年至少1次; 每年 年底; 截止 01-31; 定期; 事件触发：…, joined as the language joins them. */
export function cadenceText(cadence: Cadence, m: Messages): string {
  const c = m.cadence;
  const parts: string[] = [];
  if (cadence.every !== undefined) {
    const period = labelOf(c.periods, cadence.every);
    if (cadence.times === undefined) parts.push(period);
    else parts.push(format(cadence.atLeast ? c.atLeastTimes : c.times, { period, times: cadence.times }));
  }
  if (cadence.window !== undefined) parts.push(labelOf(c.windows, cadence.window));
  if (cadence.dueMonthDay !== undefined) parts.push(format(c.due, { date: cadence.dueMonthDay }));
  if (cadence.periodic) parts.push(c.periodic);
  if (cadence.onEvent !== undefined) parts.push(format(c.onEvent, { event: cadence.onEvent }));
  if (cadence.reporter !== undefined) parts.push(format(c.reporter, { who: cadence.reporter }));
  if (cadence.reportTo !== undefined) parts.push(format(c.reportTo, { who: cadence.reportTo }));
  return parts.join(c.separator);
}

/** All cadences of a duty, or '' when it states none. */
export function cadencesText(cadences: readonly Cadence[], m: Messages): string {
  return cadences
    .map((c) => cadenceText(c, m))
    .filter((t) => t.length > 0)
    .join(m.cadence.listSeparator);
}

/** The three kinds of cadence the editor offers: by period, 定期/经常, or on an event. */
export type CadenceMode = 'every' | 'periodic' | 'event';

export function cadenceMode(cadence: Cadence): CadenceMode {
  if (cadence.onEvent !== undefined) return 'event';
  if (cadence.periodic && cadence.every === undefined) return 'periodic';
  return 'every';
}

/** What the editor's form holds for one cadence. */
export interface CadenceDraft {
  readonly mode: CadenceMode;
  readonly every?: Cadence['every'] | undefined;
  readonly times?: number | null | undefined;
  readonly atLeast?: boolean | undefined;
  readonly window?: Cadence['window'] | null | undefined;
  readonly dueMonthDay?: string | null | undefined;
  readonly onEvent?: string | null | undefined;
  /** What the editor does not show (报告人, 报告对象, the source clause), kept as it was. */
  readonly kept?: Pick<Cadence, 'reporter' | 'reportTo' | 'clause' | 'dueDerivedFrom'> | undefined;
}

export function toCadenceDraft(cadence: Cadence): CadenceDraft {
  const { reporter, reportTo, clause, dueDerivedFrom } = cadence;
  return {
    mode: cadenceMode(cadence),
    every: cadence.every,
    times: cadence.times,
    atLeast: cadence.atLeast,
    window: cadence.window,
    dueMonthDay: cadence.dueMonthDay,
    onEvent: cadence.onEvent,
    kept: { reporter, reportTo, clause, dueDerivedFrom },
  };
}

/** The cadence a draft stands for: only the fields of its mode, no empty values. */
export function fromCadenceDraft(draft: CadenceDraft): Cadence {
  // Entries typed as unknown: a kept field may be absent (undefined), and absent must stay absent.
  const kept = Object.fromEntries((Object.entries(draft.kept ?? {}) as [string, unknown][]).filter(([, v]) => v !== undefined)) as Cadence;
  switch (draft.mode) {
    case 'event':
      return { ...kept, ...(present(draft.onEvent) ? { onEvent: draft.onEvent.trim() } : {}) };
    case 'periodic':
      return { ...kept, periodic: true };
    case 'every':
      return {
        ...kept,
        ...(draft.every ? { every: draft.every } : {}),
        ...(typeof draft.times === 'number' ? { times: draft.times } : {}),
        ...(draft.atLeast ? { atLeast: true } : {}),
        ...(draft.window ? { window: draft.window } : {}),
        ...(present(draft.dueMonthDay) ? { dueMonthDay: draft.dueMonthDay.trim() } : {}),
      };
  }
}

function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** MM-DD as the contract accepts it (01-31, 12-31). */
export const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
