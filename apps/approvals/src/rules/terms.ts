import { type DecisionTermsDto, TERM_FIELDS, type TermDifferenceDto } from '@qinglian/contracts';

/** NFKC (full-width → half-width), trimmed, inner whitespace collapsed; empty → null. */
export function normaliseText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
}

const cents = (n: number | null): number | null => (n === null ? null : Math.round(n * 100));

export function toTerms(partial: Partial<DecisionTermsDto> | undefined | null): DecisionTermsDto {
  return {
    amount: partial?.amount ?? null,
    counterparty: normaliseText(partial?.counterparty) === null ? null : (partial?.counterparty ?? '').trim(),
    project: normaliseText(partial?.project) === null ? null : (partial?.project ?? '').trim(),
    scope: normaliseText(partial?.scope) === null ? null : (partial?.scope ?? '').trim(),
    conditions: normaliseText(partial?.conditions) === null ? null : (partial?.conditions ?? '').trim(),
  };
}

/**
 * 将印发文件与会议决策记录比对: every term that differs between the decision and the issued
 * document. Amounts compare in cents; texts after normalisation; a term dropped or added is a change.
 */
export function compareTerms(decided: DecisionTermsDto, actual: DecisionTermsDto): TermDifferenceDto[] {
  const out: TermDifferenceDto[] = [];
  for (const field of TERM_FIELDS) {
    const same = field === 'amount' ? cents(decided.amount) === cents(actual.amount) : normaliseText(decided[field]) === normaliseText(actual[field]);
    if (!same) out.push({ field, decided: decided[field], actual: actual[field] });
  }
  return out;
}

/** 决议决策与落实推进不一致: spending over the decided amount, or paying another counterparty. */
export function executionDivergences(decided: DecisionTermsDto, report: { amountSpent: number | null; counterparty: string | null }): TermDifferenceDto[] {
  const out: TermDifferenceDto[] = [];
  const spent = cents(report.amountSpent);
  if (spent !== null && (decided.amount === null ? spent > 0 : spent > (cents(decided.amount) as number))) out.push({ field: 'amount', decided: decided.amount, actual: report.amountSpent });
  const party = normaliseText(report.counterparty);
  if (party !== null && party !== normaliseText(decided.counterparty)) out.push({ field: 'counterparty', decided: decided.counterparty, actual: report.counterparty });
  return out;
}
