import { type MatterType } from '@qinglian/contracts';

export interface MatterLite {
  readonly id: string;
  readonly matterType: MatterType | null;
  readonly amount: number | null;
  readonly counterparty: string | null;
  readonly project: string | null;
  readonly createdAt: Date;
}

/** NFKC, all whitespace removed, lower-case; empty → null (广元市 某装饰 有限公司 = 广元市某装饰有限公司). */
export function normaliseParty(s: string | null): string | null {
  if (s === null) return null;
  const t = s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return t === '' ? null : t;
}

const DAY_MS = 86_400_000;

/**
 * 拆分事项规避上会: the candidate and other matters of its type, each under the threshold, created
 * within `windowDays` of it and sharing its counterparty (or, failing that, its project), together
 * reach the threshold.
 */
export function findSplitting(
  candidate: MatterLite,
  others: readonly MatterLite[],
  opts: { windowDays: number; threshold: number | null },
): { matterIds: string[]; total: number; sharedBy: 'counterparty' | 'project' } | null {
  const { threshold } = opts;
  if (threshold === null || candidate.matterType === null || candidate.amount === null) return null;
  const limit = Math.round(threshold * 100);
  const own = Math.round(candidate.amount * 100);
  if (own >= limit) return null;
  const near = others.filter(
    (o) =>
      o.id !== candidate.id &&
      o.matterType === candidate.matterType &&
      o.amount !== null &&
      Math.round(o.amount * 100) < limit &&
      Math.abs(o.createdAt.getTime() - candidate.createdAt.getTime()) <= opts.windowDays * DAY_MS,
  );
  for (const sharedBy of ['counterparty', 'project'] as const) {
    const key = normaliseParty(candidate[sharedBy]);
    if (key === null) continue;
    const parts = near.filter((o) => normaliseParty(o[sharedBy]) === key);
    if (parts.length === 0) continue;
    const total = own + parts.reduce((s, o) => s + Math.round((o.amount as number) * 100), 0);
    if (total >= limit) return { matterIds: [candidate.id, ...parts.map((p) => p.id)].sort(), total: total / 100, sharedBy };
  }
  return null;
}
