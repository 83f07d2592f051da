import { DocumentKind, type ImportProblemDto } from '@qinglian/contracts';
import { type BundleLocations } from '../excel';

/** Where in the workbook a problem the service found with one imported document sits. */
export function locateProblem(p: { field: string; message: string }, kind: DocumentKind, code: string, at: BundleLocations): ImportProblemDto {
  const cell = kind === DocumentKind.PowerItem ? at.powerItemField(code, p.field) : at.listField(code, p.field);
  const row = kind === DocumentKind.PowerItem ? at.powerItem(code) : at.list(code);
  const where = cell ?? (row ? { ...row, column: null } : { sheet: '', row: 0, column: null });
  return { sheet: where.sheet, row: where.row, column: where.column, message: p.message };
}
