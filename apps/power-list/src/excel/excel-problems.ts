import { type ImportProblemDto } from '@qinglian/contracts';
import { type CellLocation } from './excel-bundle';
import { type Msg, render } from './excel-notation';
import { SHEETS } from './excel-sheets';

/** The problems of one import, collected rather than thrown, listed in workbook order. */
export class ProblemList {
  private readonly problems: ImportProblemDto[] = [];
  private readonly cells = new Set<string>();

  add(at: CellLocation, message: Msg): void {
    this.problems.push({ sheet: at.sheet, row: at.row, column: at.column, message: render(message) });
    this.cells.add(cellKey(at));
  }

  /**
   * For checks that run after the cells are read (the contracts' validation): a cell already
   * reported — empty, or not understood — would otherwise be reported twice.
   */
  addUnlessReported(at: CellLocation, message: Msg): void {
    if (!this.cells.has(cellKey(at))) this.add(at, message);
  }

  /** In workbook order: by sheet, row, then column (the whole row and unknown columns first). */
  all(): ImportProblemDto[] {
    const position = (p: ImportProblemDto) => {
      const sheet = SHEETS.findIndex((s) => s.name === p.sheet);
      return [sheet, p.row, SHEETS[sheet]?.columns.findIndex((c) => c.header === p.column) ?? -1];
    };
    const sorted = this.problems.map((p, i) => ({ p, key: [...position(p), i] }));
    sorted.sort((a, b) => {
      const i = a.key.findIndex((x, n) => x !== b.key[n]);
      return i < 0 ? 0 : (a.key[i] ?? 0) - (b.key[i] ?? 0);
    });
    return sorted.map(({ p }) => p);
  }
}

function cellKey(at: CellLocation): string {
  return `${at.sheet}\u0000${at.row}\u0000${at.column ?? ''}`;
}
