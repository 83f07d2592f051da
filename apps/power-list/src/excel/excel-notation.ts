import { isRole, Role, RoleLabels } from '@qinglian/auth';
import {
  type ActorRef,
  ActorKind,
  CadencePeriod,
  CadenceWindow,
  CODE_MESSAGE,
  CODE_PATTERN,
  type LegalBasis,
  type MeetingBody,
  MeetingBodyLabels,
  ResponsibilityRoleLabels,
  StepKindLabels,
} from '@qinglian/contracts';
import { type CellValue } from 'exceljs';
import { lines, text } from './excel-bundle';

/**
 * How values are written in cells, both ways: each `Syntax` parses what people type (labels, the
 * contract's enum values, a few obvious variants) and formats values the way it documents, so an
 * export reads back unchanged.
 */

/** A message in both languages; problems show it as "中文 / English". */
export interface Msg {
  readonly zh: string;
  readonly en: string;
}

export function say(zh: string, en: string): Msg {
  return { zh, en };
}

export function render(m: Msg): string {
  return `${m.zh} / ${m.en}`;
}

/** What a cell holds, as the text Excel shows; dates are kept too, for 截止日期. */
export interface CellInput {
  readonly text: string;
  readonly date: Date | null;
}

export type CellOut = string | number | null;

export type Parsed<T> = { readonly value: T } | { readonly problems: readonly Msg[] };

/** Unit and post names by code, so exported actors read 单元:CQK（产权科）. */
export interface NameIndex {
  readonly units: ReadonlyMap<string, string>;
  readonly posts: ReadonlyMap<string, string>;
}

export interface Syntax<T> {
  /** How to write it, for 填写说明. */
  readonly allowed: string;
  /** The few values a dropdown offers, when the cell takes one of them. */
  readonly choices?: readonly string[];
  /** Written as a number rather than text. */
  readonly numeric?: boolean;
  /** Parses a cell that is not empty. */
  parse(input: CellInput): Parsed<T>;
  format(value: T, names: NameIndex): CellOut;
}

const ok = <T>(value: T): Parsed<T> => ({ value });
const fail = <T>(...problems: Msg[]): Parsed<T> => ({ problems });

/** A cell's text, or why it cannot be read (error values, formulas Excel never calculated). */
export function readCell(value: CellValue): CellInput | Msg {
  if (value === null || value === undefined) return { text: '', date: null };
  if (typeof value === 'string') return { text: value, date: null };
  if (typeof value === 'number') return { text: String(value), date: null };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', date: null };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? say('无法识别的日期', 'the date in this cell is not valid') : { text: dateText(value), date: value };
  }
  if ('error' in value) return say(`单元格含错误值 ${value.error}`, `the cell holds the error value ${value.error}`);
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), date: null };
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) return say('公式没有保存的计算结果：请在 Excel 中重新计算后保存', 'the formula has no saved result: recalculate and save it in Excel');
    return readCell(value.result);
  }
  if ('hyperlink' in value) return readCell(value.text);
  return say('无法读取此单元格的内容', 'the content of this cell cannot be read');
}

/** Dates as Excel users write them; exceljs gives the cell's wall-clock time as UTC. */
function dateText(d: Date): string {
  const day = d.toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 19);
  return time === '00:00:00' ? day : `${day} ${time}`;
}

export function isBlank(input: CellInput): boolean {
  return input.date === null && input.text.trim() === '';
}

/** Full-width digits (１２) as typed by some Chinese input methods. */
function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

// ---------------------------------------------------------------- text

export const plainText: Syntax<string> = {
  allowed: '文本 / text',
  parse: (input) => ok(text(input.text) ?? ''),
  format: (v) => v,
};

const CODE_ALLOWED = '字母、数字和“_”“.”“-”，以字母或数字开头，最长 40 位 / letters, digits, "_", "." or "-"';

/** A code as text; the contracts check the code of what a row defines. */
export const codeText: Syntax<string> = { ...plainText, allowed: CODE_ALLOWED };

/** A code naming something elsewhere (a parent unit, a unit), checked against the code pattern. */
export const codeRef: Syntax<string> = {
  allowed: CODE_ALLOWED,
  parse: (input) => {
    const code = input.text.trim();
    return CODE_PATTERN.test(code) ? ok(code) : fail(say(`编码「${code}」格式不正确：须为 1–40 位字母、数字、“_”“.”“-”，以字母或数字开头`, `code ${CODE_MESSAGE}`));
  },
  format: (v) => v,
};

export const lineList: Syntax<string[]> = {
  allowed: '每行一条 / one entry per line',
  parse: (input) => ok(lines([input.text])),
  format: (v) => v.join('\n'),
};

// ---------------------------------------------------------------- numbers, booleans, dates

export const positiveInt: Syntax<number> = {
  allowed: '正整数 / a whole number, 1 or more',
  numeric: true,
  parse: (input) => {
    const t = asciiDigits(input.text.trim());
    return input.date === null && /^\d+$/.test(t) && Number(t) >= 1 && Number.isSafeInteger(Number(t))
      ? ok(Number(t))
      : fail(say(`须为正整数，而不是「${input.text.trim()}」`, `must be a whole number of 1 or more, not "${input.text.trim()}"`));
  },
  format: (v) => v,
};

const YES = '是';
const NO = '否';

export const yesNo: Syntax<boolean> = {
  allowed: `${YES} 或 ${NO} / yes or no`,
  choices: [YES, NO],
  parse: (input) => {
    const t = input.text.trim().toLowerCase();
    if (t === YES || t === 'true') return ok(true);
    if (t === NO || t === 'false') return ok(false);
    return fail(say(`须填「${YES}」或「${NO}」，而不是「${input.text.trim()}」`, `must be ${YES} (yes) or ${NO} (no), not "${input.text.trim()}"`));
  },
  format: (v) => (v ? YES : NO),
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** MM-DD; also 1-31, 1/31, 1月31日, and a date cell (Excel turns a typed 01-31 into a date). */
export const monthDay: Syntax<string> = {
  allowed: 'MM-DD，如 01-31（年底前写 12-31） / MM-DD, e.g. 01-31',
  parse: (input) => {
    let month: number;
    let day: number;
    if (input.date !== null) {
      month = input.date.getUTCMonth() + 1;
      day = input.date.getUTCDate();
    } else {
      const t = asciiDigits(input.text.trim());
      const m = /^(?:\d{4}[-/.])?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
      month = m ? Number(m[1]) : 0;
      day = m ? Number(m[2]) : 0;
    }
    if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
      return fail(say(`截止日期须为 MM-DD（如 01-31），「${input.text.trim()}」不是一年中的日期`, `the due date must be MM-DD (e.g. 01-31); "${input.text.trim()}" is not a day of the year`));
    }
    return ok(`${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  },
  format: (v) => v,
};

/** Step numbers: 1、2、3, also separated by , ， ; or spaces, and ranges 1-4 (1～4, 1至4). */
export const stepNumbers: Syntax<number[]> = {
  allowed: '步骤序号，用顿号分隔，如 1、2、3；也可写范围 1-4 / step numbers, e.g. 1、2、3 or 1-4',
  parse: (input) => {
    const out: number[] = [];
    const problems: Msg[] = [];
    for (const part of asciiDigits(input.text).split(/[、,，;；\s]+/).filter((p) => p !== '')) {
      const range = /^(\d+)\s*[-–—~～至]\s*(\d+)$/.exec(part);
      if (/^\d+$/.test(part) && Number(part) >= 1) out.push(Number(part));
      else if (range && Number(range[1]) >= 1 && Number(range[1]) <= Number(range[2]) && Number(range[2]) <= 1000) {
        for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push(n);
      } else problems.push(say(`「${part}」不是步骤序号或范围`, `"${part}" is not a step number or range`));
    }
    return problems.length > 0 ? fail(...problems) : ok([...new Set(out)].sort((a, b) => a - b));
  },
  format: (v) => v.join('、'),
};

// ---------------------------------------------------------------- enumerations

/**
 * One of an enum: its Chinese label, the label's parts (申请/受理 → 申请, 受理; 主要领导（党委书记）→
 * 主要领导, 党委书记), the enum value, or an explicit alias. Exported as the label.
 */
export function enumSyntax<E extends string>(what: Msg, labels: Readonly<Record<E, string>>, aliases: Readonly<Record<string, E>> = {}): Syntax<E> {
  const lookup = new Map<string, E>();
  const entries = Object.entries(labels) as [E, string][];
  for (const [value, label] of entries) {
    lookup.set(value.toLowerCase(), value);
    for (const part of labelParts(label)) if (!lookup.has(part)) lookup.set(part, value);
  }
  for (const [alias, value] of Object.entries(aliases)) lookup.set(alias, value);
  for (const [value, label] of entries) lookup.set(label, value);
  const choices = entries.map(([, label]) => label);
  return {
    allowed: choices.join('、'),
    choices,
    parse: (input) => {
      const t = input.text.trim();
      const value = lookup.get(t) ?? lookup.get(t.toLowerCase());
      return value !== undefined ? ok(value) : fail(say(`未知的${what.zh}「${t}」，可填：${choices.join('、')}`, `unknown ${what.en} "${t}"`));
    },
    format: (v) => labels[v],
  };
}

function labelParts(label: string): string[] {
  const paren = /^(.+?)（(.+)）$/.exec(label);
  const parts = paren ? [paren[1] as string, paren[2] as string] : label.split(/[/／]/);
  return parts.map((p) => p.trim()).filter((p) => p !== '' && p !== label);
}

const zhOf = <E extends string>(labels: Readonly<Record<E, { readonly zh: string }>>): Record<E, string> =>
  Object.fromEntries(Object.entries<{ readonly zh: string }>(labels).map(([k, v]) => [k, v.zh])) as Record<E, string>;

export const stepKind = enumSyntax(say('步骤类型', 'step type'), zhOf(StepKindLabels));

export const responsibilityRole = enumSyntax(say('责任角色', 'responsibility role'), zhOf(ResponsibilityRoleLabels));

export const CADENCE_PERIOD_LABELS: Readonly<Record<CadencePeriod, string>> = {
  [CadencePeriod.Quarter]: '每季度',
  [CadencePeriod.HalfYear]: '每半年',
  [CadencePeriod.Year]: '每年',
};

export const cadencePeriod = enumSyntax(say('周期', 'period'), CADENCE_PERIOD_LABELS, {
  季度: CadencePeriod.Quarter,
  每季: CadencePeriod.Quarter,
  半年: CadencePeriod.HalfYear,
  年度: CadencePeriod.Year,
  每年度: CadencePeriod.Year,
});

export const CADENCE_WINDOW_LABELS: Readonly<Record<CadenceWindow, string>> = {
  [CadenceWindow.YearStart]: '年初',
  [CadenceWindow.YearEnd]: '年底',
  [CadenceWindow.Q1]: '第一季度',
};

export const cadenceWindow = enumSyntax(say('时段', 'window'), CADENCE_WINDOW_LABELS, { 年终: CadenceWindow.YearEnd, 一季度: CadenceWindow.Q1 });

const meetingBody = enumSyntax(say('会议机构', 'meeting body'), zhOf(MeetingBodyLabels));

/** 党委会、委务会 — also separated by 或 (as the chart prints it), commas or line breaks. */
export const meetingBodies: Syntax<MeetingBody[]> = {
  allowed: `${meetingBody.allowed}，多个用顿号分隔 / one or more, separated by 、`,
  parse: (input) => {
    const parts = input.text.split(/[、,，;；\n或]+/).map((p) => p.trim()).filter((p) => p !== '');
    const parsed = parts.map((p) => meetingBody.parse({ text: p, date: null }));
    const problems = parsed.flatMap((r) => ('problems' in r ? r.problems : []));
    return problems.length > 0 ? fail(...problems) : ok([...new Set(parsed.flatMap((r) => ('value' in r ? [r.value] : [])))]);
  },
  format: (v, names) => v.map((b) => meetingBody.format(b, names)).join('、'),
};

// ---------------------------------------------------------------- actors

const ROLE_LABELS = zhOf(RoleLabels);

/** Names people use for roles besides the labels: the seed's 驻委纪检监察组 is the stationed group. */
const ROLE_ALIASES: Readonly<Record<string, Role>> = { 驻委纪检监察组: Role.ExternalDiscipline };

const role = enumSyntax(say('角色', 'role'), ROLE_LABELS, ROLE_ALIASES);

const ACTOR_PREFIX: Readonly<Record<string, ActorKind>> = { 角色: ActorKind.Role, 单元: ActorKind.Unit, 岗位: ActorKind.Post, 外部: ActorKind.External };
const PREFIX_OF: Readonly<Record<ActorKind, string>> = { [ActorKind.Role]: '角色', [ActorKind.Unit]: '单元', [ActorKind.Post]: '岗位', [ActorKind.External]: '外部' };

export const ACTOR_NOTATION = '角色:<角色名称>、单元:<单元编码>、岗位:<岗位编码> 或 外部:<机构名称>';

export const actor: Syntax<ActorRef> = {
  allowed: `${ACTOR_NOTATION}，如 角色:经办人员、单元:CQK（产权科）、外部:市纪委监委第一监督检查室 / role, unit, post or external body`,
  parse: (input) => {
    const t = input.text.trim();
    const m = /^(角色|单元|岗位|外部)\s*[:：]\s*(.*)$/s.exec(t);
    const kind = m ? ACTOR_PREFIX[m[1] as string] : undefined;
    if (!m || kind === undefined) {
      const hint = 'value' in role.parse(input) ? say(`，如「角色:${t}」`, ` (e.g. "角色:${t}")`) : say('', '');
      return fail(say(`「${t}」须写成 ${ACTOR_NOTATION}${hint.zh}`, `"${t}" must be written as 角色:<role>, 单元:<unit code>, 岗位:<post code> or 外部:<name>${hint.en}`));
    }
    // Units and posts may carry their name in parentheses, for people to read: 单元:CQK（产权科）.
    const rest = (m[2] as string).trim();
    const ref = kind === ActorKind.Unit || kind === ActorKind.Post ? rest.replace(/\s*[（(].*$/s, '') : rest;
    if (ref === '') return fail(say(`「${m[1] as string}:」后缺少内容`, `nothing after "${m[1] as string}:"`));
    if (kind === ActorKind.Role) {
      const r = role.parse({ text: ref, date: null });
      return 'value' in r ? ok({ kind, ref: r.value }) : r;
    }
    return ok({ kind, ref });
  },
  format: (a, names) => {
    const prefix = `${PREFIX_OF[a.kind]}:`;
    switch (a.kind) {
      case ActorKind.Role:
        return prefix + (isRole(a.ref) ? RoleLabels[a.ref].zh : a.ref);
      case ActorKind.Unit:
        return prefix + withName(a.ref, names.units.get(a.ref));
      case ActorKind.Post:
        return prefix + withName(a.ref, names.posts.get(a.ref));
      case ActorKind.External:
        return prefix + a.ref;
    }
  },
};

function withName(code: string, name: string | undefined): string {
  return name === undefined ? code : `${code}（${name}）`;
}

/** One actor: a second line is a mistake (supervisors take several, the actor one). */
export const singleActor: Syntax<ActorRef> = {
  ...actor,
  parse: (input) => {
    const entries = lines([input.text]);
    if (entries.length > 1) return fail(say('只能填写一个行权主体（此格有多行）', 'only one actor may be given (the cell has several lines)'));
    return actor.parse({ text: entries[0] ?? '', date: null });
  },
};

export const actorList = listOf(actor);

/** 标题｜文号 per line; the document number is optional. */
const legalBasis: Syntax<LegalBasis> = {
  allowed: '标题｜文号（全角竖线；文号可省略）',
  parse: (input) => {
    const t = input.text.trim();
    const bar = t.search(/[｜|]/);
    const title = (bar < 0 ? t : t.slice(0, bar)).trim();
    const docNo = bar < 0 ? null : text(t.slice(bar + 1));
    return title === '' ? fail(say('制度依据缺少标题（写成 标题｜文号）', 'the legal basis has no title (write 标题｜文号)')) : ok({ title, docNo });
  },
  format: (b) => (b.docNo ? `${b.title}｜${b.docNo}` : b.title),
};

export const legalBasisList = listOf(legalBasis);

/** Several entries, one per line, each in `entry`'s notation; problems name the line. */
function listOf<T>(entry: Syntax<T>): Syntax<T[]> {
  return {
    allowed: `每行一项，每项写成 ${entry.allowed}`,
    parse: (input) => {
      const entries = input.text.split(/\r\n|\r|\n/).map((l, i) => ({ line: i + 1, text: l.trim() })).filter((l) => l.text !== '');
      const values: T[] = [];
      const problems: Msg[] = [];
      for (const e of entries) {
        const r = entry.parse({ text: e.text, date: null });
        if ('value' in r) values.push(r.value);
        else problems.push(...r.problems.map((p) => say(`第 ${e.line} 行：${p.zh}`, `line ${e.line}: ${p.en}`)));
      }
      return problems.length > 0 ? fail(...problems) : ok(values);
    },
    format: (v, names) => v.map((x) => entry.format(x, names)).join('\n'),
  };
}

