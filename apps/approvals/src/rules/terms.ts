import { type DecisionTermsDto, TERM_FIELDS, type TermDifferenceDto, type TermField } from '@qinglian/contracts';

/** Text as compared: NFKC (full-width → half-width), trimmed, inner whitespace collapsed to one space; empty → null. */
export function normaliseText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
}

/** Yuan → integer cents, so 100.1 equals 100.10 and 0.1 + 0.2 equals 0.3. */
const cents = (n: number | null | undefined): number | null => (n === null || n === undefined ? null : Math.round(n * 100));

/** Given text trimmed; blank or missing → null. */
function text(s: string | null | undefined): string | null {
  return normaliseText(s) === null ? null : (s as string).trim();
}

/** Complete terms from a partial request: what is missing or blank becomes null; text is trimmed. */
export function toTerms(partial: Partial<DecisionTermsDto> | undefined | null): DecisionTermsDto {
  return {
    amount: partial?.amount ?? null,
    counterparty: text(partial?.counterparty),
    project: text(partial?.project),
    scope: text(partial?.scope),
    conditions: text(partial?.conditions),
  };
}

function sameTerm(field: TermField, a: DecisionTermsDto, b: DecisionTermsDto): boolean {
  if (field === 'amount') return cents(a.amount) === cents(b.amount);
  return normaliseText(a[field]) === normaliseText(b[field]);
}

/**
 * 将印发文件与会议决策记录比对 (afterMeeting.documentCheck), against 擅自改变决策事项: every term
 * (in TERM_FIELDS order) that differs between the decision and the issued document. Amounts compare
 * in cents; texts after normalisation; a term dropped or added (null vs a value) is a change. The
 * values are reported as given.
 */
export function compareTerms(decided: DecisionTermsDto, actual: DecisionTermsDto): TermDifferenceDto[] {
  return TERM_FIELDS.filter((field) => !sameTerm(field, decided, actual)).map((field) => ({ field, decided: decided[field], actual: actual[field] }));
}

/**
 * 坚决防止决议决策与落实推进不一致 (afterMeeting.tracking): what an execution report shows against the
 * decision — spending over the decided amount (any spending when none was decided), or paying a
 * counterparty other than the decided one. Spending less, or a report naming no counterparty, is not
 * a divergence.
 */
export function executionDivergences(decided: DecisionTermsDto, report: { amountSpent: number | null; counterparty: string | null }): TermDifferenceDto[] {
  const out: TermDifferenceDto[] = [];
  const spent = cents(report.amountSpent);
  const allowed = cents(decided.amount);
  if (spent !== null && spent > (allowed ?? 0)) out.push({ field: 'amount', decided: decided.amount, actual: report.amountSpent });
  const party = normaliseText(report.counterparty);
  if (party !== null && party !== normaliseText(decided.counterparty)) out.push({ field: 'counterparty', decided: decided.counterparty, actual: report.counterparty });
  return out;
}
