import { ApiError } from '../api/client';
import type { Messages } from '../i18n/messages';

/** What to tell the reader about a failed call: the problem's detail, else its title. */
export function problemText(error: unknown, m: Messages): { title: string; detail?: string } {
  if (!(error instanceof ApiError)) return { title: m.errors.unknown };
  if (error.isNetworkError) return { title: m.errors.network };
  const { title, detail, status } = error.problem;
  return detail && detail !== title ? { title: `${title} (${status})`, detail } : { title: `${title} (${status})` };
}
