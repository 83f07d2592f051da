// 关键要素 (amount, counterparty, project, scope, conditions): how they read, how a form's values
// become a request's terms, and the 决策 vs 印发 comparison row by row.
import { TERM_FIELD_NAMES, type TermFieldName } from '../i18n/approvals';
import { formatYuan } from './money';
import type { TermDifference, Terms } from './types';

/** A term's value as text: amounts in ¥, texts as written; '' when not stated. */
export function termText(field: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (field === 'amount' && typeof value === 'number') return formatYuan(value);
  return String(value);
}

/** The form's view of terms: what inputs give (undefined, '', null for an empty number). */
export interface TermsFormValues {
  readonly amount?: number | null;
  readonly counterparty?: string | null;
  readonly project?: string | null;
  readonly scope?: string | null;
  readonly conditions?: string | null;
}

const textOrNull = (v: string | null | undefined): string | null => {
  const t = v?.trim() ?? '';
  return t.length > 0 ? t : null;
};

/** Terms as the API takes them: trimmed texts, null for what is not stated. */
export function termsBody(values: TermsFormValues | undefined): Terms {
  const v = values ?? {};
  return {
    amount: typeof v.amount === 'number' && Number.isFinite(v.amount) ? v.amount : null,
    counterparty: textOrNull(v.counterparty),
    project: textOrNull(v.project),
    scope: textOrNull(v.scope),
    conditions: textOrNull(v.conditions),
  };
}

export function termsFormValues(terms: Terms | null | undefined): TermsFormValues {
  if (!terms) return {};
  return { amount: terms.amount, counterparty: terms.counterparty, project: terms.project, scope: terms.scope, conditions: terms.conditions };
}

/** Whether two term values are the same (texts compared trimmed). */
export function sameTerm(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  const norm = (v: string | number | null | undefined) => (typeof v === 'string' ? v.trim() || null : (v ?? null));
  return norm(a) === norm(b);
}

export interface ComparisonRow {
  readonly field: TermFieldName;
  readonly decided: string | number | null;
  readonly actual: string | number | null;
  readonly differs: boolean;
}

/**
 * The comparison of what was decided with what was issued (or done), one row per term field. The
 * service's differences decide which rows differ (and give the decided value when it has one); without
 * any from the service, the two sets of terms are compared here.
 */
export function comparisonRows(decided: Terms | null, actual: Terms, differences?: readonly TermDifference[] | null): ComparisonRow[] {
  return TERM_FIELD_NAMES.map((field) => {
    const difference = differences?.find((d) => d.field === field);
    const decidedValue = difference ? difference.decided : (decided?.[field] ?? null);
    const actualValue = difference ? difference.actual : actual[field];
    const differs = differences ? difference !== undefined : decided !== null && !sameTerm(decided[field], actual[field]);
    return { field, decided: decidedValue, actual: actualValue, differs };
  });
}

/** The fields that differ, in term order. */
export function differingFields(rows: readonly ComparisonRow[]): TermFieldName[] {
  return rows.filter((r) => r.differs).map((r) => r.field);
}
