// What a refused write says about the request's fields: every wrong field of a validation problem
// (`errors`, e.g. what a submit for review found incomplete), or the one field it names.
import { ApiError } from '../api/client';

export interface FieldMessage {
  readonly field: string;
  readonly message: string;
}

export function fieldProblems(error: unknown): FieldMessage[] {
  if (!(error instanceof ApiError)) return [];
  const { errors, field, detail } = error.problem;
  if (errors && errors.length > 0) return errors.map((e) => ({ field: e.field, message: e.message }));
  return field && detail ? [{ field, message: detail }] : [];
}

/**
 * The server writes some messages in both languages, "中文 / English"; the reader gets the half in
 * their language. Any other message is shown as it is.
 */
export function messageIn(message: string, lang: 'zh-CN' | 'en-US'): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  const zh = message.slice(0, at).trim();
  const en = message.slice(at + 3).trim();
  const cjk = /[\u4e00-\u9fff]/;
  if (!cjk.test(zh) || cjk.test(en) || en.length === 0) return message;
  return lang === 'zh-CN' ? zh : en;
}
