// Validation problems name fields by path (`flow.steps[0].actor`, `duties[2].cadence[0].dueMonthDay`);
// readers need 流程第 1 步 · 行权主体.
import { format, labelOf, type Messages } from '../i18n/messages';

type Segment = string | number;

/** `a.b[2].c` and `a.b.2.c` (class-validator's way) → ['a', 'b', 2, 'c']. */
export function fieldPath(field: string): Segment[] {
  const out: Segment[] = [];
  for (const part of field.split('.')) {
    if (/^\d+$/.test(part)) {
      out.push(Number(part));
      continue;
    }
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      out.push(part);
      continue;
    }
    if (match[1]) out.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

/** The readable name of a field path, in the language of `m`. */
export function fieldLabel(field: string, m: Messages): string {
  const path = fieldPath(field);
  const words: string[] = [];
  path.forEach((segment, i) => {
    if (typeof segment === 'number') return;
    const next = path[i + 1];
    if (typeof next === 'number') {
      const n = next + 1;
      if (segment === 'steps') words.push(format(m.fields.step, { n }));
      else if (segment === 'duties') words.push(format(m.fields.duty, { n }));
      else words.push(format(m.fields.item, { list: labelOf(m.fields.names, segment), n }));
    } else if (!(segment === 'flow' && path[i + 1] === 'steps' && typeof path[i + 2] === 'number')) {
      // 流程第 1 步 already says "flow"; every other name is shown.
      words.push(labelOf(m.fields.names, segment));
    }
  });
  return words.join(' · ');
}

/** The 0-based index of the flow step a field belongs to (`flow.steps[2].actor` → 2), if any. */
export function stepIndexOf(field: string): number | null {
  const path = fieldPath(field);
  const at = path.indexOf('steps');
  const index = at >= 0 ? path[at + 1] : undefined;
  return typeof index === 'number' ? index : null;
}
