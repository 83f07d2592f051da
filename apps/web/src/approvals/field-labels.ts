// Validation problems of the approvals API name fields by path (`terms.amount`,
// `matterTypes[3].thresholdAmount`); readers need 关键要素 · 金额. The area's own names come first,
// the console's shared ones after.
import { format, labelOf, type Messages } from '../i18n/messages';
import { fieldPath } from '../power-list/field-labels';

function nameOf(segment: string, m: Messages): string {
  return Object.hasOwn(m.approvals.fieldNames, segment) ? m.approvals.fieldNames[segment as keyof Messages['approvals']['fieldNames']] : labelOf(m.fields.names, segment);
}

export function approvalsFieldLabel(field: string, m: Messages): string {
  const path = fieldPath(field);
  const words: string[] = [];
  path.forEach((segment, i) => {
    if (typeof segment === 'number') return;
    const next = path[i + 1];
    words.push(typeof next === 'number' ? format(m.fields.item, { list: nameOf(segment, m), n: next + 1 }) : nameOf(segment, m));
  });
  return words.join(' · ');
}

/** The form path of a problem's field (`terms.amount` → ['terms', 'amount']), to mark the input. */
export function formPath(field: string): (string | number)[] {
  return fieldPath(field);
}
