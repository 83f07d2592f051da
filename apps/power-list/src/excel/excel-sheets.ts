import {
  type ActorRef,
  type Cadence,
  type LegalBasis,
  type MeetingBody,
  type ResponsibilityRole,
  type StepKind,
  TemplateKind,
} from '@qinglian/contracts';
import {
  actorList,
  cadencePeriod,
  cadenceWindow,
  type CellInput,
  type CellOut,
  codeRef,
  codeText,
  isBlank,
  legalBasisList,
  lineList,
  meetingBodies,
  monthDay,
  type Msg,
  type NameIndex,
  plainText,
  positiveInt,
  responsibilityRole,
  say,
  singleActor,
  stepKind,
  stepNumbers,
  type Syntax,
  yesNo,
} from './excel-notation';

/**
 * The sheets of the workbook: one table of columns per sheet drives the template, the export, the
 * reader and 填写说明 alike. A row type mirrors the contract object the sheet holds (same field names,
 * so a validation error's field path finds its column), plus the codes that tie it to its parent.
 */

export interface UnitRow {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface PostRow {
  code: string;
  name: string;
  unitCode: string;
}

export interface ItemRow {
  code: string;
  name: string;
  category: string;
  handlingUnitCode: string;
  subject: string | null;
  legalBasis: LegalBasis[];
  conditions: string | null;
  procedure: string | null;
  timeLimitDays: number | null;
  responsibility: string | null;
  supervisionMode: string | null;
}

export interface StepRow {
  itemCode: string;
  order: number;
  name: string | null;
  kind: StepKind;
  actor: ActorRef | null;
  meetingBodies: MeetingBody[];
  timeLimitDays: number | null;
  riskPoints: string[];
  controlMeasures: string[];
  internalSupervisors: ActorRef[];
  externalSupervisors: ActorRef[];
}

export interface BlockRow {
  itemCode: string;
  id: string;
  appliesToSteps: number[];
  riskPoints: string[];
  controlMeasures: string[];
}

export interface ListRow {
  code: string;
  title: string;
  role: ResponsibilityRole;
  organisation: string | null;
}

export interface DutyRow {
  listCode: string;
  number: number;
  title: string | null;
  text: string;
  /** Evidence the duty text names (`stated: true`). */
  statedEvidence: string[];
  /** Evidence an auditor would ask for (`stated: false`). */
  inferredEvidence: string[];
}

export interface CadenceRow extends Cadence {
  listCode: string;
  dutyNumber: number;
}

export const REQUIRED: Msg = say('必填', 'required');

export interface Column<R> {
  readonly header: string;
  readonly field: keyof R & string;
  readonly required: boolean;
  readonly width: number;
  /** Short English name, for 填写说明. */
  readonly en: string;
  /** What the column means, for 填写说明 and the header's note. */
  readonly help: string;
  /** How to write it. */
  readonly allowed: string;
  readonly choices: readonly string[] | undefined;
  readonly numeric: boolean;
  /** Reads the cell into `into`; returns the problems (nothing is stored for a bad cell). */
  read(input: CellInput, into: Partial<R>): readonly Msg[];
  write(row: R, names: NameIndex): CellOut;
}

export interface SheetDef<R> {
  readonly name: string;
  readonly kind: TemplateKind;
  /** What one row is, for 填写说明. */
  readonly purpose: string;
  readonly columns: readonly Column<R>[];
}

interface ColumnDoc {
  readonly width: number;
  readonly en: string;
  readonly help: string;
}

/** Column factories for one row type (curried so the row type is given once per sheet). */
function columnsOf<R>() {
  const base = <K extends keyof R & string>(field: K, header: string, syntax: Syntax<NonNullable<R[K]>>, doc: ColumnDoc) => ({
    header,
    field,
    ...doc,
    allowed: syntax.allowed,
    choices: syntax.choices,
    numeric: syntax.numeric ?? false,
  });
  const parseInto = <K extends keyof R & string>(field: K, syntax: Syntax<NonNullable<R[K]>>, input: CellInput, into: Partial<R>): readonly Msg[] => {
    const r = syntax.parse(input);
    if ('problems' in r) return r.problems;
    into[field] = r.value;
    return [];
  };
  return {
    required<K extends keyof R & string>(field: K, header: string, syntax: Syntax<NonNullable<R[K]>>, doc: ColumnDoc): Column<R> {
      return {
        ...base(field, header, syntax, doc),
        required: true,
        read: (input, into) => (isBlank(input) ? [REQUIRED] : parseInto(field, syntax, input, into)),
        write: (row, names) => {
          const v = row[field];
          return v == null ? null : syntax.format(v, names);
        },
      };
    },
    /** An empty cell gives `empty` (null, [] or, for cadences, no key at all); an empty value writes an empty cell. */
    optional<K extends keyof R & string>(field: K, header: string, syntax: Syntax<NonNullable<R[K]>>, empty: R[K], doc: ColumnDoc): Column<R> {
      return {
        ...base(field, header, syntax, doc),
        required: false,
        read: (input, into) => {
          if (!isBlank(input)) return parseInto(field, syntax, input, into);
          if (empty !== undefined) into[field] = structuredClone(empty);
          return [];
        },
        write: (row, names) => {
          const v = row[field];
          return v == null || (Array.isArray(v) && v.length === 0) ? null : syntax.format(v, names);
        },
      };
    },
  };
}

const TEXT_WIDE = 40;
const TEXT_LIST = 48;

const unit = columnsOf<UnitRow>();
export const UNIT_SHEET: SheetDef<UnitRow> = {
  name: '组织单元',
  kind: TemplateKind.PowerItems,
  purpose: '每行一个组织单元（部门、科室）。本单位已有的编码不会改动；上级单元可以是本表中的单元，也可以是本单位已有的单元。',
  columns: [
    unit.required('code', '单元编码', codeText, { width: 16, en: 'Unit code', help: '本单位内唯一，如 CQK' }),
    unit.required('name', '单元名称', plainText, { width: 24, en: 'Unit name', help: '如 产权科' }),
    unit.optional('parentCode', '上级编码', codeRef, null, { width: 16, en: 'Parent unit code', help: '上级单元的编码；顶层单元留空' }),
  ],
};

const post = columnsOf<PostRow>();
export const POST_SHEET: SheetDef<PostRow> = {
  name: '岗位',
  kind: TemplateKind.PowerItems,
  purpose: '每行一个岗位。本单位已有的编码不会改动。',
  columns: [
    post.required('code', '岗位编码', codeText, { width: 16, en: 'Post code', help: '本单位内唯一，如 CQK-KZ' }),
    post.required('name', '岗位名称', plainText, { width: 24, en: 'Post name', help: '如 科长' }),
    post.required('unitCode', '所属单元编码', codeRef, { width: 16, en: 'Unit code', help: '岗位所在单元的编码（本表「组织单元」中的或本单位已有的）' }),
  ],
};

const item = columnsOf<ItemRow>();
export const ITEM_SHEET: SheetDef<ItemRow> = {
  name: '权力事项',
  kind: TemplateKind.PowerItems,
  purpose: '每行一个权力事项。它的流程步骤写在「流程步骤」表，共用的风险点和防控措施写在「共用风险框」表。导入后成为草稿：新编码新建事项，已有编码生成该事项的新草稿。',
  columns: [
    item.required('code', '事项编码', codeText, { width: 14, en: 'Item code', help: '本单位内唯一，如 PI-001' }),
    item.required('name', '事项名称', plainText, { width: 30, en: 'Name', help: '如 资产采购和出租审核（最多 200 字）' }),
    item.required('category', '类别', plainText, { width: 10, en: 'Category', help: '本单位自己的分类，如 产权、投资、薪酬（最多 20 字）' }),
    item.required('handlingUnitCode', '承办单元编码', codeText, { width: 14, en: 'Handling unit code', help: '承办科室的单元编码，如 CQK' }),
    item.optional('subject', '实施主体', plainText, null, { width: 20, en: 'Subject', help: '行使权力的主体，如 广元市国资委' }),
    item.optional('legalBasis', '制度依据', legalBasisList, [], { width: TEXT_LIST, en: 'Legal basis', help: '每行一条，写成 标题｜文号' }),
    item.optional('conditions', '受理条件', plainText, null, { width: TEXT_WIDE, en: 'Conditions', help: '可多行' }),
    item.optional('procedure', '办理程序', plainText, null, { width: TEXT_WIDE, en: 'Procedure', help: '办理程序的文字说明，可多行（流程图的步骤另写在「流程步骤」表）' }),
    item.optional('timeLimitDays', '时限（工作日）', positiveInt, null, { width: 12, en: 'Time limit (working days)', help: '1–365' }),
    item.optional('responsibility', '责任事项', plainText, null, { width: TEXT_WIDE, en: 'Responsibility', help: '可多行' }),
    item.optional('supervisionMode', '监督方式', plainText, null, { width: TEXT_WIDE, en: 'Supervision mode', help: '可多行' }),
  ],
};

const step = columnsOf<StepRow>();
export const STEP_SHEET: SheetDef<StepRow> = {
  name: '流程步骤',
  kind: TemplateKind.PowerItems,
  purpose: '每行一个流程步骤（流程图的一行）。同一事项的步骤序号从 1 起连续编号，不得重复或跳号。',
  columns: [
    step.required('itemCode', '事项编码', codeText, { width: 14, en: 'Item code', help: '步骤所属事项的编码，须在「权力事项」表中' }),
    step.required('order', '步骤序号', positiveInt, { width: 10, en: 'Step number', help: '1、2、3 …，按流程先后' }),
    step.optional('name', '步骤名称', plainText, null, { width: 24, en: 'Step name', help: '行权流程框里的文字，如 分管领导审核；草稿中可暂时留空' }),
    step.required('kind', '步骤类型', stepKind, { width: 12, en: 'Step type', help: '从下拉列表选择' }),
    step.optional('actor', '行权主体', singleActor, null, { width: 24, en: 'Actor', help: '一个行权主体；会议审批步骤一般留空，填写会议机构' }),
    step.optional('meetingBodies', '会议机构', meetingBodies, [], { width: 18, en: 'Meeting bodies', help: '会议审批步骤由哪个会议决定，如 党委会、委务会（流程图印作 党委会或委务会）' }),
    step.optional('timeLimitDays', '时限（工作日）', positiveInt, null, { width: 12, en: 'Time limit (working days)', help: '1–365' }),
    step.optional('riskPoints', '风险点', lineList, [], { width: TEXT_LIST, en: 'Risk points', help: '本步骤自己的风险点，每行一条（几个步骤共用的写在「共用风险框」表）' }),
    step.optional('controlMeasures', '防控措施', lineList, [], { width: TEXT_LIST, en: 'Control measures', help: '本步骤自己的防控措施，每行一条' }),
    step.optional('internalSupervisors', '内部监督主体（重在全过程监督）', actorList, [], { width: 28, en: 'Internal supervisors', help: '每行一个监督主体' }),
    step.optional('externalSupervisors', '外部监督主体（重在全履职监督）', actorList, [], { width: 28, en: 'External supervisors', help: '每行一个监督主体' }),
  ],
};

const block = columnsOf<BlockRow>();
export const BLOCK_SHEET: SheetDef<BlockRow> = {
  name: '共用风险框',
  kind: TemplateKind.PowerItems,
  purpose: '流程图上几个相连步骤共用的一个风险点框和一个防控措施框（印一次，跨这几行）。没有就不填。',
  columns: [
    block.required('itemCode', '事项编码', codeText, { width: 14, en: 'Item code', help: '所属事项的编码，须在「权力事项」表中' }),
    block.required('id', '框编号', plainText, { width: 10, en: 'Block id', help: '事项内唯一，如 SB-1（最多 20 字）' }),
    block.required('appliesToSteps', '适用步骤', stepNumbers, { width: 14, en: 'Applies to steps', help: '共用此框的步骤序号，如 1、2、3、4 或 1-4' }),
    block.optional('riskPoints', '风险点', lineList, [], { width: TEXT_LIST, en: 'Risk points', help: '每行一条' }),
    block.optional('controlMeasures', '防控措施', lineList, [], { width: TEXT_LIST, en: 'Control measures', help: '每行一条' }),
  ],
};

const list = columnsOf<ListRow>();
export const LIST_SHEET: SheetDef<ListRow> = {
  name: '责任清单',
  kind: TemplateKind.ResponsibilityLists,
  purpose: '每行一份责任清单；条目写在「责任条目」表，履职周期写在「履职周期」表。导入后成为草稿：新编码新建清单，已有编码生成新草稿。',
  columns: [
    list.required('code', '清单编码', codeText, { width: 16, en: 'List code', help: '本单位内唯一，如 GZW-ZR-DW' }),
    list.required('title', '清单名称', plainText, { width: 40, en: 'Title', help: '如 2020年全面从严治党主体责任清单（党委主体责任）' }),
    list.required('role', '责任角色', responsibilityRole, { width: 22, en: 'Role', help: '清单约束的对象，从下拉列表选择' }),
    list.optional('organisation', '责任主体', plainText, null, { width: 30, en: 'Organisation', help: '如 广元市国资委党委' }),
  ],
};

const duty = columnsOf<DutyRow>();
export const DUTY_SHEET: SheetDef<DutyRow> = {
  name: '责任条目',
  kind: TemplateKind.ResponsibilityLists,
  purpose: '每行一条责任。同一清单的序号从 1 起连续编号，不得重复或跳号；每份清单至少一条。',
  columns: [
    duty.required('listCode', '清单编码', codeText, { width: 16, en: 'List code', help: '所属清单的编码，须在「责任清单」表中' }),
    duty.required('number', '序号', positiveInt, { width: 8, en: 'Number', help: '1、2、3 …' }),
    duty.optional('title', '标题', plainText, null, { width: 24, en: 'Title', help: '简短标题，如 强化政治责任' }),
    duty.required('text', '内容', plainText, { width: 60, en: 'Text', help: '责任条目原文，可多行' }),
    duty.optional('statedEvidence', '佐证材料（文中列明）', lineList, [], { width: 30, en: 'Evidence named in the text', help: '条目原文写明的记录，每行一条' }),
    duty.optional('inferredEvidence', '佐证材料（推断）', lineList, [], { width: 30, en: 'Evidence inferred', help: '原文未写明、检查时会要的记录，每行一条' }),
  ],
};

const cadence = columnsOf<CadenceRow>();
export const CADENCE_SHEET: SheetDef<CadenceRow> = {
  name: '履职周期',
  kind: TemplateKind.ResponsibilityLists,
  purpose: '一条责任何时履行：每行一个周期，一条责任可有多行（按行的先后）。写周期、定期或触发事件之一。',
  columns: [
    cadence.required('listCode', '清单编码', codeText, { width: 16, en: 'List code', help: '须在「责任清单」表中' }),
    cadence.required('dutyNumber', '条目序号', positiveInt, { width: 10, en: 'Duty number', help: '「责任条目」表中该清单的序号' }),
    cadence.optional('every', '周期', cadencePeriod, undefined, { width: 10, en: 'Period', help: '从下拉列表选择' }),
    cadence.optional('times', '次数', positiveInt, undefined, { width: 8, en: 'Times', help: '每个周期几次，原文写明数字时才填（1–52）' }),
    cadence.optional('atLeast', '至少', yesNo, undefined, { width: 8, en: 'At least', help: '原文为“至少”“不少于”时填 是' }),
    cadence.optional('window', '时段', cadenceWindow, undefined, { width: 10, en: 'Window', help: '从下拉列表选择' }),
    cadence.optional('dueMonthDay', '截止日期', monthDay, undefined, { width: 10, en: 'Due date', help: '周期内的截止日，MM-DD' }),
    cadence.optional('dueDerivedFrom', '截止日期依据', plainText, undefined, { width: 14, en: 'Due date derived from', help: '截止日期由哪句话推出，如 年底前' }),
    cadence.optional('periodic', '定期', yesNo, undefined, { width: 8, en: 'Periodic', help: '原文为“定期”“经常”而无具体周期时填 是' }),
    cadence.optional('onEvent', '触发事件', plainText, undefined, { width: 30, en: 'On event', help: '事件触发的责任，照录原文，如 遇有重大问题' }),
    cadence.optional('reporter', '报告人', plainText, undefined, { width: 14, en: 'Reporter', help: '如 集团党委' }),
    cadence.optional('reportTo', '报告对象', plainText, undefined, { width: 14, en: 'Reports to', help: '如 市委' }),
    cadence.optional('clause', '依据条款', plainText, undefined, { width: 40, en: 'Clause', help: '据以得出此周期的原文分句' }),
  ],
};

/** Every data sheet, in workbook order. */
export const SHEETS = [UNIT_SHEET, POST_SHEET, ITEM_SHEET, STEP_SHEET, BLOCK_SHEET, LIST_SHEET, DUTY_SHEET, CADENCE_SHEET] as const;

/** The header of the column holding a field, or null when the field has no column of its own. */
export function headerOf<R>(sheet: SheetDef<R>, field: string | undefined): string | null {
  return sheet.columns.find((c) => c.field === field)?.header ?? null;
}
