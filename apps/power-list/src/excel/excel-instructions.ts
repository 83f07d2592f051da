import { RoleLabels } from '@qinglian/auth';
import { MeetingBodyLabels, StepKindLabels, TemplateKind } from '@qinglian/contracts';
import type ExcelJS from 'exceljs';
import { ACTOR_NOTATION, CADENCE_PERIOD_LABELS, CADENCE_WINDOW_LABELS } from './excel-notation';
import { SHEETS } from './excel-sheets';

/** The first sheet, 填写说明: the rules, the notation, every column, and a worked example in words. */
export const INSTRUCTIONS_SHEET = '填写说明';

const WIDTHS = [18, 34, 8, 46, 46, 24];
const FULL_WIDTH = WIDTHS.reduce((a, b) => a + b, 0);
const SECTION_FILL = 'FFDDE8F5';

const labels = (l: Readonly<Record<string, { readonly zh: string }>>) => Object.values(l).map((x) => x.zh).join('、');

interface NotationRow {
  readonly kinds: readonly TemplateKind[];
  readonly what: string;
  readonly how: string;
  readonly example: string;
}

const BOTH = [TemplateKind.PowerItems, TemplateKind.ResponsibilityLists];
const ITEMS = [TemplateKind.PowerItems];
const LISTS = [TemplateKind.ResponsibilityLists];

const NOTATION: readonly NotationRow[] = [
  {
    kinds: BOTH,
    what: '多项内容（制度依据、风险点、防控措施、监督主体、佐证材料）',
    how: '每行写一项：在单元格内换行（Alt+Enter）。每行首尾的空格和空行会被忽略。',
    example: '风险点写两行：\n因私或领导意见，违规同意实施\n超越审批权限办事',
  },
  {
    kinds: ITEMS,
    what: '行权主体、内部监督主体、外部监督主体',
    how: `写成 ${ACTOR_NOTATION}；冒号用半角“:”或全角“：”均可。单元、岗位后可用全角括号注明名称，导入时忽略括号内容（导出时会自动注明）。角色名称可填：${labels(RoleLabels)}。`,
    example: '角色:经办人员\n单元:CQK（产权科）\n岗位:CQK-KZ\n外部:市纪委监委第一监督检查室',
  },
  { kinds: ITEMS, what: '制度依据', how: '每行一条，写成 标题｜文号（全角竖线“｜”）；没有文号时只写标题。', example: '《广元市市属监管企业工资总额管理试行办法》｜广国资委[2019]212号' },
  { kinds: ITEMS, what: '步骤类型', how: `从下拉列表选择：${labels(StepKindLabels)}。`, example: '审核' },
  { kinds: ITEMS, what: '会议机构', how: `${labels(MeetingBodyLabels)}；几个会议都可决定时用顿号分隔（流程图印作“党委会或委务会”）。`, example: '党委会、委务会' },
  { kinds: ITEMS, what: '适用步骤', how: '步骤序号用顿号分隔，或写范围。', example: '1、2、3、4 或 1-4' },
  { kinds: ITEMS, what: '时限（工作日）', how: '1–365 的整数，不填表示未规定。', example: '15' },
  { kinds: LISTS, what: '周期', how: `从下拉列表选择：${Object.values(CADENCE_PERIOD_LABELS).join('、')}。`, example: '每半年' },
  { kinds: LISTS, what: '时段', how: `从下拉列表选择：${Object.values(CADENCE_WINDOW_LABELS).join('、')}。`, example: '年底' },
  { kinds: LISTS, what: '至少、定期', how: '从下拉列表选择 是 或 否；不适用时留空。', example: '是' },
  { kinds: LISTS, what: '截止日期', how: 'MM-DD（月-日，两位数字）。单元格已设为文本格式；若 Excel 把它变成了日期，也能正确读取。', example: '01-31' },
];

const EXAMPLES: Readonly<Record<TemplateKind, readonly string[]>> = {
  [TemplateKind.PowerItems]: [
    '例：产权科承办的「资产采购和出租审核」（事项编码 PI-001，类别 产权，承办单元编码 CQK）。',
    '在「组织单元」表写 CQK 产权科（上级编码 GZW），在「权力事项」表写一行：事项编码 PI-001、事项名称、类别、承办单元编码 CQK；制度依据每行一条。',
    '在「流程步骤」表为它写 5 行，事项编码都填 PI-001，步骤序号 1 到 5：第 1 行 步骤名称「申请」、步骤类型「申请/受理」、行权主体「角色:经办人员」，内部监督主体写两行「角色:科室负责人」「单元:JGJW」，外部监督主体「角色:派驻纪检监察组」；第 2 行「产权科审核」、审核、「单元:CQK」；第 3 行「分管领导审核」、审核、「角色:分管领导」；第 4 行「会议审批」、会议审批，行权主体留空，会议机构「党委会、委务会」；第 5 行「下达意见」、下达、「单元:CQK」，风险点「擅自改变决策事项」，防控措施「将印发文件与会议决策记录比对」。',
    '第 1–4 步在流程图上共用一个风险点框和一个防控措施框：在「共用风险框」表写一行，事项编码 PI-001、框编号 SB-1、适用步骤「1、2、3、4」，风险点、防控措施各每行一条；这几步自己的风险点、防控措施列留空。',
  ],
  [TemplateKind.ResponsibilityLists]: [
    '例：「2020年全面从严治党主体责任清单（党委主体责任）」（清单编码 GZW-ZR-DW，责任角色「党委（主体责任）」，责任主体 广元市国资委党委），在「责任清单」表写一行。',
    '在「责任条目」表为每条责任写一行，清单编码都填 GZW-ZR-DW，序号 1、2、3 …：第 1 行 标题「强化政治责任」，内容照录原文；佐证材料（文中列明）每行一条，如「全面从严治党主体责任年度任务清单」；佐证材料（推断）写原文未提、检查时会要的记录，如「会议纪要」。',
    '原文“每半年召开1次全面从严治党专题会议和警示教育会”在「履职周期」表写一行：清单编码 GZW-ZR-DW、条目序号 1、周期「每半年」、次数 1、依据条款照录这句话。“每半年至少研究1次”再填 至少「是」；“年底前”填 时段「年底」、截止日期 12-31、截止日期依据「年底前」；“定期开展”填 定期「是」；“遇有重大问题”填 触发事件。一条责任有几个周期就写几行。',
  ],
};

const BELONGING: Readonly<Record<TemplateKind, string>> = {
  [TemplateKind.PowerItems]: '「流程步骤」「共用风险框」的行按事项编码归属，所引用的事项编码必须在本文件的「权力事项」表中。',
  [TemplateKind.ResponsibilityLists]: '「责任条目」「履职周期」的行按清单编码归属，所引用的清单编码必须在本文件的「责任清单」表中。',
};

export function addInstructions(wb: ExcelJS.Workbook, kinds: readonly TemplateKind[]): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  ws.columns = WIDTHS.map((width) => ({ width, style: { alignment: { wrapText: true, vertical: 'top' } } }));
  const out = new Writer(ws);
  const both = kinds.length > 1;
  const sheets = SHEETS.filter((s) => kinds.includes(s.kind));

  out.title(both ? '权力清单导出 — 填写说明' : kinds[0] === TemplateKind.PowerItems ? '权力事项及流程导入模板 — 填写说明' : '责任清单导入模板 — 填写说明');
  out.paragraph('How to fill in this workbook: the sheets, how to write each cell, and an example (the sheets and headers are in Chinese).');

  out.section('一、总则 General');
  for (const p of [
    '每个工作表的第一行是列标题：请勿修改、删除、增加或调换列标题。从第二行起每行一条记录，空行会被忽略。',
    `不需要的工作表可以整个删除，视为没有该类内容；但保留的工作表必须有完整的列标题。本说明（「${INSTRUCTIONS_SHEET}」）导入时不读取。`,
    '编码（单元编码、岗位编码、事项编码、清单编码、框编号）由字母、数字和“_”“.”“-”组成，以字母或数字开头，最长 40 位（框编号 20 位）；同一文件内不得重复。',
    '导入时检查所有行，发现问题会逐一列出（工作表、行号、列），全部改正后才会导入，不会只导入一部分。',
    '导入的权力事项和责任清单都成为草稿：新编码新建，已有编码生成新草稿；经审核、发布后才生效。已有的组织单元和岗位不会被修改。',
    ...kinds.map((k) => BELONGING[k]),
  ]) {
    out.paragraph(p);
  }

  out.section('二、工作表 Sheets');
  out.table(
    ['工作表', '填写什么'],
    sheets.map((s) => [s.name, s.purpose]),
    [0, 1],
  );

  out.section('三、单元格写法 Notation');
  out.table(
    ['内容', '写法', '示例'],
    NOTATION.filter((n) => n.kinds.some((k) => kinds.includes(k))).map((n) => [n.what, n.how, n.example]),
    [0, 3, 4],
  );

  out.section('四、各列说明 Columns');
  out.table(
    ['工作表', '列', '必填', '说明', '写法 / 可选值', 'English'],
    sheets.flatMap((s) => s.columns.map((c) => [s.name, c.header, c.required ? '是' : '', c.help, c.allowed, c.en])),
    [0, 1, 2, 3, 4, 5],
  );

  out.section('五、示例 Example');
  for (const kind of kinds) for (const p of EXAMPLES[kind]) out.paragraph(p);
}

/** Appends rows top-down; a paragraph spans all columns, a table puts its cells in the given columns. */
class Writer {
  private row = 1;

  constructor(private readonly ws: ExcelJS.Worksheet) {}

  title(text: string): void {
    const cell = this.spanning(text);
    cell.font = { bold: true, size: 14 };
    this.row += 2;
  }

  section(text: string): void {
    this.row++;
    const cell = this.spanning(text);
    cell.font = { bold: true, size: 12 };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SECTION_FILL } };
    this.row++;
  }

  paragraph(text: string): void {
    this.spanning(text);
    this.ws.getRow(this.row).height = heightFor(text, FULL_WIDTH);
    this.row++;
  }

  /** `columns`: the sheet column (0-based) of each table column. */
  table(header: readonly string[], rows: readonly (readonly string[])[], columns: readonly number[]): void {
    this.tableRow(header, columns).forEach((c) => (c.font = { bold: true }));
    for (const r of rows) this.tableRow(r, columns);
  }

  private tableRow(cells: readonly string[], columns: readonly number[]): ExcelJS.Cell[] {
    const row = this.ws.getRow(this.row++);
    let height = 0;
    const out = cells.map((text, i) => {
      const col = columns[i] ?? i;
      // The last table column runs to the sheet's right edge.
      const last = i === cells.length - 1 ? WIDTHS.length - 1 : (columns[i + 1] ?? col + 1) - 1;
      if (last > col) this.ws.mergeCells(row.number, col + 1, row.number, last + 1);
      const cell = row.getCell(col + 1);
      cell.value = text;
      cell.border = { bottom: { style: 'hair' } };
      height = Math.max(height, heightFor(text, WIDTHS.slice(col, last + 1).reduce((a, b) => a + b, 0)));
      return cell;
    });
    row.height = height;
    return out;
  }

  private spanning(text: string): ExcelJS.Cell {
    this.ws.mergeCells(this.row, 1, this.row, WIDTHS.length);
    const cell = this.ws.getCell(this.row, 1);
    cell.value = text;
    return cell;
  }
}

/** Excel does not grow merged rows to fit: estimate, counting a Chinese character as two widths. */
function heightFor(text: string, width: number): number {
  const displayWidth = (line: string) => line.length + (line.match(/[^\u0000-\u00ff]/g)?.length ?? 0);
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / (width - 2))), 0);
  return Math.max(18, lines * 16);
}
