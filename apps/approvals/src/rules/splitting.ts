import { type MatterType } from '@qinglian/contracts';

/** What splitting detection needs of a matter. */
export interface MatterLite {
  readonly id: string;
  readonly matterType: MatterType | null;
  readonly amount: number | null;
  readonly counterparty: string | null;
  readonly project: string | null;
  readonly createdAt: Date;
}

export interface Splitting {
  /** the candidate and the other parts, sorted */
  readonly matterIds: string[];
  /** their sum in yuan, added up in integer cents */
  readonly total: number;
  readonly sharedBy: 'counterparty' | 'project';
}

/**
 * A counterparty or project as a key: NFKC (full-width → half-width), all whitespace removed,
 * lower-case; empty → null. “广元市 某装饰 有限公司” and “ＡＢＣ公司” match “广元市某装饰有限公司” and “abc公司”.
 */
export function normaliseParty(s: string | null): string | null {
  if (s === null) return null;
  const t = s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return t === '' ? null : t;
}

const DAY_MS = 86_400_000;
const cents = (yuan: number): number => Math.round(yuan * 100);

/**
 * 拆分事项规避上会 (splitting a matter to keep it from a meeting): the candidate, of a “三重一大” type
 * and under its amount threshold, together with other matters of the same type, each also under the
 * threshold, created within `windowDays` of it (inclusive, before or after, counted in elapsed time)
 * and sharing its counterparty — or, when those do not reach the threshold, its project — reach the
 * threshold.
 *
 * Others without an amount, the candidate itself and repeated ids are ignored. Amounts are added in
 * integer cents.
 */
export function findSplitting(candidate: MatterLite, others: readonly MatterLite[], opts: { windowDays: number; threshold: number | null }): Splitting | null {
  const { threshold, windowDays } = opts;
  if (threshold === null || candidate.matterType === null || candidate.amount === null) return null;
  const limit = cents(threshold);
  const own = cents(candidate.amount);
  if (own >= limit) return null; // the candidate alone needs a meeting: not a split
  const windowMs = windowDays * DAY_MS;
  const seen = new Set<string>([candidate.id]);
  const near: { matter: MatterLite; cents: number }[] = [];
  for (const o of others) {
    if (seen.has(o.id) || o.amount === null || o.matterType !== candidate.matterType) continue;
    const c = cents(o.amount);
    if (c >= limit) continue; // a part over the threshold went (or should have gone) to a meeting itself
    if (Math.abs(o.createdAt.getTime() - candidate.createdAt.getTime()) > windowMs) continue;
    seen.add(o.id);
    near.push({ matter: o, cents: c });
  }
  for (const sharedBy of ['counterparty', 'project'] as const) {
    const key = normaliseParty(candidate[sharedBy]);
    if (key === null) continue;
    const parts = near.filter((p) => normaliseParty(p.matter[sharedBy]) === key);
    if (parts.length === 0) continue;
    const total = parts.reduce((sum, p) => sum + p.cents, own);
    if (total >= limit) return { matterIds: [candidate.id, ...parts.map((p) => p.matter.id)].sort(), total: total / 100, sharedBy };
  }
  return null;
}
