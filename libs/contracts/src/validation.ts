import { type ValidationError, type ValidatorOptions } from 'class-validator';

/**
 * How every request body is validated, at the gateway and again in the services: unknown properties
 * are errors, values are converted to the DTO's types, and errors carry no copy of the input.
 */
export const REQUEST_VALIDATION: ValidatorOptions & { transform: true; validationError: { target: false; value: false } } = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
};

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
