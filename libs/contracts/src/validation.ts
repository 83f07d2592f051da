import { type ValidationError } from 'class-validator';

/** Flattens class-validator errors into (field path, rule, message) triples, nested fields dotted. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): { field: string; rule: string; message: string }[] {
  const out: { field: string; rule: string; message: string }[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      // forbidNonWhitelisted reports unknown properties with this rule name.
      out.push({ field, rule, message: rule === 'whitelistValidation' ? `property ${field} is not allowed` : message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}
