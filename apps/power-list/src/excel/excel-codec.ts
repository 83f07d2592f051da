import { type ImportProblemDto, TemplateKind } from '@qinglian/contracts';
import ExcelJS, { type DataValidation, type Worksheet } from 'exceljs';
import { assemble, type SheetRows, type WorkbookRows } from './excel-assemble';
import { type BundleLocations, normaliseBundle, type PowerListBundle } from './excel-bundle';
import { addInstructions } from './excel-instructions';
import { type CellInput, type Msg, type NameIndex, readCell, say } from './excel-notation';
import { ProblemList } from './excel-problems';
import { disassemble } from './excel-rows';
import {
  BLOCK_SHEET,
  CADENCE_SHEET,
  type Column,
  DUTY_SHEET,
  ITEM_SHEET,
  LIST_SHEET,
  POST_SHEET,
  SHEETS,
  type SheetDef,
  STEP_SHEET,
  UNIT_SHEET,
} from './excel-sheets';

export interface ReadWorkbookResult {
  /** Best effort when there are problems: a service must not import it then. */
  readonly bundle: PowerListBundle;
  readonly locations: BundleLocations;
  readonly problems: ImportProblemDto[];
}

/** The empty workbook people fill in: 填写说明 and the kind's sheets, headers only. */
export async function writeTemplate(kind: TemplateKind): Promise<Buffer> {
  const wb = newWorkbook();
  addInstructions(wb, [kind]);
  const names: NameIndex = { units: new Map(), posts: new Map() };
  // No rows, so the sheet's row type does not matter.
  const headersOnly = (def: SheetDef<never>) => addSheet(wb, def, [], names);
  for (const sheet of SHEETS) if (sheet.kind === kind) headersOnly(sheet);
  return toBuffer(wb);
}

/** The export: every sheet, filled, in the notation `readWorkbook` reads back to the same bundle. */
export async function writeWorkbook(bundle: PowerListBundle): Promise<Buffer> {
  const canonical = normaliseBundle(bundle);
  const rows = disassemble(canonical);
  const names: NameIndex = {
    units: new Map(canonical.orgUnits.map((u) => [u.code, u.name])),
    posts: new Map(canonical.posts.map((p) => [p.code, p.name])),
  };
  const wb = newWorkbook();
  addInstructions(wb, [TemplateKind.PowerItems, TemplateKind.ResponsibilityLists]);
  addSheet(wb, UNIT_SHEET, rows.units, names);
  addSheet(wb, POST_SHEET, rows.posts, names);
  addSheet(wb, ITEM_SHEET, rows.items, names);
  addSheet(wb, STEP_SHEET, rows.steps, names);
  addSheet(wb, BLOCK_SHEET, rows.blocks, names);
  addSheet(wb, LIST_SHEET, rows.lists, names);
  addSheet(wb, DUTY_SHEET, rows.duties, names);
  addSheet(wb, CADENCE_SHEET, rows.cadences, names);
  return toBuffer(wb);
}

/**
 * Reads a workbook with the power-item sheets, the responsibility-list sheets, or both (a missing
 * sheet holds nothing). Every problem is collected, each with its sheet, row and column.
 */
export async function readWorkbook(data: Buffer | ArrayBuffer): Promise<ReadWorkbookResult> {
  const problems = new ProblemList();
  const wb = await load(Buffer.isBuffer(data) ? data : Buffer.from(data));
  if (!(wb instanceof ExcelJS.Workbook)) {
    problems.add({ sheet: '', row: 0, column: null }, wb);
    return { ...assemble(EMPTY_ROWS, problems), problems: problems.all() };
  }
  if (!SHEETS.some((s) => wb.getWorksheet(s.name))) {
    problems.add(
      { sheet: '', row: 0, column: null },
      say(`工作簿中没有可导入的工作表（${SHEETS.map((s) => s.name).join('、')}），请使用下载的模板`, 'the workbook has none of the sheets the import reads: use the downloadable template'),
    );
  }
  const rows: WorkbookRows = {
    units: readSheet(wb, UNIT_SHEET, problems),
    posts: readSheet(wb, POST_SHEET, problems),
    items: readSheet(wb, ITEM_SHEET, problems),
    steps: readSheet(wb, STEP_SHEET, problems),
    blocks: readSheet(wb, BLOCK_SHEET, problems),
    lists: readSheet(wb, LIST_SHEET, problems),
    duties: readSheet(wb, DUTY_SHEET, problems),
    cadences: readSheet(wb, CADENCE_SHEET, problems),
  };
  const { bundle, locations } = assemble(rows, problems);
  return { bundle, locations, problems: problems.all() };
}

const EMPTY_SHEET = { usable: true, rows: [] } as const;
const EMPTY_ROWS: WorkbookRows = {
  units: EMPTY_SHEET,
  posts: EMPTY_SHEET,
  items: EMPTY_SHEET,
  steps: EMPTY_SHEET,
  blocks: EMPTY_SHEET,
  lists: EMPTY_SHEET,
  duties: EMPTY_SHEET,
  cadences: EMPTY_SHEET,
};

// ---------------------------------------------------------------- writing

/** Rows that get the dropdowns in an empty or short sheet, so people can keep typing below. */
const DROPDOWN_ROWS = 1000;
const HEADER_FILL = 'FFDDE8F5';

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qinglian 清廉';
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet<R>(wb: ExcelJS.Workbook, def: SheetDef<R>, rows: readonly R[], names: NameIndex): void {
  const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const alignment = { wrapText: true, vertical: 'top' } as const;
  // Text columns are formatted as text, so Excel keeps what people type (01-31, codes like 001).
  ws.columns = def.columns.map((c) => ({ header: c.header, key: c.field, width: c.width, style: c.numeric ? { alignment } : { numFmt: '@', alignment } }));
  const header = ws.getRow(1);
  def.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.note = `${c.required ? '【必填】' : ''}${c.help}\n写法：${c.allowed}`;
  });
  for (const r of rows) ws.addRow(def.columns.map((c) => c.write(r, names)));
  const last = Math.max(DROPDOWN_ROWS, rows.length + 1 + DROPDOWN_ROWS / 5);
  def.columns.forEach((c, i) => {
    if (!c.choices) return;
    const letter = ws.getColumn(i + 1).letter;
    addValidation(ws, `${letter}2:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${c.choices.join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: c.header,
      error: `请从下拉列表选择：${c.choices.join('、')}`,
    });
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: def.columns.length } };
}

/**
 * A validation over a range. exceljs 4.4 writes `worksheet.dataValidations` (range addresses
 * included) but leaves it out of its typings; setting it cell by cell would create every cell.
 */
function addValidation(ws: Worksheet, range: string, validation: DataValidation): void {
  (ws as Worksheet & { dataValidations: { add(address: string, v: DataValidation): void } }).dataValidations.add(range, validation);
}

// ---------------------------------------------------------------- reading

const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1');
/** Compound File Binary: legacy .xls, and encrypted .xlsx. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

async function load(data: Buffer): Promise<ExcelJS.Workbook | Msg> {
  if (data.subarray(0, CFB_MAGIC.length).equals(CFB_MAGIC)) {
    return say('文件是旧版 .xls 格式或已加密：请在 Excel 中另存为不加密的 .xlsx 后再导入', 'the file is a legacy .xls or an encrypted workbook: save it as an unencrypted .xlsx and import that');
  }
  const notXlsx = say('文件不是 Excel 工作簿（.xlsx）', 'the file is not an Excel workbook (.xlsx)');
  if (!data.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) return notXlsx;
  try {
    const wb = new ExcelJS.Workbook();
    // exceljs declares its own `Buffer` type (an ArrayBuffer); a Node Buffer is what it reads.
    await wb.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    return wb;
  } catch {
    return notXlsx;
  }
}

/** Headers are compared without spaces or line breaks, and with either kind of parentheses. */
function headerKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

function readSheet<R>(wb: ExcelJS.Workbook, def: SheetDef<R>, problems: ProblemList): SheetRows<R> {
  const ws = wb.getWorksheet(def.name);
  // A sheet emptied of everything, headers included, holds nothing, like a deleted one.
  if (!ws || ws.actualRowCount === 0) return EMPTY_SHEET;
  const columns = readHeader(ws, def, problems);
  if (!columns) return { usable: false, rows: [] };
  const rows: { row: number; value: R }[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = columns.map(({ column, number }) => ({ column, input: readCell(row.getCell(number).value) }));
    if (cells.every(({ input }) => isEmptyInput(input))) return;
    // Filled field by field from the cells; a field whose cell has a problem stays missing.
    const value: Partial<R> = {};
    for (const { column, input } of cells) {
      const at = { sheet: def.name, row: rowNumber, column: column.header };
      if (!isCellInput(input)) problems.add(at, input);
      else for (const m of column.read(input, value)) problems.add(at, m);
    }
    rows.push({ row: rowNumber, value: value as R });
  });
  return { usable: true, rows };
}

function isCellInput(x: CellInput | Msg): x is CellInput {
  return 'text' in x;
}

function isEmptyInput(x: CellInput | Msg): boolean {
  return isCellInput(x) && x.date === null && x.text.trim() === '';
}

/** Where each column is, or null when one is missing (the sheet cannot be read then). */
function readHeader<R>(ws: Worksheet, def: SheetDef<R>, problems: ProblemList): { column: Column<R>; number: number }[] | null {
  const expected = new Map(def.columns.map((c) => [headerKey(c.header), c]));
  const found = new Map<Column<R>, number>();
  const header = ws.getRow(1);
  for (let number = 1; number <= header.cellCount; number++) {
    const input = readCell(header.getCell(number).value);
    const raw = isCellInput(input) ? input.text.trim() : '';
    if (raw === '') continue;
    const at = { sheet: def.name, row: 1, column: raw };
    const column = expected.get(headerKey(raw));
    if (column === undefined) problems.add(at, say(`未知的列「${raw}」：请使用模板的列标题，不要增加列`, `unknown column "${raw}": use the template's headers and add no columns`));
    else if (found.has(column)) problems.add(at, say(`列「${raw}」出现了两次`, `column "${raw}" appears twice`));
    else found.set(column, number);
  }
  const missing = def.columns.filter((c) => !found.has(c));
  for (const c of missing) {
    problems.add({ sheet: def.name, row: 1, column: c.header }, say(`缺少列「${c.header}」：请使用模板的列标题`, `missing column "${c.header}": use the template's headers`));
  }
  return missing.length > 0 ? null : [...found].map(([column, number]) => ({ column, number }));
}
