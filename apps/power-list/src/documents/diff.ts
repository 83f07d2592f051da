import { type FieldChangeDto } from '@qinglian/contracts';
import { isDeepStrictEqual } from 'node:util';

export interface RawChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * Field-by-field differences between two documents. Objects are compared key by key, arrays of
 * objects element by element (steps, duties, …) and arrays of text as one value (a list of risk
 * points reads best as a whole); an element present on one side only is one change.
 */
export function diffValues(from: unknown, to: unknown, path = ''): RawChange[] {
  if (isDeepStrictEqual(from, to)) return [];
  if (isPlainObject(from) && isPlainObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
    return keys.flatMap((k) => diffValues(from[k], to[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(from) && Array.isArray(to) && (from.some(isPlainObject) || to.some(isPlainObject))) {
    const a: unknown[] = from;
    const b: unknown[] = to;
    const out: RawChange[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...diffValues(a[i] ?? null, b[i] ?? null, `${path}[${i}]`));
    return out;
  }
  return [{ field: path, from: from ?? null, to: to ?? null }];
}

/**
 * Labels a change for people: `flow.steps[2].riskPoints` → 流程第3步 · 风险点. `listLabels` are
 * templates with `{n}` for the 1-based position (steps: 流程第{n}步).
 */
export function labelChanges(changes: readonly RawChange[], labels: Readonly<Record<string, string>>, listLabels: Readonly<Record<string, string>>): FieldChangeDto[] {
  return changes.map((c) => ({ ...c, label: labelFor(c.field, labels, listLabels) }));
}

function labelFor(field: string, labels: Readonly<Record<string, string>>, listLabels: Readonly<Record<string, string>>): string {
  const parts: string[] = [];
  for (const segment of field.split('.')) {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(segment);
    if (!m?.[1]) {
      parts.push(segment);
      continue;
    }
    const name = m[1];
    if (m[2] !== undefined) parts.push((listLabels[name] ?? `${name} {n}`).replace('{n}', String(Number(m[2]) + 1)));
    else if (labels[name] !== undefined && labels[name] !== '') parts.push(labels[name]);
  }
  return parts.join(' · ') || field;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
