// Small rules of the directory screens: the leadership team in reading order, dates of terms.
import type { LeadershipMember } from '../api/types';
import { format, type Messages } from '../i18n/messages';

/** The main leader (主要领导) first, then members by start date and name. */
export function leadershipOrder(members: readonly LeadershipMember[]): LeadershipMember[] {
  const rank = (m: LeadershipMember) => (m.position === 'main-leader' ? 0 : 1);
  return [...members].sort((a, b) => rank(a) - rank(b) || a.startOn.localeCompare(b.startOn) || a.personName.localeCompare(b.personName, 'zh-CN'));
}

/** 2020-01-01 至 2026-06-30, or 2020-01-01 至今 when open. */
export function termText(startOn: string, endOn: string | null, m: Messages): string {
  return endOn === null ? format(m.common.openRange, { start: startOn }) : format(m.common.dateRange, { start: startOn, end: endOn });
}

/** Whether a holding or charge is still running on a day (YYYY-MM-DD; end dates are inclusive). */
export function runningOn(endOn: string | null, day: string): boolean {
  return endOn === null || endOn >= day;
}
